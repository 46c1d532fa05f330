using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Improvements;

/// <summary>A task of an improvement: who does what by when.</summary>
public sealed class ImprovementAction : IEntity, IVersioned, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ImprovementId { get; init; }
    /// <summary>The improvement's provider, copied so that tenancy is one comparison.</summary>
    public Guid ProviderId { get; init; }
    public required string Title { get; set; }
    public Guid OwnerId { get; set; }
    public LocalDate DueOn { get; set; }
    public Instant? DoneAt { get; private set; }
    public Guid? DoneById { get; private set; }
    public Instant CreatedAt { get; init; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;

    public bool IsDone => DoneAt is not null;

    /// <summary>Not done and due before <paramref name="today"/> (the reader's today).</summary>
    public bool IsOverdueOn(LocalDate today) => DoneAt is null && DueOn < today;

    /// <summary>Marks the action done or not done; done once keeps its first instant.</summary>
    public void SetDone(bool done, Guid? byId, Instant now)
    {
        if (done == IsDone) return;
        DoneAt = done ? now : null;
        DoneById = done ? byId : null;
    }
}
