using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;

namespace Steward.Core.Notifications;

sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.Property(n => n.Text).HasMaxLength(NotificationLimits.Text);
        e.Property(n => n.Link).HasMaxLength(NotificationLimits.Link);
        e.HasOne<Person>().WithMany().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(n => new { n.PersonId, n.ReadAt, n.Id });
    }
}
