using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Sourcing;

/// <summary>
/// Who performs a whole process, or one activity of it, for a service: for every customer of the
/// service (<see cref="CustomerId"/> null) or for one. A customer-specific assignment overrides the
/// service-wide ones; an activity assignment overrides the process performer for that step.
/// Only a process-level assignment names the accountable organization.
/// </summary>
public sealed class SourcingAssignment : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    /// <summary>The service's provider: assignments are its records.</summary>
    public Guid ProviderId { get; init; }
    public Guid ServiceId { get; init; }
    public Guid? CustomerId { get; init; }
    public required string ProcessKey { get; init; }
    public string? ActivityKey { get; init; }
    /// <summary>The performing organization; when a team performs, the team's organization.</summary>
    public Guid PerformerOrganizationId { get; set; }
    public Guid? PerformerTeamId { get; set; }
    /// <summary>The organization that answers for the process; null on activity assignments.</summary>
    public Guid? AccountableId { get; set; }
    public string? Note { get; set; }
    /// <summary>
    /// "customer or *" and "activity or process": unique per service, so that a duplicate is refused
    /// by the database even under concurrent posts (a unique index would let NULL customers repeat).
    /// </summary>
    public string Slot
    {
        get => SlotOf(CustomerId, ProcessKey, ActivityKey);
        // Derived from the init-only fields above; EF Core stores it and reads it back unchanged.
        private set { }
    }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    /// <summary>The performer as the API names it: the team when a team performs, else the organization.</summary>
    public Guid PerformerId => PerformerTeamId ?? PerformerOrganizationId;

    public bool IsActivityLevel => ActivityKey is not null;

    public static string SlotOf(Guid? customerId, string processKey, string? activityKey) =>
        $"{(customerId is { } c ? c.ToString("N") : "*")}:{activityKey ?? processKey}";
}
