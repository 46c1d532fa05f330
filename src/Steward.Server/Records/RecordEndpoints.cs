using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Records;

/// <summary>
/// The API every kind of work record shares, mapped once per kind (/api/v1/incidents, /requests):
/// the queue, the record, its state machine, assignment, steps, clocks, comments, work log,
/// attachments, links, history and bulk changes. Kind-specific endpoints add to the group.
/// </summary>
public static class RecordEndpoints
{
    public static RouteGroupBuilder MapWorkRecords(this IEndpointRouteBuilder app, string path, RecordKind kind, string resource, string tag)
    {
        var what = kind is RecordKind.Incident ? "incident" : "request";
        var group = app.MapGroup(path).WithTags(tag);

        group.MapGet("/", ([AsParameters] RecordQuery q, StewardDbContext db, IClock clock, CancellationToken ct) => List(kind, q, db, clock, ct))
            .RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", (Guid id, StewardDbContext db, RecordWorkflow flow, HttpContext http, CancellationToken ct) => Get(kind, what, id, db, flow, http, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapPost("/", (NewRecordBody body, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Create(kind, path, body, flow, db, http, ct))
            .RequireAccess(Access.WorkRecords);
        group.MapPatch("/{id:guid}", (Guid id, EditRecordBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Change(kind, what, id, ifMatch, db, flow, http, r => Edit(flow, r, body, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapPost("/{id:guid}/transition", (Guid id, TransitionBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Change(kind, what, id, ifMatch, db, flow, http, async r =>
                {
                    var broken = await flow.MoveAsync(r, body.State, body.HoldReason, body.Resolution, ct);
                    if (broken is null && !string.IsNullOrWhiteSpace(body.Comment)) await flow.CommentAsync(r, body.Comment, isPublic: true, ct);
                    return broken;
                }, ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapPost("/{id:guid}/assign", (Guid id, AssignBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Change(kind, what, id, ifMatch, db, flow, http, r => flow.AssignAsync(r, body.TeamId, body.AssigneeId, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapPost("/{id:guid}/activity", (Guid id, StepBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                Change(kind, what, id, ifMatch, db, flow, http, r => flow.EnterActivityAsync(r, body.ActivityKey, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(resource);
        group.MapPost("/bulk", (BulkBody body, RecordWorkflow flow, StewardDbContext db, CancellationToken ct) => Bulk(kind, body, flow, db, ct))
            .RequireAccess(Access.WorkRecords);
        group.MapGet("/{id:guid}/sla", (Guid id, StewardDbContext db, RecordClocks clocks, CancellationToken ct) => Sla(kind, what, id, db, clocks, ct))
            .RequireAccess(Access.Read).ForResource(resource);
        group.MapGet("/{id:guid}/history", (Guid id, StewardDbContext db, CancellationToken ct) => History(kind, what, id, db, ct))
            .RequireAccess(Access.ReadJournal).ForResource(resource);
        group.MapRecordParts(kind, what, resource);
        return group;
    }

    static async Task<Results<Ok<Page<RecordSummary>>, ValidationProblem>> List(RecordKind kind, RecordQuery q, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var (selection, problem) = RecordQueries.Filter(db, kind, q, clock.GetCurrentInstant());
        if (problem is not null) return problem;
        return await RecordQueries.PageAsync(selection!, q, ct);
    }

    static async Task<Results<Ok<RecordView>, ProblemHttpResult>> Get(RecordKind kind, string what, Guid id, StewardDbContext db, RecordWorkflow flow, HttpContext http, CancellationToken ct)
    {
        var record = await db.WorkRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.Kind == kind, ct);
        if (record is null) return Problems.NotFound(what);
        http.SetETag(record);
        return TypedResults.Ok(RecordView.Of(record, await flow.PerformerAsync(record, ct)));
    }

    static async Task<Results<Created<RecordView>, ProblemHttpResult, ValidationProblem>> Create(
        RecordKind kind, string path, NewRecordBody body, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        var draft = new RecordDraft(kind, body.Title ?? "", body.Description, body.ProviderId, body.CustomerId, body.ServiceId,
            body.RequesterId, body.Impact, body.Urgency, body.Priority, body.AssignedTeamId, body.AssigneeId, body.IsMajor);
        Requests.RequestFulfilment.Submission? submission = null;
        if (body.CatalogItemId is { } itemId)
        {
            if (kind is not RecordKind.Request) return Problems.Invalid("catalogItemId", "Only requests are raised from catalogue items.");
            Core.Common.RuleViolation? broken;
            (submission, broken) = await flow.Requests.ReadAsync(itemId, body.Answers, body.CustomerId ?? db.Actor.OrganizationId, ct);
            if (broken is not null) return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
            var item = submission!.Item;
            if (body.ServiceId is { } named && named != item.ServiceId) return Problems.Invalid("serviceId", "The item is requested for its own service; leave serviceId out.");
            draft = draft with { Title = body.Title ?? item.Name, ServiceId = item.ServiceId, CatalogItemId = item.Id, StartIn = submission.StartState };
        }
        else if (body.Answers is not null) return Problems.Invalid("answers", "Answers go with a catalogue item (catalogItemId).");
        if (string.IsNullOrWhiteSpace(draft.Title)) return Problems.Invalid("title", "Give the record a title.");
        var prepared = await flow.PrepareAsync(draft, ct);
        if (prepared.Record is { } record && submission is not null) flow.Requests.Submit(record, submission);
        return await Entities.CreateAsync(db, prepared, path, async r => RecordView.Of(r, await flow.PerformerAsync(r, ct)), http, ct);
    }

    /// <summary>A change of one record under If-Match, answered with the record as saved.</summary>
    public static async Task<Results<Ok<RecordView>, ProblemHttpResult, ValidationProblem>> Change(
        RecordKind kind, string what, Guid id, IfMatch ifMatch, StewardDbContext db, RecordWorkflow flow, HttpContext http,
        Func<WorkRecord, Task<Core.Common.RuleViolation?>> change, CancellationToken ct)
    {
        // An incident's id under /requests (or the other way round) is not found there.
        if (!await db.WorkRecords.AnyAsync(r => r.Id == id && r.Kind == kind, ct)) return Problems.NotFound(what);
        return await Entities.UpdateAsync<WorkRecord, RecordView>(db, id, ifMatch, what, change,
            async r => RecordView.Of(r, await flow.PerformerAsync(r, ct)), http, ct);
    }

    static async Task<Core.Common.RuleViolation?> Edit(RecordWorkflow flow, WorkRecord record, EditRecordBody body, CancellationToken ct)
    {
        var staff = flow.IsStaff(record);
        if (!staff && (body.ServiceId is not null || body.Priority is not null || body.IsMajor is not null || body.Impact is not null || body.Urgency is not null))
            return new("Only the service desk classifies records; you may change the title and description.", body.ServiceId is not null ? "serviceId" : "priority");
        if (!staff && record.State is not RecordState.New) return new("The title and description can be changed by the requester until the service desk takes the record up.");
        if (body.Title is { } title) record.Title = title.Trim();
        if (body.Description is { } description) record.Description = description;
        if (body.IsMajor is { } major) record.IsMajor = major;
        if (body.ServiceId is { } moved && moved != record.ServiceId && record.CatalogItemId is not null)
            return new("A catalogue request stays with its item's service; raise a new request for another one.", "serviceId");
        if (body.ServiceId is { } service && service != record.ServiceId && await flow.SetServiceAsync(record, service, ct) is { } broken) return broken;
        if (body.Impact is not null || body.Urgency is not null || body.Priority is not null)
            await flow.SetPriorityAsync(record, body.Impact ?? record.Impact, body.Urgency ?? record.Urgency,
                body.Priority ?? (body.Impact is null && body.Urgency is null ? record.Priority : null), ct);
        record.UpdatedAt = flow.Now;
        return null;
    }

    /// <summary>The same change applied to each record; one failing does not stop the others.</summary>
    static async Task<Ok<IReadOnlyList<BulkResult>>> Bulk(RecordKind kind, BulkBody body, RecordWorkflow flow, StewardDbContext db, CancellationToken ct)
    {
        var results = new List<BulkResult>(body.Ids.Length);
        foreach (var id in body.Ids.Distinct())
        {
            db.ChangeTracker.Clear();
            var record = await db.WorkRecords.SingleOrDefaultAsync(r => r.Id == id && r.Kind == kind, ct);
            if (record is null)
            {
                results.Add(new(id, 404, null, "No record of this kind with this id exists in your tenancy."));
                continue;
            }
            var broken = body.AssignedTeamId is not null || body.AssigneeId is not null
                ? await flow.AssignAsync(record, body.AssignedTeamId ?? record.AssignedTeamId, body.AssigneeId, ct)
                : null;
            if (broken is null && body.Priority is { } priority) await flow.SetPriorityAsync(record, record.Impact, record.Urgency, flow.IsStaff(record) ? priority : record.Priority, ct);
            if (broken is null && body.State is { } state && state != record.State) broken = await flow.MoveAsync(record, state, body.HoldReason, body.Resolution, ct);
            if (broken is not null)
            {
                results.Add(new(id, broken.Field is null ? 409 : 400, record.Version, broken.Detail));
                continue;
            }
            try
            {
                await db.SaveChangesAsync(ct);
                results.Add(new(id, 200, record.Version, null));
            }
            catch (DbUpdateConcurrencyException)
            {
                results.Add(new(id, 412, null, "The record changed while the bulk change was applied; try it again."));
            }
        }
        db.ChangeTracker.Clear();
        return TypedResults.Ok<IReadOnlyList<BulkResult>>(results);
    }

    static async Task<Results<Ok<IReadOnlyList<ClockView>>, ProblemHttpResult>> Sla(RecordKind kind, string what, Guid id, StewardDbContext db, RecordClocks clocks, CancellationToken ct)
    {
        if (!await db.WorkRecords.AnyAsync(r => r.Id == id && r.Kind == kind, ct)) return Problems.NotFound(what);
        return TypedResults.Ok(await clocks.OfAsync(id, ct));
    }

    static async Task<Results<Ok<IReadOnlyList<HistoryView>>, ProblemHttpResult>> History(RecordKind kind, string what, Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (!await db.WorkRecords.AnyAsync(r => r.Id == id && r.Kind == kind, ct)) return Problems.NotFound(what);
        // The record's own entries and those of what hangs off it, in the order they were written.
        var parts = db.RecordComments.Where(c => c.RecordId == id).Select(c => c.Id)
            .Concat(db.RecordAttachments.Where(a => a.RecordId == id).Select(a => a.Id))
            .Concat(db.WorkLog.Where(w => w.RecordId == id).Select(w => w.Id))
            .Concat(db.RecordLinks.Where(l => l.FromId == id || l.ToId == id).Select(l => l.Id));
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityId == id || parts.Contains(a.EntityId))
            .OrderBy(a => a.Id).Take(1000).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<HistoryView>>(entries.Select(a => new HistoryView(a.Id, a.At, a.EntityType, a.EntityId, a.Action.ToString(),
            a.ActorPersonId, ChangesOf(a.Changes))).ToList());
    }

    static System.Text.Json.JsonElement ChangesOf(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
