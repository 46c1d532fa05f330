using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;

namespace Steward.Core.Sourcing;

sealed class SourcingAssignmentConfiguration : IEntityTypeConfiguration<SourcingAssignment>
{
    public void Configure(EntityTypeBuilder<SourcingAssignment> e)
    {
        e.Property(a => a.ProcessKey).HasMaxLength(PortfolioLimits.ProcessKey);
        e.Property(a => a.ActivityKey).HasMaxLength(PortfolioLimits.ActivityKey);
        e.Property(a => a.Slot).HasMaxLength(240).HasAnnotation(Audit.AuditJournal.NotJournaled, true);
        e.Property(a => a.Note).HasMaxLength(PartyLimits.Text);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.Ignore(a => a.PerformerId);
        e.Ignore(a => a.IsActivityLevel);
        e.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.PerformerOrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany().HasForeignKey(a => a.PerformerTeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.AccountableId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.ServiceId, a.Slot }).IsUnique();
        // A provider's profiles load all its assignments; lists filter by customer or process.
        e.HasIndex(a => new { a.ProviderId, a.ServiceId });
        e.HasIndex(a => new { a.CustomerId, a.ServiceId });
        e.HasIndex(a => a.PerformerOrganizationId);
        e.HasIndex(a => a.PerformerTeamId);
        e.HasIndex(a => a.AccountableId);
    }
}

sealed class AgreementRecordConfiguration : IEntityTypeConfiguration<AgreementRecord>
{
    public void Configure(EntityTypeBuilder<AgreementRecord> e)
    {
        e.Property(a => a.Reference).HasMaxLength(PartyLimits.Name);
        e.Property(a => a.ProcessKey).HasMaxLength(PortfolioLimits.ProcessKey);
        e.Property(a => a.Note).HasMaxLength(PartyLimits.Text);
        e.Property(a => a.Targets).HasReadableJsonConversion().HasDefaultValue(new List<AgreementTarget>());
        e.Property(a => a.MeasureTargets).HasReadableJsonConversion().HasDefaultValue(new List<AgreementMeasureTarget>());
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(a => a.AccountableId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.ProviderId, a.Type });
        e.HasIndex(a => a.AccountableId);
        e.HasIndex(a => a.CounterpartyId);
        e.HasIndex(a => a.ServiceId);
    }
}
