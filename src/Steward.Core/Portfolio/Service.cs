using NodaTime;
using Steward.Core.Common;
using Steward.Core.Parties;

namespace Steward.Core.Portfolio;

public enum ServiceType
{
    /// <summary>Used directly by the customer's business processes.</summary>
    Business,
    /// <summary>Infrastructure or applications that business services run on.</summary>
    Technical,
    /// <summary>Needed by the provider to deliver other services; not offered to customers on its own.</summary>
    Supporting,
}

public enum ServiceLifecycle
{
    Pipeline,
    Live,
    Retired,
}

/// <summary>
/// An IT service a provider delivers. Its <see cref="ProcessKeys"/> are the ITSM processes needed
/// to deliver it: the sourcing model asks, for each of them, who performs it and who answers for it.
/// </summary>
public sealed class Service : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    /// <summary>The providing organization; the service is its record.</summary>
    public Guid ProviderId { get; init; }
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = Organization.KeyOf(value);
        }
    }
    string name = "";

    /// <summary>The name as uniqueness sees it: unique per provider.</summary>
    public string NameKey { get; private set; } = "";
    public string? Description { get; set; }
    public ServiceType Type { get; set; }
    public ServiceLifecycle Lifecycle { get; set; }
    /// <summary>The service owner: a person of the provider.</summary>
    public Guid? OwnerId { get; set; }
    /// <summary>The business outcomes the service facilitates, in the customer's words.</summary>
    public List<string> Outcomes { get; set; } = [];
    /// <summary>Keys of the processes needed to deliver it (from the provider's process library).</summary>
    public List<string> ProcessKeys { get; set; } = [];
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }
    /// <summary>The services this one depends on (read side: projections list their ids).</summary>
    public List<ServiceDependency> Dependencies { get; init; } = [];

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>Service <see cref="ServiceId"/> depends on <see cref="SupportingServiceId"/>; the graph has no cycles.</summary>
public sealed class ServiceDependency : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ServiceId { get; init; }
    public Guid SupportingServiceId { get; init; }
    /// <summary>The provider of the dependent service.</summary>
    public Guid ProviderId { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
