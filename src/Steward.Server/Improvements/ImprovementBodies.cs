using System.ComponentModel.DataAnnotations;
using NodaTime;
using Steward.Core.Improvements;
using Steward.Core.Sourcing;
using Steward.Server.Api;

namespace Steward.Server.Improvements;

/// <summary>
/// What an improvement's measure is narrowed to; empty is provider-wide. Lists, so that sets can
/// follow; the measures engine narrows a series by one of each for now, so each list holds one at most.
/// </summary>
[ValidatableType]
public sealed record ImprovementScopeBody(
    [property: MaxLength(10)] Guid[]? ServiceIds = null,
    [property: MaxLength(10)] Guid[]? CustomerIds = null,
    [property: MaxLength(10)] string[]? ProcessKeys = null,
    Guid? PartyId = null,
    SourcingKind? Kind = null);

/// <summary>
/// A one-click improvement's origin. <c>satisfactionFollowUp</c> with <c>followUpId</c>: the
/// follow-up of a low rating. <c>complianceReport</c> with <c>by</c> (service, customer or party),
/// <c>key</c> (the row's id), <c>from</c> and <c>to</c> (the report's period) and <c>zone</c>: a row of
/// the SLA compliance report with breaches. <c>agreementMeasure</c> with <c>agreementId</c>, <c>key</c>
/// (one of its measure targets' keys), optionally <c>from</c>, <c>to</c> and <c>zone</c> (the period the
/// measure was computed over; the last 90 days by default), and <c>serviceId</c>/<c>customerId</c> where
/// the agreement names none (the relationship review reads an agreement per service and customer).
/// </summary>
[ValidatableType]
public sealed record ImprovementSourceBody(
    [property: Required, StringLength(40)] string Type,
    Guid? FollowUpId = null,
    [property: StringLength(20)] string? By = null,
    [property: StringLength(40)] string? Key = null,
    [property: StringLength(40)] string? From = null,
    [property: StringLength(40)] string? To = null,
    [property: StringLength(60)] string? Zone = null,
    Guid? AgreementId = null,
    Guid? ServiceId = null,
    Guid? CustomerId = null);

/// <summary>
/// POST /api/v1/improvements. By hand, <c>title</c>, <c>measureKey</c>, <c>target</c> and
/// <c>targetDate</c> are needed; the baseline is the 90 days up to now unless
/// <c>baselineFrom</c>/<c>baselineTo</c> say (an instant, or a date in <c>zone</c>: a date as the end
/// includes that day). With a <c>source</c>, the server fills in everything from it and the body
/// overrides what it names. The baseline's value is computed by the server, never sent.
/// </summary>
public sealed record ImprovementBody(
    [property: StringLength(ImprovementLimits.Title), SingleLine] string? Title = null,
    [property: StringLength(ImprovementLimits.Problem), PlainText] string? Problem = null,
    Guid? OwnerId = null,
    Guid? ProviderId = null,
    ImprovementScopeBody? Scope = null,
    [property: StringLength(60)] string? MeasureKey = null,
    [property: StringLength(40)] string? BaselineFrom = null,
    [property: StringLength(40)] string? BaselineTo = null,
    [property: StringLength(60)] string? Zone = null,
    [property: Range(-1e12, 1e12)] decimal? Target = null,
    LocalDate? TargetDate = null,
    ImprovementSourceBody? Source = null);

/// <summary>PUT /api/v1/improvements/{id}: what may change while it is open. The measure, scope and baseline never change.</summary>
public sealed record ImprovementUpdateBody(
    [property: Required, StringLength(ImprovementLimits.Title), SingleLine] string Title,
    [property: Required] Guid? OwnerId,
    [property: Required, Range(-1e12, 1e12)] decimal? Target,
    [property: Required] LocalDate? TargetDate,
    [property: StringLength(ImprovementLimits.Problem), PlainText] string? Problem = null);

/// <summary>POST /api/v1/improvements/{id}/transition.</summary>
public sealed record ImprovementTransitionBody([property: Required] ImprovementState? State);

/// <summary>POST and PUT of an improvement's action. The owner defaults to the improvement's.</summary>
public sealed record ImprovementActionBody(
    [property: Required, StringLength(ImprovementLimits.Title), SingleLine] string Title,
    [property: Required] LocalDate? DueOn,
    Guid? OwnerId = null,
    bool Done = false);

/// <summary>POST /api/v1/improvements/{id}/reviews: the note; the server measures the value.</summary>
public sealed record ImprovementReviewBody([property: Required, StringLength(ImprovementLimits.Note), PlainText] string Note);
