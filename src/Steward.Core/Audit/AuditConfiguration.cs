using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Steward.Core.Audit;

sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("AuditJournal");
        e.Property(a => a.Id).ValueGeneratedOnAdd();
        e.Property(a => a.EntityType).HasMaxLength(100);
        // Each filter of GET /api/v1/audit pages by id within one of these.
        e.HasIndex(a => new { a.EntityId, a.Id });
        e.HasIndex(a => new { a.EntityType, a.Id });
        e.HasIndex(a => new { a.ActorPersonId, a.Id });
        e.HasIndex(a => a.At);
    }
}
