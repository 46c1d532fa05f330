using NodaTime;
using Steward.Core.Common;
using Steward.Core.Sourcing;

namespace Steward.Core.Portfolio;

public enum ChargePeriod
{
    Monthly,
    Quarterly,
    Yearly,
    OneOff,
}

/// <summary>
/// A customer's contract for an offering. The provider manages it (it is the provider's record);
/// the customer's people read it. <see cref="ClaimedKind"/> is what the contract says is sourced,
/// which the derived sourcing profile checks.
/// </summary>
public sealed class Subscription : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid OfferingId { get; set; }
    /// <summary>The offering's service, copied: profiles and filters go by service.</summary>
    public Guid ServiceId { get; set; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    public LocalDate Start { get; set; }
    public LocalDate? End { get; set; }
    public decimal ChargeAmount { get; set; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public required string ChargeCurrency { get; set; }
    public ChargePeriod ChargePeriod { get; set; }
    public SourcingKind? ClaimedKind { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool IsActiveOn(LocalDate day) => Start <= day && (End is null || day <= End);

    public static RuleViolation? CheckDates(LocalDate start, LocalDate? end) =>
        end is { } e && e < start ? new("The end date is before the start date.", "end") : null;
}
