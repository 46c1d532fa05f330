using NodaTime;
using Steward.Core.Common;
using Steward.Core.Portfolio;

namespace Steward.Core.Finance;

/// <summary>
/// What the provider pays a supplier under an underpinning contract, per period from a start day.
/// Rows rather than columns of the agreement: a renegotiated price is a new dated row, and money is
/// read by fewer roles than agreements are. Booked to the agreement's service (none: provider-wide)
/// and to <see cref="CustomerId"/> when the contract serves one customer.
/// </summary>
public sealed class SupplierCharge : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public Guid AgreementId { get; init; }
    public decimal Amount { get; set; }
    /// <summary>ISO 4217 code, upper case.</summary>
    public required string Currency { get; set; }
    public ChargePeriod Period { get; set; }
    public LocalDate Start { get; set; }
    /// <summary>The last day charged (inclusive); null while it runs.</summary>
    public LocalDate? End { get; set; }
    public Guid? CustomerId { get; set; }
    public string? Note { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
