using System.ComponentModel.DataAnnotations;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Records;

/// <summary>
/// A new incident or request. The customer and requester default to the caller's own when the caller is the customer's.
/// A request from the catalogue names its item and answers its form (<c>answers</c>: question key → value); its title defaults to the item's name.
/// </summary>
public sealed record NewRecordBody(
    [property: StringLength(RecordLimits.Title, MinimumLength = 1), SingleLine] string? Title = null,
    [property: StringLength(RecordLimits.Description), PlainText] string? Description = null,
    Guid? ServiceId = null,
    Guid? ProviderId = null,
    Guid? CustomerId = null,
    Guid? RequesterId = null,
    Level? Impact = null,
    Level? Urgency = null,
    [property: Range(PriorityMatrix.Highest, PriorityMatrix.Lowest)] int? Priority = null,
    Guid? AssignedTeamId = null,
    Guid? AssigneeId = null,
    bool IsMajor = false,
    Guid? CatalogItemId = null,
    [property: MaxLength(Core.Requests.CatalogItem.MaxFields)] Dictionary<string, System.Text.Json.JsonElement>? Answers = null);

/// <summary>Changes to a record's description and classification; a field left out (or null) stays as it is.</summary>
public sealed record EditRecordBody(
    [property: StringLength(RecordLimits.Title, MinimumLength = 1), SingleLine] string? Title = null,
    [property: StringLength(RecordLimits.Description), PlainText] string? Description = null,
    Guid? ServiceId = null,
    Level? Impact = null,
    Level? Urgency = null,
    [property: Range(PriorityMatrix.Highest, PriorityMatrix.Lowest)] int? Priority = null,
    bool? IsMajor = null);

/// <summary>A move in the record's state machine.</summary>
public sealed record TransitionBody(
    [property: Required] RecordState State,
    HoldReason? HoldReason = null,
    [property: StringLength(RecordLimits.Resolution), PlainText] string? Resolution = null,
    [property: StringLength(RecordLimits.Comment), PlainText] string? Comment = null);

/// <summary>Who works the record: a team, and optionally one of its members. Both null: nobody.</summary>
public sealed record AssignBody(Guid? TeamId, Guid? AssigneeId);

public sealed record StepBody([property: Required, StringLength(PortfolioLimits.ActivityKey), SingleLine] string ActivityKey);

public sealed record CommentBody(
    [property: Required, StringLength(RecordLimits.Comment, MinimumLength = 1), PlainText] string Body,
    bool IsPublic = true);

public sealed record WorkLogBody(
    [property: Range(1, 24 * 60)] int Minutes,
    NodaTime.LocalDate? On = null,
    [property: StringLength(PartyLimits.Text), PlainText] string? Note = null,
    Guid? PersonId = null);

public sealed record LinkBody([property: Required] Guid ToId, LinkKind Kind = LinkKind.RelatesTo);

/// <summary>One change applied to many records; each record answers for itself.</summary>
public sealed record BulkBody(
    [property: Required, MinLength(1), MaxLength(200)] Guid[] Ids,
    RecordState? State = null,
    HoldReason? HoldReason = null,
    [property: StringLength(RecordLimits.Resolution), PlainText] string? Resolution = null,
    Guid? AssignedTeamId = null,
    Guid? AssigneeId = null,
    [property: Range(PriorityMatrix.Highest, PriorityMatrix.Lowest)] int? Priority = null);
