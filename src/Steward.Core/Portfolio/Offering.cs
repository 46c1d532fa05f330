using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Portfolio;

/// <summary>One service-level target of an offering, e.g. availability 99.9 %, or P1 resolution 4 hours.</summary>
public sealed record ServiceLevelTarget(string Name, decimal Target, string Unit)
{
    public override string ToString() => $"{Name}: {Target.ToString(System.Globalization.CultureInfo.InvariantCulture)} {Unit}";
}

/// <summary>An option of a service (Gold, Silver...) with the service levels it promises.</summary>
public sealed class Offering : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ServiceId { get; init; }
    /// <summary>The service's provider, copied so that tenancy is one comparison.</summary>
    public Guid ProviderId { get; init; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<ServiceLevelTarget> Targets { get; set; } = [];
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
