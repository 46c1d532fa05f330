using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Records;
using Steward.Core.Requests;
using Steward.Server.Api;
using Steward.Server.Records;

namespace Steward.Server.Requests;

/// <summary>
/// /api/v1/requests: the shared record API for service requests (New → Awaiting approval → In
/// progress → Resolved → Closed, or Rejected, or Cancelled), plus what catalogue requests add:
/// approvals (and each approver's decision) and fulfilment tasks (and a team's queue of them).
/// </summary>
public static class RequestEndpoints
{
    public const string Resource = "requests";
    const string What = "request";

    public static RouteGroupBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapWorkRecords("/api/v1/requests", RecordKind.Request, Resource, "Requests");
        group.MapGet("/approvals", PendingApprovals).RequireAccess(Access.Read);
        group.MapGet("/tasks", TaskQueue).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}/approvals", Approvals).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/decision", (Guid id, DecisionBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                RecordEndpoints.Change(RecordKind.Request, What, id, ifMatch, db, flow, http, r => flow.Requests.DecideAsync(r, body.Decision, body.Comment, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(Resource);
        group.MapGet("/{id:guid}/tasks", Tasks).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/{id:guid}/tasks/{taskId:guid}/complete", (Guid id, Guid taskId, TaskNoteBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                RecordEndpoints.Change(RecordKind.Request, What, id, ifMatch, db, flow, http, r => flow.Requests.FinishTaskAsync(r, taskId, cancel: false, body.Note, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(Resource);
        group.MapPost("/{id:guid}/tasks/{taskId:guid}/cancel", (Guid id, Guid taskId, TaskNoteBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                RecordEndpoints.Change(RecordKind.Request, What, id, ifMatch, db, flow, http, r => flow.Requests.FinishTaskAsync(r, taskId, cancel: true, body.Note, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(Resource);
        group.MapPost("/{id:guid}/tasks/{taskId:guid}/assign", (Guid id, Guid taskId, TaskAssignBody body, IfMatch ifMatch, RecordWorkflow flow, StewardDbContext db, HttpContext http, CancellationToken ct) =>
                RecordEndpoints.Change(RecordKind.Request, What, id, ifMatch, db, flow, http, r => flow.Requests.AssignTaskAsync(r, taskId, body.TeamId, body.AssigneeId, ct), ct))
            .RequireAccess(Access.WorkRecords).ForResource(Resource);
        return group;
    }

    static async Task<Results<Ok<IReadOnlyList<ApprovalView>>, ProblemHttpResult>> Approvals(Guid id, StewardDbContext db, CancellationToken ct)
    {
        if (!await db.WorkRecords.AnyAsync(r => r.Id == id && r.Kind == RecordKind.Request, ct)) return Problems.NotFound(What);
        return TypedResults.Ok(await RequestReads.ApprovalsAsync(db, id, ct));
    }

    static async Task<Results<Ok<IReadOnlyList<TaskView>>, ProblemHttpResult>> Tasks(Guid id, StewardDbContext db, CancellationToken ct)
    {
        var record = await db.WorkRecords.AsNoTracking().Where(r => r.Id == id && r.Kind == RecordKind.Request).Select(r => new { r.ProviderId }).SingleOrDefaultAsync(ct);
        if (record is null) return Problems.NotFound(What);
        return TypedResults.Ok(await RequestReads.TasksAsync(db, id, RecordWorkflow.IsStaff(db.Actor, record.ProviderId), ct));
    }

    /// <summary>The approvals waiting for the caller's decision now (stages not yet open are not listed).</summary>
    static async Task<Ok<IReadOnlyList<PendingApprovalView>>> PendingApprovals(StewardDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await RequestReads.PendingForAsync(db, db.Actor.PersonId, ct));

    /// <summary>Open (or waiting, or done) tasks of a team or a person, oldest first. Filters: teamId, assigneeId, state (default Open).</summary>
    static async Task<Results<Ok<IReadOnlyList<QueuedTaskView>>, ValidationProblem>> TaskQueue(StewardDbContext db, CancellationToken ct,
        Guid? teamId = null, Guid? assigneeId = null, TaskState? state = null, int? limit = null)
    {
        if (limit is < 1 or > PageQuery.MaxLimit) return Problems.Invalid("limit", $"A page has 1 to {PageQuery.MaxLimit} rows.");
        var wanted = state ?? TaskState.Open;
        var tasks = db.FulfilmentTasks.AsNoTracking().Where(t => t.State == wanted);
        // Filtering by team or person is for the provider's people: a customer's cannot probe who works what.
        var actor = db.Actor;
        if (teamId is not null) tasks = tasks.Where(t => t.TeamId == teamId && (actor.SeesAll || actor.VisibleOrganizationIds.Contains(t.ProviderId)));
        if (assigneeId is not null) tasks = tasks.Where(t => t.AssigneeId == assigneeId && (actor.SeesAll || actor.VisibleOrganizationIds.Contains(t.ProviderId)));
        var rows = await RequestReads.QueueAsync(db, tasks, limit ?? PageQuery.DefaultLimit, ct);
        // Customers' people follow their tasks' progress; who works them is the provider's business.
        return TypedResults.Ok<IReadOnlyList<QueuedTaskView>>(rows.Select(t => RecordWorkflow.IsStaff(db.Actor, t.ProviderId) ? t : t with { TeamId = null, AssigneeId = null }).ToList());
    }
}

/// <summary>The reads of a request's parts, shared by the API and the pages.</summary>
public static class RequestReads
{
    public static async Task<IReadOnlyList<ApprovalView>> ApprovalsAsync(StewardDbContext db, Guid recordId, CancellationToken ct)
    {
        var approvals = await db.RequestApprovals.AsNoTracking().Where(a => a.RecordId == recordId).OrderBy(a => a.Stage).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = approvals.Select(a => a.ApproverId).Distinct().ToList();
        // Approvers' names are shown to whoever sees the request, the customer's people included.
        var names = await db.People.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return approvals.Select(a => ApprovalView.Of(a, names.GetValueOrDefault(a.ApproverId))).ToList();
    }

    public static async Task<IReadOnlyList<TaskView>> TasksAsync(StewardDbContext db, Guid recordId, bool staff, CancellationToken ct)
    {
        var tasks = await db.FulfilmentTasks.AsNoTracking().Where(t => t.RecordId == recordId).OrderBy(t => t.Order).ToListAsync(ct);
        var teams = tasks.Select(t => t.TeamId).OfType<Guid>().Distinct().ToList();
        var people = tasks.Select(t => t.AssigneeId).OfType<Guid>().Distinct().ToList();
        var teamNames = staff ? await db.Teams.IgnoreQueryFilters().Where(t => teams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct) : [];
        var personNames = staff ? await db.People.IgnoreQueryFilters().Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct) : [];
        return tasks.Select(t => staff
            ? new TaskView(t.Id, t.RecordId, t.Order, t.Title, t.Description, t.State, t.TeamId, t.TeamId is { } team ? teamNames.GetValueOrDefault(team) : null,
                t.AssigneeId, t.AssigneeId is { } person ? personNames.GetValueOrDefault(person) : null, t.Note, t.CreatedAt, t.OpenedAt, t.DoneAt, t.DoneById)
            : new TaskView(t.Id, t.RecordId, t.Order, t.Title, t.Description, t.State, null, null, null, null, null, t.CreatedAt, t.OpenedAt, t.DoneAt, null))
            .ToList();
    }

    /// <summary>Tasks with their requests, oldest first.</summary>
    public static async Task<IReadOnlyList<QueuedTaskView>> QueueAsync(StewardDbContext db, IQueryable<FulfilmentTask> tasks, int limit, CancellationToken ct) =>
        await (from t in tasks
               join r in db.WorkRecords on t.RecordId equals r.Id
               orderby t.CreatedAt, t.Id
               select new QueuedTaskView(t.Id, r.Id, r.Number, r.Title, t.Order, t.Title, t.State, t.TeamId, t.AssigneeId, t.OpenedAt, t.ProviderId))
            .Take(limit).ToListAsync(ct);

    public static async Task<IReadOnlyList<PendingApprovalView>> PendingForAsync(StewardDbContext db, Guid? personId, CancellationToken ct)
    {
        if (personId is not { } me) return [];
        return await (from a in db.RequestApprovals.AsNoTracking()
                      where a.ApproverId == me && a.Decision == ApprovalDecision.Pending && a.RequestedAt != null
                      join r in db.WorkRecords on a.RecordId equals r.Id
                      where r.State == RecordState.AwaitingApproval
                      orderby a.RequestedAt, a.Id
                      select new PendingApprovalView(a.Id, r.Id, r.Number, r.Title, r.State, r.CustomerId, r.CatalogItemId, a.Stage, a.StageName, a.Rule, a.RequestedAt!.Value))
            .Take(200).ToListAsync(ct);
    }
}
