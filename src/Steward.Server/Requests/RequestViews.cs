using System.ComponentModel.DataAnnotations;
using NodaTime;
using Steward.Core.Records;
using Steward.Core.Requests;
using Steward.Server.Api;

namespace Steward.Server.Requests;

/// <summary>An approver's decision on the stage they are asked for now.</summary>
public sealed record DecisionBody([property: Required] ApprovalDecision Decision, [property: StringLength(CatalogLimits.Comment), PlainText] string? Comment = null);

public sealed record TaskNoteBody([property: StringLength(CatalogLimits.Comment), PlainText] string? Note = null);

public sealed record TaskAssignBody(Guid? TeamId, Guid? AssigneeId);

public sealed record ApprovalView(Guid Id, int Stage, string StageName, ApprovalRule Rule, Guid ApproverId, string? ApproverName, ApproverKind Via,
    ApprovalDecision Decision, string? Comment, Instant? RequestedAt, Instant? DecidedAt)
{
    public static ApprovalView Of(RequestApproval a, string? name) => new(a.Id, a.Stage, a.StageName, a.Rule, a.ApproverId, name, a.Via, a.Decision,
        a.Comment, a.RequestedAt, a.DecidedAt);
}

/// <summary>A task of a request. Team, assignee and note are the provider's business: null for the customer's people.</summary>
public sealed record TaskView(Guid Id, Guid RecordId, int Order, string Title, string? Description, TaskState State, Guid? TeamId, string? TeamName,
    Guid? AssigneeId, string? AssigneeName, string? Note, Instant CreatedAt, Instant? OpenedAt, Instant? DoneAt, Guid? DoneById);

/// <summary>An approval waiting for the caller, with the request it is for.</summary>
public sealed record PendingApprovalView(Guid ApprovalId, Guid RequestId, string Number, string Title, RecordState State, Guid CustomerId,
    Guid? CatalogItemId, int Stage, string StageName, ApprovalRule Rule, Instant RequestedAt);

/// <summary>A task in a team's queue, with the request it is for.</summary>
public sealed record QueuedTaskView(Guid Id, Guid RequestId, string Number, string RequestTitle, int Order, string Title, TaskState State,
    Guid? TeamId, Guid? AssigneeId, Instant? OpenedAt, Guid ProviderId);
