using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Identity;
using Steward.Core.Records;
using Steward.Core.Requests;
using Steward.Server.Records;

namespace Steward.Server.Requests;

/// <summary>
/// What makes a catalogue request more than a record: its answers, its approval stages and its
/// fulfilment tasks. Approvers are found when the request is submitted (so that a request nobody
/// could approve is refused at once, not left waiting); each stage opens when the one before is
/// approved; approval starts fulfilment, whose tasks open in sequence or together; the last task
/// done resolves the request. The workflow calls in on every move of a request (<see cref="CheckMoveAsync"/>,
/// <see cref="AfterMoveAsync"/>), so that the state machine and these parts never disagree. The caller saves.
/// </summary>
public sealed class RequestFulfilment(StewardDbContext db, RecordWorkflow flow)
{
    readonly Dictionary<Guid, CatalogItem> items = [];
    readonly RequestNotices notices = new(db);

    /// <summary>A catalogue request read and checked before it takes a number: the item, the answers with people named, the approvers of every stage.</summary>
    public sealed record Submission(CatalogItem Item, IReadOnlyList<FormAnswer> Answers, IReadOnlyList<IReadOnlyList<(Guid Id, ApproverKind Via)>> Approvers)
    {
        /// <summary>Awaiting approval when the item asks for any, otherwise straight into fulfilment.</summary>
        public RecordState StartState => Item.Stages.Count > 0 ? RecordState.AwaitingApproval : RecordState.InProgress;
    }

    /// <summary>
    /// Reads the answers against the item's form as the caller sees the item in the catalogue, and
    /// finds every stage's approvers for the customer: a request nobody could approve is refused at once.
    /// </summary>
    public async Task<(Submission? Submission, RuleViolation? Broken)> ReadAsync(
        Guid itemId, IReadOnlyDictionary<string, JsonElement>? answers, Guid? customerId, CancellationToken ct)
    {
        var item = await db.CatalogItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, ct);
        if (item is null) return (null, new("No catalogue item with this id exists in your tenancy.", "catalogItemId"));
        if (!item.IsActive) return (null, new("The item is retired from the catalogue and can no longer be requested.", "catalogItemId"));
        var (reading, broken) = FormAnswers.Read(item.Fields, answers);
        if (broken is not null) return (null, broken);
        if (customerId is not { } customer) return (null, new("Name the customer the request is for.", "customerId"));
        // The customer is checked before anyone is looked up for it: a person or a role holder of an
        // organization the caller may not raise requests for must not show through the answers.
        var own = customer == db.Actor.OrganizationId;
        var served = customer == item.ProviderId
            || await db.Subscriptions.IgnoreQueryFilters().AnyAsync(x => x.ServiceId == item.ServiceId && x.CustomerId == customer, ct);
        if (!served || !(own || RecordWorkflow.IsStaff(db.Actor, item.ProviderId)))
            return (null, new(own ? "Your organization does not subscribe to this item's service." : "You can request for your own organization only, or as the provider's staff for a customer subscribed to the item's service.", "customerId"));

        var named = await db.People.IgnoreQueryFilters()
            .Where(p => reading!.People.Contains(p.Id) && p.ArchivedAt == null && (p.OrganizationId == customer || p.OrganizationId == item.ProviderId))
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var read = new List<FormAnswer>(reading!.Answers.Count);
        foreach (var a in reading.Answers)
        {
            if (a.Type is not FieldType.Person) { read.Add(a); continue; }
            if (!named.TryGetValue(Guid.Parse(a.Value), out var name))
                return (null, new($"{a.Label} is an active person of the customer or the provider.", $"answers.{a.Key}"));
            read.Add(a with { Display = name });
        }

        var approvers = new List<IReadOnlyList<(Guid, ApproverKind)>>();
        foreach (var stage in item.Stages)
        {
            var people = await ApproversOfAsync(customer, item, stage, ct);
            if (people.Count == 0)
                return (null, new($"Nobody can approve stage '{stage.Name}' of this item ({Describe(stage)}); the provider needs to name an approver."));
            approvers.Add(people);
        }
        items[item.Id] = item;
        return (new Submission(item, read, approvers), null);
    }

    /// <summary>Keeps the answers, asks the approvers (the first stage's now, the others' when their turn comes) or starts fulfilment.</summary>
    public void Submit(WorkRecord record, Submission submission)
    {
        var item = submission.Item;
        record.Answers = submission.Answers.ToList();
        if (item.Stages.Count == 0)
        {
            CreateTasks(record, item);
            return;
        }
        for (var i = 0; i < item.Stages.Count; i++)
        {
            var stage = item.Stages[i];
            var approvals = submission.Approvers[i].Select(p => new RequestApproval
            {
                RecordId = record.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, Stage = i + 1, StageName = stage.Name,
                Rule = stage.Rule, ApproverId = p.Id, Via = p.Via, RequestedAt = i == 0 ? flow.Now : null,
            }).ToList();
            db.RequestApprovals.AddRange(approvals);
            if (i == 0) notices.AskApprovers(record, approvals, flow.Now);
        }
    }

    static string Describe(ApprovalStage stage) => string.Join(", ", stage.Approvers.Select(a => a.Kind switch
    {
        ApproverKind.Role => $"the customer's {a.Role} role",
        ApproverKind.ServiceOwner => "the service's owner",
        _ => "a named person",
    }));

    async Task<IReadOnlyList<(Guid Id, ApproverKind Via)>> ApproversOfAsync(Guid customerId, CatalogItem item, ApprovalStage stage, CancellationToken ct)
    {
        var found = new List<(Guid, ApproverKind)>();
        foreach (var approver in stage.Approvers)
        {
            IReadOnlyList<Guid> ids = approver.Kind switch
            {
                ApproverKind.Person => approver.PersonId is { } id ? [id] : [],
                ApproverKind.ServiceOwner => await db.Services.IgnoreQueryFilters().Where(s => s.Id == item.ServiceId && s.OwnerId != null)
                    .Select(s => s.OwnerId!.Value).ToListAsync(ct),
                _ => await (from account in db.Users.IgnoreQueryFilters()
                            join link in db.UserRoles on account.Id equals link.UserId
                            join role in db.Roles on link.RoleId equals role.Id
                            where account.OrganizationId == customerId && role.Name == approver.Role
                            select account.Id).ToListAsync(ct),
            };
            var active = await db.People.IgnoreQueryFilters().Where(p => ids.Contains(p.Id) && p.ArchivedAt == null).Select(p => p.Id).ToListAsync(ct);
            found.AddRange(active.Where(id => found.All(f => f.Item1 != id)).Select(id => (id, approver.Kind)));
        }
        return found;
    }

    /// <summary>The caller's decision on the stage they are asked for now.</summary>
    public async Task<RuleViolation?> DecideAsync(WorkRecord record, ApprovalDecision decision, string? comment, CancellationToken ct)
    {
        if (decision is not (ApprovalDecision.Approved or ApprovalDecision.Rejected)) return new("Decide approved or rejected.", "decision");
        if (record.State is not RecordState.AwaitingApproval) return new($"The request is {record.State}, not awaiting approval.");
        var approvals = await ApprovalsAsync(record, ct);
        var stage = CurrentStage(approvals);
        if (stage is null) return new("The request has no open approval stage.");
        var mine = approvals.FirstOrDefault(a => a.Stage == stage && a.ApproverId == db.Actor.PersonId && a.Decision is ApprovalDecision.Pending);
        if (mine is null)
            return approvals.Any(a => a.Stage == stage && a.ApproverId == db.Actor.PersonId)
                ? new("You have decided on this stage already.")
                : new("You are not asked to approve this stage of the request.");
        mine.Decision = decision;
        mine.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        mine.DecidedAt = flow.Now;
        record.UpdatedAt = flow.Now;

        var inStage = approvals.Where(a => a.Stage == stage).ToList();
        switch (ApprovalRules.Outcome(mine.Rule, inStage.Select(a => a.Decision).ToList()))
        {
            case StageOutcome.Approved:
                Release(inStage);
                var next = approvals.Where(a => a.Stage == stage + 1).ToList();
                if (next.Count > 0)
                {
                    foreach (var a in next) a.RequestedAt = flow.Now;
                    notices.AskApprovers(record, next, flow.Now);
                    return null;
                }
                return await flow.MoveAsync(record, RecordState.InProgress, null, null, ct, bySystem: true);
            case StageOutcome.Rejected:
                Release(approvals);
                record.Resolution = $"Rejected at '{mine.StageName}'" + (mine.Comment is { } why ? $": {why}" : ".");
                return await flow.MoveAsync(record, RecordState.Rejected, null, null, ct, bySystem: true);
            default:
                return null;
        }
    }

    /// <summary>The lowest stage that is open and still undecided; null when approval is over.</summary>
    public static int? CurrentStage(IReadOnlyCollection<RequestApproval> approvals) =>
        approvals.Where(a => a.RequestedAt is not null).GroupBy(a => a.Stage).OrderBy(g => g.Key)
            .Where(g => ApprovalRules.Outcome(g.First().Rule, g.Select(a => a.Decision).ToList()) is StageOutcome.Open)
            .Select(g => (int?)g.Key).FirstOrDefault();

    static void Release(IEnumerable<RequestApproval> approvals)
    {
        foreach (var a in approvals.Where(a => a.Decision is ApprovalDecision.Pending)) a.Decision = ApprovalDecision.NotNeeded;
    }

    Task<List<RequestApproval>> ApprovalsAsync(WorkRecord record, CancellationToken ct) =>
        db.RequestApprovals.IgnoreQueryFilters().Where(a => a.RecordId == record.Id).OrderBy(a => a.Stage).ThenBy(a => a.Id).ToListAsync(ct);

    Task<List<FulfilmentTask>> TasksAsync(WorkRecord record, CancellationToken ct) =>
        db.FulfilmentTasks.IgnoreQueryFilters().Where(t => t.RecordId == record.Id).OrderBy(t => t.Order).ToListAsync(ct);

    async Task<CatalogItem?> ItemAsync(WorkRecord record, CancellationToken ct)
    {
        if (record.CatalogItemId is not { } id) return null;
        if (items.TryGetValue(id, out var known)) return known;
        var item = await db.CatalogItems.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (item is not null) items[id] = item;
        return item;
    }

    void CreateTasks(WorkRecord record, CatalogItem item)
    {
        var tasks = item.Tasks.Select((t, i) => new FulfilmentTask
        {
            RecordId = record.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, Order = i + 1, Title = t.Title,
            Description = t.Description, TeamId = t.TeamId ?? record.AssignedTeamId, CreatedAt = flow.Now,
        }).ToList();
        Fulfilment.OpenNext(tasks, item.TaskOrder, flow.Now);
        db.FulfilmentTasks.AddRange(tasks);
    }

    /// <summary>Refuses the moves the request's parts do not allow; runs before the state changes.</summary>
    public async Task<RuleViolation?> CheckMoveAsync(WorkRecord record, RecordState to, CancellationToken ct)
    {
        if (to is RecordState.AwaitingApproval)
            return new("A request is sent for approval when it is submitted from a catalogue item with approval stages.", "state");
        if (to is RecordState.Resolved)
        {
            var open = await db.FulfilmentTasks.IgnoreQueryFilters().CountAsync(t => t.RecordId == record.Id && (t.State == TaskState.Open || t.State == TaskState.Waiting), ct);
            if (open > 0) return new($"{open} fulfilment task{(open == 1 ? " is" : "s are")} not done yet; complete or cancel {(open == 1 ? "it" : "them")} first.", "state");
        }
        return null;
    }

    /// <summary>Brings approvals and tasks in line with a move: fulfilment starts, or what is left is released.</summary>
    public async Task AfterMoveAsync(WorkRecord record, RecordState from, RecordState to, CancellationToken ct)
    {
        notices.TellRequester(record, from, to, flow.Now);
        if (to is RecordState.InProgress && from is RecordState.New or RecordState.AwaitingApproval)
        {
            // The service desk may take a request into fulfilment before its approvers decided: their say is no longer needed.
            if (from is RecordState.AwaitingApproval) Release(await ApprovalsAsync(record, ct));
            if (await ItemAsync(record, ct) is { Tasks.Count: > 0 } item && !await db.FulfilmentTasks.IgnoreQueryFilters().AnyAsync(t => t.RecordId == record.Id, ct))
                CreateTasks(record, item);
        }
        else if (RecordStates.IsFinal(to))
        {
            Release(await ApprovalsAsync(record, ct));
            foreach (var task in await TasksAsync(record, ct))
                if (task.State is TaskState.Waiting or TaskState.Open)
                {
                    task.State = TaskState.Cancelled;
                    task.Note ??= $"The request was {to.ToString().ToLowerInvariant()}.";
                }
        }
    }

    /// <summary>Marks an open task done (or a waiting or open one cancelled), opens what follows, and resolves the request when nothing is left.</summary>
    public async Task<RuleViolation?> FinishTaskAsync(WorkRecord record, Guid taskId, bool cancel, string? note, CancellationToken ct)
    {
        if (!flow.IsStaff(record)) return new("Only the provider's people work fulfilment tasks.", "taskId");
        if (record.State is not RecordState.InProgress) return new($"Tasks are worked while the request is in progress; it is {record.State}.");
        var tasks = await TasksAsync(record, ct);
        var task = tasks.FirstOrDefault(t => t.Id == taskId);
        if (task is null) return new("The request has no task with this id.", "taskId");
        if (task.State is TaskState.Done or TaskState.Cancelled) return new($"The task is {task.State.ToString().ToLowerInvariant()} already.");
        if (!cancel && task.State is TaskState.Waiting)
            return new($"Task {task.Order} waits for the tasks before it; complete {string.Join(", ", tasks.Where(t => t.Order < task.Order && t.State is TaskState.Open or TaskState.Waiting).Select(t => t.Order))} first.");
        task.State = cancel ? TaskState.Cancelled : TaskState.Done;
        task.DoneAt = flow.Now;
        task.DoneById = db.Actor.PersonId;
        if (!string.IsNullOrWhiteSpace(note)) task.Note = note.Trim();
        record.UpdatedAt = flow.Now;
        // The order the tasks were made in, not the item's as edited since: only a sequence leaves tasks waiting.
        Fulfilment.OpenNext(tasks, tasks.Any(t => t.State is TaskState.Waiting) ? TaskOrder.Sequential : TaskOrder.Parallel, flow.Now);
        return Fulfilment.IsComplete(tasks)
            ? await flow.MoveAsync(record, RecordState.Resolved, null, "Fulfilled: every task is done.", ct, bySystem: true)
            : null;
    }

    public async Task<RuleViolation?> AssignTaskAsync(WorkRecord record, Guid taskId, Guid? teamId, Guid? assigneeId, CancellationToken ct)
    {
        if (!flow.IsStaff(record)) return new("Only the provider's people assign fulfilment tasks.", "taskId");
        var task = (await TasksAsync(record, ct)).FirstOrDefault(t => t.Id == taskId);
        if (task is null) return new("The request has no task with this id.", "taskId");
        if (task.State is TaskState.Done or TaskState.Cancelled) return new($"The task is {task.State.ToString().ToLowerInvariant()}; it is not assigned any more.");
        if (teamId is { } team && !await Parties.PartyChecks.TeamOfProviderOrPartnerAsync(db, record.ProviderId, team, ct))
            return new("No active team of the provider or its partners has this id.", "teamId");
        if (assigneeId is { } person)
        {
            if (teamId is null) return new("Assign a team with the person: the person must be one of its members.", "teamId");
            if (!await db.TeamMembers.IgnoreQueryFilters().AnyAsync(m => m.TeamId == teamId && m.PersonId == person, ct))
                return new("The person is not a member of the team.", "assigneeId");
        }
        task.TeamId = teamId;
        task.AssigneeId = assigneeId;
        record.UpdatedAt = flow.Now;
        return null;
    }
}
