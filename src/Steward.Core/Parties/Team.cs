using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Parties;

/// <summary>An assignment group owned by an organization. Members may come from other organizations (a contractor's engineer in a provider team).</summary>
public sealed class Team : IEntity, IArchivable, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Email { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? ArchivedAt { get; set; }
    public long Version { get; set; }
}

public sealed class TeamMember : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid TeamId { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The team's owner: membership is the team's organization's business.</summary>
    public Guid OrganizationId { get; init; }
    public bool IsLead { get; set; }
    public Instant JoinedAt { get; init; }
    public long Version { get; set; }
}
