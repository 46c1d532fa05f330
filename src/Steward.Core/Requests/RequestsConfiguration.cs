using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;
using Steward.Core.Records;

namespace Steward.Core.Requests;

public static class CatalogLimits
{
    public const int Name = 200;
    public const int Summary = 300;
    public const int Description = 20_000;
    public const int Category = 100;
    public const int TaskTitle = 200;
    public const int Comment = 4_000;
}

sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> e)
    {
        e.Property(i => i.Name).HasMaxLength(CatalogLimits.Name);
        e.Property(i => i.Summary).HasMaxLength(CatalogLimits.Summary);
        e.Property(i => i.Description).HasMaxLength(CatalogLimits.Description);
        e.Property(i => i.Category).HasMaxLength(CatalogLimits.Category);
        e.Property(i => i.Fields).HasReadableJsonConversion();
        e.Property(i => i.Stages).HasReadableJsonConversion();
        e.Property(i => i.Tasks).HasReadableJsonConversion();
        e.Property(i => i.Version).IsConcurrencyToken();
        e.HasOne<Organization>().WithMany().HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Service>().WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(i => new { i.ProviderId, i.Name }).IsUnique();
        e.HasIndex(i => new { i.ServiceId, i.Name });
    }
}

sealed class RequestApprovalConfiguration : IEntityTypeConfiguration<RequestApproval>
{
    public void Configure(EntityTypeBuilder<RequestApproval> e)
    {
        e.Property(a => a.StageName).HasMaxLength(CatalogLimits.Name);
        e.Property(a => a.Comment).HasMaxLength(CatalogLimits.Comment);
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(a => a.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Person>().WithMany().HasForeignKey(a => a.ApproverId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.RecordId, a.Stage });
        // "Waiting for my approval": an approver's pending decisions.
        e.HasIndex(a => new { a.ApproverId, a.Decision });
    }
}

sealed class FulfilmentTaskConfiguration : IEntityTypeConfiguration<FulfilmentTask>
{
    public void Configure(EntityTypeBuilder<FulfilmentTask> e)
    {
        e.Property(t => t.Title).HasMaxLength(CatalogLimits.TaskTitle);
        e.Property(t => t.Description).HasMaxLength(PartyLimits.Text);
        e.Property(t => t.Note).HasMaxLength(CatalogLimits.Comment);
        e.Property(t => t.Version).IsConcurrencyToken();
        e.HasOne<WorkRecord>().WithMany().HasForeignKey(t => t.RecordId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Person>().WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => new { t.RecordId, t.Order });
        // A team's task queue.
        e.HasIndex(t => new { t.TeamId, t.State });
    }
}
