using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Finance;

/// <summary>
/// One unit of <see cref="From"/> is worth <see cref="Rate"/> units of <see cref="To"/> from
/// <see cref="On"/> until the provider's next rate for the same pair (<see cref="RateBook"/>).
/// </summary>
public sealed class ExchangeRate : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string From { get; set; }
    public required string To { get; set; }
    public LocalDate On { get; set; }
    public decimal Rate { get; set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public DatedRate ToDated() => new(From, To, On, Rate);
}
