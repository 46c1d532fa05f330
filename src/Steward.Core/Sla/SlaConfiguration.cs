using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Records;

namespace Steward.Core.Sla;

sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> e)
    {
        e.Property(p => p.Name).HasMaxLength(PartyLimits.Name);
        e.Property(p => p.Description).HasMaxLength(PartyLimits.Text);
        e.Property(p => p.Kinds).HasReadableJsonConversion();
        e.Property(p => p.ServiceIds).HasReadableJsonConversion();
        e.Property(p => p.OfferingIds).HasReadableJsonConversion();
        e.Property(p => p.CustomerIds).HasReadableJsonConversion();
        e.Property(p => p.Priorities).HasReadableJsonConversion();
        e.Property(p => p.Targets).HasReadableJsonConversion();
        e.Property(p => p.PauseStates).HasReadableJsonConversion();
        e.Property(p => p.Escalations).HasReadableJsonConversion();
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SlaCalendar>().WithMany().HasForeignKey(p => p.CalendarId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => new { p.OrganizationId, p.Name }).IsUnique();
    }
}

sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> e)
    {
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(c => c.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.RecordId, c.Metric });
        // Reports read clocks per party. Replanning goes by the provider's records, so nothing looks
        // clocks up by policy or calendar: each index more is two B-tree writes per clock.
        e.HasIndex(c => new { c.PartyId, c.Stage });
        // The measures read a party's clocks by the records opened in a period (its compliance), and
        // the skills clocks by when they started (time to engage), each from one covering range of
        // party clocks alone: the first-response and resolution clocks, two per record, pay for neither.
        e.HasIndex(c => new
        {
            c.ProviderId, c.PartyId, c.RecordOpenedAt, c.PartyOrganizationId, c.CustomerId, c.Target, c.Stage, c.BreachedAt, c.DueAt, c.RecordId,
        }).HasDatabaseName("IX_SlaClocks_PartyCompliance").HasFilter("\"Metric\" = 'Party'");
        e.HasIndex(c => new { c.ProviderId, c.AgreementType, c.StartedAt, c.PartyId, c.PartyOrganizationId, c.CustomerId, c.EngagedAfter, c.RecordId })
            .HasDatabaseName("IX_SlaClocks_Engagement").HasFilter("\"Metric\" = 'Party'");
    }
}

sealed class SlaJobConfiguration : IEntityTypeConfiguration<SlaJob>
{
    public void Configure(EntityTypeBuilder<SlaJob> e)
    {
        e.Property(j => j.FiredBy).HasMaxLength(200);
        e.HasOne<SlaClock>().WithMany().HasForeignKey(j => j.ClockId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(j => new { j.ClockId, j.Trigger }).IsUnique();
        // The worker's scan: jobs not yet fired, by due instant. Fired jobs stay as the record of what ran.
        e.HasIndex(j => j.DueAt).HasFilter("\"FiredAt\" IS NULL");
    }
}

sealed class SlaReplanConfiguration : IEntityTypeConfiguration<SlaReplan>
{
    public void Configure(EntityTypeBuilder<SlaReplan> e)
    {
        e.Property(r => r.Reason).HasMaxLength(400);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => r.RequestedAt).HasFilter("\"DoneAt\" IS NULL");
    }
}
