using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Finance;

/// <summary>
/// A cost that is neither labour nor a supplier's charge (travel, equipment, marketing), dated and
/// booked to a service, a customer or a practice of the provider (one at least). A negative amount
/// is a credit.
/// </summary>
public sealed class CostEntry : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public LocalDate On { get; set; }
    public decimal Amount { get; set; }
    /// <summary>ISO 4217 code, upper case. A currency without a rate is accepted and shows as missing in the P&amp;L.</summary>
    public required string Currency { get; set; }
    public Guid? ServiceId { get; set; }
    public Guid? CustomerId { get; set; }
    public Guid? PracticeId { get; set; }
    public required string Category { get; set; }
    public string? Note { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
