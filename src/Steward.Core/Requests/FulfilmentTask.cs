using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Requests;

public enum TaskState
{
    /// <summary>Sequential fulfilment: waits for the task before it.</summary>
    Waiting,
    Open,
    Done,
    Cancelled,
}

/// <summary>
/// A piece of a request's fulfilment, for a team: made from the catalogue item's templates when
/// fulfilment starts. The provider's people work them; the customer's see how far they are (their
/// titles and states, not the notes or who works them), and a requester withdrawing the request
/// cancels what is left.
/// </summary>
public sealed class FulfilmentTask : IEntity, IVersioned, ITenantScoped, ICustomerShared
{
    public Guid Id { get; init; } = Ids.New();
    public Guid RecordId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid CustomerId { get; init; }
    /// <summary>1-based position in the item's list: the order sequential fulfilment follows.</summary>
    public int Order { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public Guid? TeamId { get; set; }
    public Guid? AssigneeId { get; set; }
    public TaskState State { get; set; } = TaskState.Waiting;
    public Instant CreatedAt { get; init; }
    public Instant? OpenedAt { get; set; }
    public Instant? DoneAt { get; set; }
    public Guid? DoneById { get; set; }
    public string? Note { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

public static class Fulfilment
{
    /// <summary>
    /// Opens what may start now: in parallel every waiting task, in sequence the first waiting one
    /// once every task before it is done or cancelled. Returns the tasks it opened.
    /// </summary>
    public static IReadOnlyList<FulfilmentTask> OpenNext(IReadOnlyList<FulfilmentTask> tasks, TaskOrder order, Instant now)
    {
        var opened = new List<FulfilmentTask>();
        foreach (var task in tasks.OrderBy(t => t.Order))
        {
            if (task.State is TaskState.Open) { if (order is TaskOrder.Sequential) break; continue; }
            if (task.State is not TaskState.Waiting) continue;
            task.State = TaskState.Open;
            task.OpenedAt = now;
            opened.Add(task);
            if (order is TaskOrder.Sequential) break;
        }
        return opened;
    }

    /// <summary>Every task is done (or cancelled) and at least one was done: the request is fulfilled.</summary>
    public static bool IsComplete(IReadOnlyCollection<FulfilmentTask> tasks) =>
        tasks.Count > 0 && tasks.All(t => t.State is TaskState.Done or TaskState.Cancelled) && tasks.Any(t => t.State is TaskState.Done);
}
