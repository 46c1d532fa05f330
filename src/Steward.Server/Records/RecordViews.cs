using System.Linq.Expressions;
using NodaTime;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;

namespace Steward.Server.Records;

/// <summary>A record in a list: enough for a queue row.</summary>
public sealed record RecordSummary(Guid Id, RecordKind Kind, string Number, string Title, RecordState State, int Priority, bool IsMajor,
    Guid ProviderId, Guid CustomerId, Guid? ServiceId, Guid? AssignedTeamId, Guid? AssigneeId, Guid? PerformerId, string? ActivityKey,
    Instant OpenedAt, Instant UpdatedAt, long Version)
{
    public static readonly Expression<Func<WorkRecord, RecordSummary>> Projection = r => new RecordSummary(r.Id, r.Kind, r.Number, r.Title, r.State,
        r.Priority, r.IsMajor, r.ProviderId, r.CustomerId, r.ServiceId, r.AssignedTeamId, r.AssigneeId, r.PerformerId, r.ActivityKey,
        r.OpenedAt, r.UpdatedAt, r.Version);
}

/// <summary>Who performs the record's current step and under which agreement, in a sentence as well.</summary>
public sealed record PerformerView(Guid Id, Guid OrganizationId, string Name, AgreementType? Agreement, string Statement);

public sealed record RecordView(
    Guid Id, RecordKind Kind, string Number, string Title, string? Description, string DescriptionHtml, RecordState State, HoldReason? HoldReason,
    Level Impact, Level Urgency, int Priority, bool IsMajor, Guid ProviderId, Guid CustomerId, Guid? ServiceId, Guid? OfferingId, Guid? RequesterId,
    Guid? AssignedTeamId, Guid? AssigneeId, string ProcessKey, string? ActivityKey, PerformerView? Performer, Guid? SlaPolicyId, string? Resolution,
    Instant OpenedAt, Instant? RespondedAt, Instant? ResolvedAt, Instant? ClosedAt, Instant UpdatedAt, int ReopenCount,
    Guid? CatalogItemId, IReadOnlyList<Core.Requests.FormAnswer>? Answers, IReadOnlyList<RecordState> NextStates, long Version)
{
    public static RecordView Of(WorkRecord r, PerformerView? performer) => new(
        r.Id, r.Kind, r.Number, r.Title, r.Description, MarkdownText.ToHtml(r.Description), r.State, r.HoldReason, r.Impact, r.Urgency, r.Priority,
        r.IsMajor, r.ProviderId, r.CustomerId, r.ServiceId, r.OfferingId, r.RequesterId, r.AssignedTeamId, r.AssigneeId, r.ProcessKey, r.ActivityKey,
        performer, r.SlaPolicyId, r.Resolution, r.OpenedAt, r.RespondedAt, r.ResolvedAt, r.ClosedAt, r.UpdatedAt, r.ReopenCount,
        r.CatalogItemId, r.Answers, RecordStates.Next(r.Kind, r.State), r.Version);

    /// <summary>"Performed by Northwind Hosting under its underpinning contract."</summary>
    public static string Statement(string name, AgreementType? agreement) => agreement switch
    {
        null => $"Performed by {name} itself.",
        AgreementType.OperationalLevelAgreement => $"Performed by {name} under its operational level agreement.",
        AgreementType.UnderpinningContract => $"Performed by {name} under its underpinning contract.",
        AgreementType.SkillsAgreement => $"Performed by {name} under its skills agreement.",
        AgreementType.ProcessLevelAgreement => $"Performed by {name} under its process-level agreement.",
        _ => $"Performed by {name} under its service level agreement.",
    };
}

/// <summary>One clock of a record as it stands now.</summary>
public sealed record ClockView(
    Guid Id, ClockMetric Metric, Guid? PartyId, string? PartyName, AgreementType? Agreement, Guid? AgreementId, Guid? PolicyId, Guid? CalendarId,
    Duration? Target, Instant? Due, Duration Elapsed, double ElapsedSeconds, Duration Paused, double PausedSeconds, double? RemainingSeconds,
    ClockState State, bool Breached, Instant StartedAt, Instant? WarnedAt, Instant? BreachedAt, Instant? StoppedAt)
{
    public static ClockView Of(SlaClock c, BusinessCalendar calendar, Instant now, string? partyName)
    {
        var elapsed = c.ElapsedAt(now, calendar);
        var paused = c.PausedAt(now);
        return new(c.Id, c.Metric, c.PartyId, partyName, c.AgreementType, c.AgreementId, c.PolicyId, c.CalendarId, c.Target, c.DueAt,
            elapsed, elapsed.TotalSeconds, paused, paused.TotalSeconds, c.Target is { } t ? (t - elapsed).TotalSeconds : null,
            c.StateAt(now), c.IsBreachedAt(now), c.StartedAt, c.WarnedAt, c.BreachedAt ?? (c.IsBreachedAt(now) ? c.DueAt : null), c.StoppedAt);
    }
}

public sealed record CommentView(Guid Id, Guid? AuthorId, string? AuthorName, string Body, string BodyHtml, bool IsPublic, Instant At)
{
    public static CommentView Of(RecordComment c, string? author) => new(c.Id, c.AuthorId, author, c.Body, MarkdownText.ToHtml(c.Body), c.IsPublic, c.At);
}

public sealed record WorkLogView(Guid Id, Guid PersonId, Guid? PartyId, int Minutes, LocalDate On, string? Note, Instant At)
{
    public static readonly Expression<Func<WorkLogEntry, WorkLogView>> Projection = w => new WorkLogView(w.Id, w.PersonId, w.PartyId, w.Minutes, w.On, w.Note, w.At);
}

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string Sha256, bool IsPublic, Guid? UploadedById, Instant At)
{
    public static readonly Expression<Func<RecordAttachment, AttachmentView>> Projection = a => new AttachmentView(a.Id, a.FileName, a.ContentType,
        a.Size, a.Sha256, a.IsPublic, a.UploadedById, a.At);
}

public sealed record LinkView(Guid Id, Guid FromId, Guid ToId, LinkKind Kind, string OtherNumber, string OtherTitle, Instant At);

/// <summary>One line of a bulk update's answer: the record's HTTP status as if changed alone.</summary>
public sealed record BulkResult(Guid Id, int Status, long? Version, string? Detail);

public sealed record HistoryView(long Id, Instant At, string EntityType, Guid EntityId, string Action, Guid? ActorPersonId, System.Text.Json.JsonElement Changes);

/// <summary>Durations of a clock, for the calendar the clock counts in.</summary>
public static class ClockCalendars
{
    public static BusinessCalendar Of(SlaClock clock, IReadOnlyDictionary<Guid, BusinessCalendar> calendars) =>
        clock.CalendarId is { } id && calendars.TryGetValue(id, out var c) ? c : CalendarInForce.AroundTheClock.Calendar;
}
