using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;

namespace Steward.Core.Persistence;

/// <summary>
/// One row whose value changes, in the same transaction, with every change to what the record
/// workflow reads as configuration (partners, teams, services, subscriptions, sourcing,
/// agreements, SLA policies and calendars, priority matrices, satisfaction surveys). Servers keep that configuration in
/// memory and read only this value per request: a different value means some server changed it.
/// </summary>
public sealed class ConfigStamp
{
    public const int SingleId = 1;

    public int Id { get; init; }
    public Guid Value { get; set; }

    /// <summary>Whether a change of this entry changes the configuration. A new organization does not until it becomes someone's partner.</summary>
    public static bool Touches(EntityEntry entry) => entry.Entity switch
    {
        Organization => entry.State is EntityState.Modified or EntityState.Deleted,
        PartnerRelationship or Team or Service or Subscription or Offering or SourcingAssignment or AgreementRecord
            or SlaPolicy or SlaCalendar or PrioritySetting or Processes.TailoredProcess or Satisfaction.Survey => true,
        _ => false,
    };
}

sealed class ConfigStampConfiguration : IEntityTypeConfiguration<ConfigStamp>
{
    public void Configure(EntityTypeBuilder<ConfigStamp> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.HasData(new ConfigStamp { Id = ConfigStamp.SingleId, Value = Guid.Empty });
    }
}
