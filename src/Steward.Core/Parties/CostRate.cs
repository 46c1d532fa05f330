using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>
/// An hourly cost of a person or a team from a date on; the rate in force on a day is the one with
/// the latest ValidFrom not after it. Work logged later is costed with it.
/// </summary>
public sealed class CostRate : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid? PersonId { get; init; }
    public Guid? TeamId { get; init; }
    /// <summary>The organization of the person or the team.</summary>
    public Guid OrganizationId { get; init; }
    public decimal HourlyAmount
    {
        get => hourlyAmount;
        set
        {
            hourlyAmount = value;
            HourlyUnits = Finance.MoneyUnits.Of(value);
        }
    }
    decimal hourlyAmount;

    /// <summary>
    /// The hourly amount in ten-thousandths, as stored (numeric(18,4)): SQL sums minutes × units as
    /// exact integers on both databases, where SQLite cannot sum decimals (it keeps them as text).
    /// </summary>
    public long HourlyUnits { get; private set; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; set; }
    public LocalDate ValidFrom { get; set; }
    /// <summary>
    /// The payee's next rate's ValidFrom (exclusive), null for the latest: derived, kept by whoever
    /// writes a payee's rates (<c>CostRateChains</c>), so that SQL joins work on an interval.
    /// </summary>
    public LocalDate? ValidUntil { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }
}
