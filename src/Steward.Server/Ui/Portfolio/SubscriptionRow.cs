using NodaTime;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Server.Ui.Portfolio;

/// <summary>A subscription as lists show it, with the names of what it refers to.</summary>
public sealed record SubscriptionRow(Guid Id, Guid CustomerId, string? Customer, Guid ServiceId, string? Service, string? Offering,
    LocalDate Start, LocalDate? End, decimal Amount, string Currency, ChargePeriod Period, SourcingKind? Claimed)
{
    public bool EndedBy(LocalDate today) => End is { } end && end < today;
}
