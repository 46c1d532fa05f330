using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Portfolio;

namespace Steward.Core.Improvements;

sealed class ImprovementConfiguration : IEntityTypeConfiguration<Improvement>
{
    public void Configure(EntityTypeBuilder<Improvement> e)
    {
        e.Property(i => i.Title).HasMaxLength(ImprovementLimits.Title);
        e.Property(i => i.Problem).HasMaxLength(ImprovementLimits.Problem);
        e.Property(i => i.ProcessKey).HasMaxLength(PortfolioLimits.ProcessKey);
        e.Property(i => i.MeasureKey).HasMaxLength(60);
        e.Property(i => i.Zone).HasMaxLength(60);
        e.Property(i => i.SourceNote).HasMaxLength(ImprovementLimits.SourceNote);
        e.Property(i => i.BaselineValue).HasPrecision(18, 4);
        e.Property(i => i.Target).HasPrecision(18, 4);
        e.Property(i => i.ClosingValue).HasPrecision(18, 4);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.Ignore(i => i.Scope);
        e.Ignore(i => i.IsFinal);
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // The register: a provider's improvements by state and target date (overdue ones first).
        e.HasIndex(i => new { i.ProviderId, i.State, i.TargetDate });
        // The improvement a follow-up (or another source) raised, shown beside it.
        e.HasIndex(i => new { i.Source, i.SourceId });
        e.HasIndex(i => new { i.OwnerId, i.State });
    }
}

sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> e)
    {
        e.Property(a => a.Title).HasMaxLength(ImprovementLimits.Title);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.Ignore(a => a.IsDone);
        e.HasOne<Improvement>().WithMany().HasForeignKey(a => a.ImprovementId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // An improvement's actions in due order; and "has an overdue action" for the register's order.
        e.HasIndex(a => new { a.ImprovementId, a.DoneAt, a.DueOn });
    }
}

sealed class ImprovementReviewConfiguration : IEntityTypeConfiguration<ImprovementReview>
{
    public void Configure(EntityTypeBuilder<ImprovementReview> e)
    {
        e.Property(r => r.Note).HasMaxLength(ImprovementLimits.Note);
        e.Property(r => r.Value).HasPrecision(18, 4);
        e.HasOne<Improvement>().WithMany().HasForeignKey(r => r.ImprovementId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ImprovementId, r.At });
    }
}
