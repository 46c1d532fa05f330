using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;

namespace Steward.Core.Records;

public static class RecordLimits
{
    public const int Title = 200;
    public const int Description = 20_000;
    public const int Comment = 20_000;
    public const int FileName = 255;
    public const int ContentType = 100;
    public const int Resolution = 4_000;
}

sealed class WorkRecordConfiguration : IEntityTypeConfiguration<WorkRecord>
{
    public void Configure(EntityTypeBuilder<WorkRecord> e)
    {
        e.Property(r => r.Number).HasMaxLength(20);
        e.Property(r => r.Title).HasMaxLength(RecordLimits.Title);
        e.Property(r => r.Description).HasMaxLength(RecordLimits.Description);
        e.Property(r => r.Resolution).HasMaxLength(RecordLimits.Resolution);
        e.Property(r => r.ProcessKey).HasMaxLength(PortfolioLimits.ProcessKey);
        e.Property(r => r.ActivityKey).HasMaxLength(PortfolioLimits.ActivityKey);
        e.Property(r => r.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Organization>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Team>().WithMany().HasForeignKey(r => r.AssignedTeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(r => r.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.Answers!).HasReadableJsonConversion();
        // The number is the kind's prefix and the sequence (RecordKinds.Number), so this also keeps
        // numbers unique; nothing looks a record up by its number column (search finds it through the
        // full-text index), and an index less is one B-tree write less per create.
        e.HasIndex(r => new { r.Kind, r.Sequence }).IsUnique();
        // Queues: a provider's open records by kind, newest first or by priority, paged by id.
        e.HasIndex(r => new { r.ProviderId, r.Kind, r.State, r.Priority, r.Id });
        e.HasIndex(r => new { r.ProviderId, r.Kind, r.Id });
        // A team's, a person's and a service's queue, and the desk's view of everything open across
        // teams: a page is read as one seek per state and priority (State = ? AND Priority = ?, newest
        // first), each stopping after the page, and merged (RecordQueries.Branches). Kind is in them
        // because SQLite has no statistics here and takes "Kind = ?" for as selective as any one
        // column: with (team, state, id) it read every incident through (Kind, Sequence) and sorted
        // them (bench/Steward.Bench queue; docs/performance.md, issue 5).
        e.HasIndex(r => new { r.AssignedTeamId, r.Kind, r.State, r.Priority, r.Id });
        e.HasIndex(r => new { r.AssigneeId, r.Kind, r.State, r.Priority, r.Id });
        e.HasIndex(r => new { r.CustomerId, r.Kind, r.Id });
        e.HasIndex(r => new { r.ServiceId, r.Kind, r.State, r.Priority, r.Id });
        e.HasIndex(r => new { r.Kind, r.State, r.Priority, r.Id });
        e.HasIndex(r => new { r.PerformerId, r.State, r.Id });
        e.HasIndex(r => new { r.RequesterId, r.Id });
        // No foreign key to the catalogue item: adding one rebuilds the table on SQLite, and its search triggers with it.
        // An item that has been requested is retired, never deleted (the catalogue API refuses).
        e.HasIndex(r => r.CatalogItemId);
        // Reports and measures read a provider's records by the instant they were opened or resolved.
        // Each index carries every column a measure of its cohort counts or narrows by, so that a
        // series over a million records is one range of the index and never a read of the wide row
        // (title, description and, on PostgreSQL, the search vectors): docs/performance.md, issue 20.
        e.HasIndex(r => new
        {
            r.ProviderId, r.OpenedAt, r.Kind, r.ServiceId, r.CustomerId, r.SourcingKind, r.ResponseOutcome, r.ResponseDueAt,
            r.ResolutionOutcome, r.ResolutionDueAt, r.ResponseTime, r.ResolvedAt, r.ClosedAt,
        }).HasDatabaseName("IX_WorkRecords_ProviderId_OpenedAt");
        e.HasIndex(r => new
        {
            r.ProviderId, r.ResolvedAt, r.Kind, r.ServiceId, r.CustomerId, r.SourcingKind, r.ResolvedByPartyId, r.ResolutionTime,
            r.ReopenCount, r.Handoffs, r.ResolvedWithArticle, r.OpenedAt, r.Id,
        }).HasDatabaseName("IX_WorkRecords_ProviderId_ResolvedAt");
        // Records never resolved: those open now (ClosedAt null), whose count the backlog's series
        // starts from, and those closed without a resolution (withdrawn, rejected), which leave it.
        e.HasIndex(r => new { r.ProviderId, r.ClosedAt, r.OpenedAt, r.Kind, r.ServiceId, r.CustomerId, r.SourcingKind })
            .HasDatabaseName("IX_WorkRecords_Unresolved").HasFilter("\"ResolvedAt\" IS NULL");
    }
}

sealed class RecordCommentConfiguration : IEntityTypeConfiguration<RecordComment>
{
    public void Configure(EntityTypeBuilder<RecordComment> e)
    {
        e.Property(c => c.Body).HasMaxLength(RecordLimits.Comment);
        e.Property(c => c.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(c => c.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.RecordId, c.Id });
    }
}

sealed class WorkLogConfiguration : IEntityTypeConfiguration<WorkLogEntry>
{
    public void Configure(EntityTypeBuilder<WorkLogEntry> e)
    {
        e.Property(w => w.Note).HasMaxLength(PartyLimits.Text);
        e.Property(w => w.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(w => w.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(w => w.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(w => new { w.RecordId, w.Id });
        // The P&L sums labour from index ranges alone, never the wide row (the note): costed by person
        // rates, one range of a person's days per rate; the provider's people and days first, for
        // who is costed and the drill-down. Both carry every column labour is booked and grouped by.
        e.HasIndex(w => new { w.PersonId, w.On, w.ProviderId, w.ServiceId, w.CustomerId, w.SourcingKind, w.Minutes })
            .HasDatabaseName("IX_WorkLog_PersonId_On");
        e.HasIndex(w => new { w.ProviderId, w.On, w.PersonId, w.PartyId, w.ServiceId, w.CustomerId, w.SourcingKind, w.Minutes })
            .HasDatabaseName("IX_WorkLog_ProviderId_On");
    }
}

sealed class RecordAttachmentConfiguration : IEntityTypeConfiguration<RecordAttachment>
{
    public void Configure(EntityTypeBuilder<RecordAttachment> e)
    {
        e.Property(a => a.FileName).HasMaxLength(RecordLimits.FileName);
        e.Property(a => a.ContentType).HasMaxLength(RecordLimits.ContentType);
        e.Property(a => a.Sha256).HasMaxLength(64);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.RecordId, a.Id });
    }
}

sealed class AttachmentContentConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> e)
    {
        e.HasKey(c => c.AttachmentId);
        e.HasOne<RecordAttachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

sealed class RecordLinkConfiguration : IEntityTypeConfiguration<RecordLink>
{
    public void Configure(EntityTypeBuilder<RecordLink> e)
    {
        e.Property(l => l.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(l => l.FromId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(l => l.ToId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(l => new { l.FromId, l.ToId, l.Kind }).IsUnique();
        e.HasIndex(l => l.ToId);
    }
}

sealed class PrioritySettingConfiguration : IEntityTypeConfiguration<PrioritySetting>
{
    public void Configure(EntityTypeBuilder<PrioritySetting> e)
    {
        e.Property(p => p.Matrix).HasMaxLength(40);
        e.Property(p => p.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(p => p.OrganizationId).IsUnique();
    }
}

sealed class RecordCounterConfiguration : IEntityTypeConfiguration<RecordCounter>
{
    public void Configure(EntityTypeBuilder<RecordCounter> e) => e.HasKey(c => c.Kind);
}

sealed class RecordSearchRowConfiguration : IEntityTypeConfiguration<RecordSearchRow>
{
    // Not mapped to a table: only ever read through RecordSearch.Rows' SQL.
    public void Configure(EntityTypeBuilder<RecordSearchRow> e) => e.HasNoKey().ToView(null);
}
