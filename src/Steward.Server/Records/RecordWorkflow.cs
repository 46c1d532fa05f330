using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Sla;

namespace Steward.Server.Records;

/// <summary>What a new record says; the workflow checks every reference against the caller's tenancy.</summary>
public sealed record RecordDraft(
    RecordKind Kind,
    string Title,
    string? Description = null,
    Guid? ProviderId = null,
    Guid? CustomerId = null,
    Guid? ServiceId = null,
    Guid? RequesterId = null,
    Level? Impact = null,
    Level? Urgency = null,
    int? Priority = null,
    Guid? AssignedTeamId = null,
    Guid? AssigneeId = null,
    bool IsMajor = false,
    Guid? CatalogItemId = null,
    RecordState? StartIn = null);

/// <summary>The singletons every <see cref="RecordWorkflow"/> works with: calendar engines, record numbers and the providers' configuration.</summary>
public sealed record WorkflowServices(CalendarCache Calendars, RecordNumbers Numbers, DeskSnapshots Desks);

/// <summary>
/// Everything that changes a work record goes through here, for the API, the pages and the
/// escalation jobs alike: the state machine, impact × urgency, routing by sourcing when the record
/// enters a step, and the clocks, which are brought in line with the record at the instant of every
/// change (<see cref="ClockKeeper"/>) together with their escalation jobs. The caller saves.
/// </summary>
/// <remarks>
/// The workflow reads the provider's configuration (policies, calendars, assignments, agreements)
/// past the query filters, scoped to the record's provider: a customer's requester logging an
/// incident does not see the provider's SLA policies, yet they apply to the record.
/// </remarks>
public sealed class RecordWorkflow(StewardDbContext db, WorkflowServices services, IClock clock)
{
    readonly CalendarCache calendars = services.Calendars;
    readonly RecordNumbers numbers = services.Numbers;
    readonly DeskSnapshots desks = services.Desks;
    // One look at the configuration stamp per workflow (a request, a page action): its snapshot holds for the whole change.
    DeskSnapshot? desk;

    async Task<DeskSnapshot> DeskAsync(Guid providerId, CancellationToken ct) =>
        desk is { } known && known.ProviderId == providerId ? known : desk = await desks.ForAsync(db, providerId, ct);

    public Instant Now { get; } = clock.GetCurrentInstant();

    /// <summary>A request's approvals and fulfilment tasks, kept in step with its moves.</summary>
    public Requests.RequestFulfilment Requests => requests ??= new(db, this);
    Requests.RequestFulfilment? requests;

    /// <summary>The actor works records for the record's provider: sees its tenancy in a role other than requester.</summary>
    public bool IsStaff(WorkRecord record) => IsStaffOf(record.ProviderId);

    bool IsStaffOf(Guid providerId) => IsStaff(db.Actor, providerId);

    /// <summary>Whether <paramref name="actor"/> works records for <paramref name="providerId"/>: the rule the pages show their controls by, too.</summary>
    public static bool IsStaff(Core.Identity.Actor actor, Guid providerId) => actor.Type is Core.Identity.Actor.Kind.System
        || (actor.Sees(providerId) && actor.Roles.Any(r => r is not (Core.Identity.Roles.Requester or Core.Identity.Roles.Auditor)));

    public async Task<(WorkRecord? Record, RuleViolation? Broken)> PrepareAsync(RecordDraft draft, CancellationToken ct)
    {
        var actor = db.Actor;
        Guid providerId;
        if (draft.ServiceId is { } serviceId)
        {
            if (await desks.ProviderOfServiceAsync(db, serviceId, ct) is not { } owner) return (null, new("No service with this id exists in your tenancy.", "serviceId"));
            if (draft.ProviderId is { } named && named != owner) return (null, new("The service belongs to another provider.", "providerId"));
            providerId = owner;
        }
        else if (draft.ProviderId is { } named)
        {
            if (!await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == named && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null, ct)
                || !(actor.Sees(named) || (actor.OrganizationId is { } own && await ProvidesForAsync(named, own, ct))))
                return (null, new("No active provider with this id exists in your tenancy.", "providerId"));
            providerId = named;
        }
        else if (actor.OrganizationId is { } own && await db.Organizations.AnyAsync(o => o.Id == own && o.Kind == OrganizationKind.Provider, ct))
            providerId = own;
        else return (null, new("Name the service (serviceId) or the provider (providerId) the record is for.", "serviceId"));

        var desk = await DeskAsync(providerId, ct);
        var staff = IsStaffOf(providerId);
        var customerId = draft.CustomerId ?? (staff ? null : actor.OrganizationId);
        // Outside the provider's people, a service is seen only by the customers subscribed to it (as the query filters see it).
        if (draft.ServiceId is { } visible && !staff && !(actor.OrganizationId is { } mine && desk.Subscriptions.ContainsKey((visible, mine))))
            return (null, new("No service with this id exists in your tenancy.", "serviceId"));
        if (customerId is not { } customer) return (null, new("Name the customer the record is for.", "customerId"));
        if (!staff && customer != actor.OrganizationId) return (null, new("You can log records for your own organization only.", "customerId"));
        if (customer != providerId && !desk.Partners.Contains(customer))
            return (null, new("The organization is not a customer of this provider.", "customerId"));
        Guid? offeringId = null;
        if (draft.ServiceId is { } service2 && customer != providerId)
        {
            if (!desk.Subscriptions.TryGetValue((service2, customer), out var offering)) return (null, new("The customer does not subscribe to this service.", "serviceId"));
            offeringId = offering;
        }

        var requesterId = draft.RequesterId ?? (actor.OrganizationId == customer ? actor.PersonId : null);
        // The caller logging for their own organization is a person of it; anyone else named is looked up.
        if (requesterId is { } requester && !(requester == actor.PersonId && actor.OrganizationId == customer)
            && !await db.People.IgnoreQueryFilters().AnyAsync(p => p.Id == requester && p.OrganizationId == customer && p.ArchivedAt == null, ct))
            return (null, new("The requester is a person of the customer's organization.", "requesterId"));

        if (!staff && (draft.Priority is not null || draft.AssignedTeamId is not null || draft.AssigneeId is not null || draft.IsMajor))
            return (null, new("Priority, assignment and the major flag are set by the service desk.", draft.Priority is not null ? "priority" : draft.IsMajor ? "isMajor" : "assignedTeamId"));
        if (await CheckAssignmentAsync(desk, draft.AssignedTeamId, draft.AssigneeId, ct) is { } badAssignment) return (null, badAssignment);

        var kind = draft.Kind;
        var record = new WorkRecord
        {
            Kind = kind,
            Sequence = await numbers.NextAsync(db, kind, ct),
            Number = "",
            ProviderId = providerId,
            CustomerId = customer,
            ServiceId = draft.ServiceId,
            OfferingId = offeringId,
            RequesterId = requesterId,
            Title = draft.Title.Trim(),
            Description = draft.Description,
            Impact = draft.Impact ?? Level.Medium,
            Urgency = draft.Urgency ?? Level.Medium,
            IsMajor = draft.IsMajor,
            ProcessKey = kind.ProcessKey(),
            // A catalogue request is submitted straight into approval or fulfilment.
            State = draft.StartIn ?? RecordState.New,
            ActivityKey = draft.StartIn is { } start ? RecordActivities.OnMove(kind, RecordState.New, start) ?? RecordActivities.OnCreate(kind) : RecordActivities.OnCreate(kind),
            AssignedTeamId = draft.AssignedTeamId,
            AssigneeId = draft.AssigneeId,
            CatalogItemId = draft.CatalogItemId,
            OpenedAt = Now,
            UpdatedAt = Now,
        };
        record = WithNumber(record);
        record.Priority = draft.Priority ?? desk.Matrix.PriorityOf(record.Impact, record.Urgency);
        record.Handoffs = 0;
        if (record.ServiceId is { } stamped) record.SourcingKind = await Sourcing.KindOfRelationship.OfAsync(db, desk, stamped, customer, Now, ct);
        Route(record, desk, keepTeam: draft.AssignedTeamId is not null);
        await SyncClocksAsync(record, desk, isNew: true, ct);
        return (record, null);
    }

    // The number is an init-only field derived from the sequence: made once, here.
    static WorkRecord WithNumber(WorkRecord r) => new()
    {
        Id = r.Id, Kind = r.Kind, Sequence = r.Sequence, Number = r.Kind.Number(r.Sequence), ProviderId = r.ProviderId, CustomerId = r.CustomerId,
        ServiceId = r.ServiceId, OfferingId = r.OfferingId, RequesterId = r.RequesterId, Title = r.Title, Description = r.Description,
        Impact = r.Impact, Urgency = r.Urgency, IsMajor = r.IsMajor, ProcessKey = r.ProcessKey, ActivityKey = r.ActivityKey,
        AssignedTeamId = r.AssignedTeamId, AssigneeId = r.AssigneeId, CatalogItemId = r.CatalogItemId, OpenedAt = r.OpenedAt, UpdatedAt = r.UpdatedAt,
        State = r.State,
    };

    Task<bool> ProvidesForAsync(Guid providerId, Guid customerId, CancellationToken ct) =>
        db.PartnerRelationships.IgnoreQueryFilters().AnyAsync(r => r.ProviderId == providerId && r.PartnerId == customerId, ct);

    /// <summary>A team of the provider or of one of its partners, and a person who is a member of it.</summary>
    async Task<RuleViolation?> CheckAssignmentAsync(DeskSnapshot desk, Guid? teamId, Guid? assigneeId, CancellationToken ct)
    {
        if (teamId is { } team && !desk.Teams.ContainsKey(team))
            return new("No active team of the provider or its partners has this id.", "assignedTeamId");
        if (assigneeId is { } person)
        {
            if (teamId is null) return new("Assign a team with the person: the person must be one of its members.", "assignedTeamId");
            if (!await db.TeamMembers.IgnoreQueryFilters().AnyAsync(m => m.TeamId == teamId && m.PersonId == person, ct))
                return new("The person is not a member of the team.", "assigneeId");
        }
        return null;
    }

    /// <param name="bySystem">The move follows from something else the caller may do (an approval, the last task done), not from their say on the state.</param>
    public async Task<RuleViolation?> MoveAsync(WorkRecord record, RecordState to, HoldReason? reason, string? resolution, CancellationToken ct, bool bySystem = false)
    {
        if (RecordStates.CheckMove(record.Kind, record.State, to) is { } broken) return broken;
        var staff = IsStaff(record);
        // The requester may confirm (close), reopen or withdraw; the rest is the provider's work.
        if (!bySystem && !staff && !(record.State is RecordState.Resolved && to is RecordState.Closed or RecordState.InProgress) && to is not RecordState.Cancelled)
            return new("Only the service desk moves a record to this state.", "state");
        if (!bySystem && !staff && to is RecordState.Cancelled && record.RequesterId is { } requester && requester != db.Actor.PersonId)
            return new("Only the person who raised it (or the service desk) withdraws a record.", "state");
        if (!bySystem && record.Kind is RecordKind.Request && await Requests.CheckMoveAsync(record, to, ct) is { } refused) return refused;
        if (to is RecordState.OnHold && reason is null) return new("Say why the record is on hold: awaitingCustomer, awaitingSupplier or awaitingChange.", "holdReason");
        if (to is RecordState.Resolved && string.IsNullOrWhiteSpace(resolution) && string.IsNullOrWhiteSpace(record.Resolution))
            return new("Say how it was resolved.", "resolution");

        await NoteEngagementAsync(record, ct);
        var from = record.State;
        // Who performed the step it is resolved in: resolving hands the record on to closure.
        var resolving = to is RecordState.Resolved ? Core.Satisfaction.ResolvingStep.Of(record) : null;
        record.State = to;
        record.HoldReason = to is RecordState.OnHold ? reason : null;
        if (to is RecordState.Resolved)
        {
            record.ResolvedAt = Now;
            record.ResolvedByPartyId = resolving!.PerformerId;
            if (!string.IsNullOrWhiteSpace(resolution)) record.Resolution = resolution.Trim();
        }
        if (from is RecordState.Resolved && to is RecordState.InProgress)
        {
            record.ReopenCount++;
            record.ResolvedAt = null;
        }
        if (RecordStates.IsFinal(to)) record.ClosedAt = Now;
        // Taking the record into work, putting it on hold or resolving it answers the requester.
        if (staff && record.RespondedAt is null && from is RecordState.New) record.RespondedAt = Now;
        if (record.RespondedAt is null && to is RecordState.Resolved) record.RespondedAt = Now;
        record.UpdatedAt = Now;

        var step = RecordActivities.OnMove(record.Kind, from, to);
        if (RecordActivities.LeavesProcess(to)) record.ActivityKey = null;
        else if (step is not null) record.ActivityKey = step;
        var desk = await DeskAsync(record.ProviderId, ct);
        if (step is not null || RecordActivities.LeavesProcess(to)) Route(record, desk, keepTeam: false);
        await SyncClocksAsync(record, desk, isNew: false, ct);
        if (resolving is not null) await Satisfaction.SurveyTriggers.OnResolvedAsync(db, record, desk, resolving, Now, ct);
        if (record.Kind is RecordKind.Request) await Requests.AfterMoveAsync(record, from, to, ct);
        return null;
    }

    public async Task<RuleViolation?> AssignAsync(WorkRecord record, Guid? teamId, Guid? assigneeId, CancellationToken ct)
    {
        if (!IsStaff(record)) return new("Only the service desk assigns records.", "assignedTeamId");
        if (RecordStates.IsFinal(record.State)) return new($"A {record.State} record is not assigned any more.");
        if (await CheckAssignmentAsync(await DeskAsync(record.ProviderId, ct), teamId, assigneeId, ct) is { } broken) return broken;
        if (record.AssignedTeamId is { } before && teamId is { } after && before != after && record.IsOpen) record.Handoffs++;
        if (assigneeId is not null) await NoteEngagementAsync(record, ct);
        record.AssignedTeamId = teamId;
        record.AssigneeId = assigneeId;
        record.UpdatedAt = Now;
        return null;
    }

    /// <summary>Moves the record to another step of its process and routes it to whoever performs that step.</summary>
    public async Task<RuleViolation?> EnterActivityAsync(WorkRecord record, string activityKey, CancellationToken ct)
    {
        if (!IsStaff(record)) return new("Only the service desk moves a record between steps.", "activityKey");
        if (!record.IsOpen) return new($"A {record.State} record has no step to move to; reopen it first.");
        var catalog = await Portfolio.PortfolioChecks.CatalogOfAsync(db, record.ProviderId, ct);
        if (catalog.Find(record.ProcessKey) is not { } process || process.Activities.All(a => a.Key != activityKey))
            return new($"Not a step of {record.ProcessKey}; GET /api/v1/processes/{record.ProcessKey} lists them.", "activityKey");
        if (record.ActivityKey == activityKey) return new("The record is already in this step.", "activityKey");
        record.ActivityKey = activityKey;
        record.UpdatedAt = Now;
        var desk = await DeskAsync(record.ProviderId, ct);
        Route(record, desk, keepTeam: false);
        await SyncClocksAsync(record, desk, isNew: false, ct);
        return null;
    }

    /// <summary>Impact, urgency or priority changed: the new priority's targets apply from the record's start.</summary>
    public async Task SetPriorityAsync(WorkRecord record, Level impact, Level urgency, int? priority, CancellationToken ct)
    {
        record.Impact = impact;
        record.Urgency = urgency;
        var desk = await DeskAsync(record.ProviderId, ct);
        record.Priority = priority ?? desk.Matrix.PriorityOf(impact, urgency);
        record.UpdatedAt = Now;
        await SyncClocksAsync(record, desk, isNew: false, ct);
    }

    /// <summary>The service changed: the customer's offering, the policy and the performer may change with it.</summary>
    public async Task<RuleViolation?> SetServiceAsync(WorkRecord record, Guid? serviceId, CancellationToken ct)
    {
        var desk = await DeskAsync(record.ProviderId, ct);
        Guid? offeringId = null;
        if (serviceId is { } id)
        {
            if (!desk.Services.Contains(id)) return new("No service of the record's provider has this id.", "serviceId");
            if (record.CustomerId != record.ProviderId)
            {
                if (!desk.Subscriptions.TryGetValue((id, record.CustomerId), out var offering)) return new("The customer does not subscribe to this service.", "serviceId");
                offeringId = offering;
            }
        }
        record.ServiceId = serviceId;
        record.OfferingId = offeringId;
        record.SourcingKind = serviceId is { } service ? await Sourcing.KindOfRelationship.OfAsync(db, desk, service, record.CustomerId, Now, ct) : null;
        // The work logged so far follows the record: reclassifying corrects a mistake, so its cost moves with it (saved and journaled with the record).
        foreach (var entry in await db.WorkLog.Where(w => w.RecordId == record.Id).ToListAsync(ct))
            entry.Rebook(record);
        record.UpdatedAt = Now;
        Route(record, desk, keepTeam: false);
        await SyncClocksAsync(record, desk, isNew: false, ct);
        return null;
    }

    /// <summary>Public replies from the provider's people count as the first response.</summary>
    public async Task<RecordComment> CommentAsync(WorkRecord record, string body, bool isPublic, CancellationToken ct)
    {
        var comment = new RecordComment
        {
            RecordId = record.Id, ProviderId = record.ProviderId, CustomerId = record.CustomerId, AuthorId = db.Actor.PersonId,
            Body = body.Trim(), IsPublic = isPublic || !IsStaff(record), At = Now,
        };
        db.RecordComments.Add(comment);
        record.UpdatedAt = Now;
        await NoteEngagementAsync(record, ct);
        if (IsStaff(record) && comment.IsPublic && record.RespondedAt is null && record.IsOpen)
        {
            record.RespondedAt = Now;
            await SyncClocksAsync(record, isNew: false, ct);
        }
        return comment;
    }

    /// <summary>
    /// Someone acted on the record (took it, commented, logged work, moved it) while a party lends
    /// its skills for the current step: the first such act after the party's clock started is when
    /// the party engaged, and the business time to it is the skills agreement's time to engage.
    /// Routing the record to the party is not an act of the party.
    /// </summary>
    public async Task NoteEngagementAsync(WorkRecord record, CancellationToken ct)
    {
        if (record.PerformerAgreement is not AgreementType.SkillsAgreement || record.PerformerId is not { } party || !record.IsOpen || !IsStaff(record)) return;
        var clock = await db.SlaClocks.IgnoreQueryFilters()
            .Where(c => c.RecordId == record.Id && c.Metric == ClockMetric.Party && c.PartyId == party && c.EngagedAt == null && c.Stage != ClockStage.Stopped)
            .FirstOrDefaultAsync(ct);
        if (clock is null) return;
        var desk = await DeskAsync(record.ProviderId, ct);
        var calendar = clock.CalendarId is { } id && desk.Calendars.TryGetValue(id, out var inForce) ? inForce : CalendarInForce.AroundTheClock;
        clock.EngagedAt = Now;
        clock.EngagedAfter = clock.ElapsedAt(Now, calendar.Calendar);
    }

    /// <summary>
    /// Works out who performs the record's current step from the sourcing assignments, and hands
    /// the record to that party's team unless the caller chose a team itself.
    /// </summary>
    static void Route(WorkRecord record, DeskSnapshot desk, bool keepTeam)
    {
        var (performer, team) = (record.PerformerId, record.AssignedTeamId);
        RouteTo(record, desk, keepTeam);
        // Passing an open record from one team or party to another is a hand-off (first-contact
        // resolution counts them); the first routing is not, nor is handing a resolved record on to closure.
        if (record.IsOpen && ((performer is not null && performer != record.PerformerId) || (team is not null && team != record.AssignedTeamId)))
            record.Handoffs++;
    }

    static void RouteTo(WorkRecord record, DeskSnapshot desk, bool keepTeam)
    {
        SourcingAssignment? assignment = null;
        var accountable = record.CustomerId;
        if (record.ServiceId is { } serviceId && record.ActivityKey is not null)
            (assignment, accountable) = Routing.PerformerOf(desk.AssignmentsByService[serviceId], record.CustomerId, record.ProcessKey, record.ActivityKey);
        if (assignment is null)
        {
            // Nobody is assigned the step: the provider works it itself, with its own dispatch.
            record.PerformerId = record.ProviderId;
            record.PerformerOrganizationId = record.ProviderId;
            record.PerformerAgreement = null;
            return;
        }
        record.PerformerId = assignment.PerformerId;
        record.PerformerOrganizationId = assignment.PerformerOrganizationId;
        record.PerformerAgreement = Routing.AgreementOf(record.ProviderId, accountable, assignment.PerformerOrganizationId, assignment.PerformerTeamId is not null);
        if (keepTeam || !record.IsOpen) return;

        Guid? team = assignment.PerformerTeamId ?? (desk.FirstTeamOf.TryGetValue(assignment.PerformerOrganizationId, out var first) ? first : null);
        if (team is null || team == record.AssignedTeamId) return;
        record.AssignedTeamId = team;
        record.AssigneeId = null;
    }

    /// <summary>The performer of the record's current step, named, with the agreement it works under.</summary>
    public async Task<PerformerView?> PerformerAsync(WorkRecord record, CancellationToken ct)
    {
        if (record.PerformerId is not { } id || record.PerformerOrganizationId is not { } organization) return null;
        var desk = await DeskAsync(record.ProviderId, ct);
        var name = desk.Names.TryGetValue(id, out var known) ? known : "an unknown party";
        return new PerformerView(id, organization, name, record.PerformerAgreement, RecordView.Statement(name, record.PerformerAgreement));
    }

    /// <summary>Loads the record's clocks and jobs, brings them in line with the record now, and adds or removes jobs.</summary>
    public async Task SyncClocksAsync(WorkRecord record, bool isNew, CancellationToken ct) =>
        await SyncClocksAsync(record, await DeskAsync(record.ProviderId, ct), isNew, ct);

    async Task SyncClocksAsync(WorkRecord record, DeskSnapshot desk, bool isNew, CancellationToken ct)
    {
        if (isNew)
        {
            await SyncClocksAsync(record, desk, [], [], ct);
            return;
        }
        var clocks = await db.SlaClocks.IgnoreQueryFilters().Where(c => c.RecordId == record.Id).ToListAsync(ct);
        var jobs = await JobsOfAsync(clocks, ct);
        await SyncClocksAsync(record, desk, clocks, jobs, ct);
    }

    /// <summary>
    /// Brings the clocks of a run of records (all of one provider) in line with its configuration
    /// now, as <see cref="SyncClocksAsync(WorkRecord, bool, CancellationToken)"/> does for one: their
    /// clocks and jobs are read in one query each, not two per record.
    /// </summary>
    public async Task ReplanAsync(IReadOnlyList<WorkRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var ids = records.Select(r => r.Id).ToList();
        var clocks = (await db.SlaClocks.IgnoreQueryFilters().Where(c => ids.Contains(c.RecordId)).ToListAsync(ct)).ToLookup(c => c.RecordId);
        var jobs = (await JobsOfAsync([.. clocks.SelectMany(c => c)], ct)).ToLookup(j => j.RecordId);
        foreach (var record in records)
            await SyncClocksAsync(record, await DeskAsync(record.ProviderId, ct), [.. clocks[record.Id]], [.. jobs[record.Id]], ct);
    }

    // Jobs are found through their clocks: (ClockId, Trigger) is their index; a search by record
    // would read every job in the database.
    async Task<List<SlaJob>> JobsOfAsync(List<SlaClock> clocks, CancellationToken ct)
    {
        if (clocks.Count == 0) return [];
        var ids = clocks.Select(c => c.Id).ToList();
        return await db.SlaJobs.IgnoreQueryFilters().Where(j => ids.Contains(j.ClockId)).ToListAsync(ct);
    }

    async Task SyncClocksAsync(WorkRecord record, DeskSnapshot desk, List<SlaClock> clocks, List<SlaJob> jobs, CancellationToken ct)
    {
        var known = clocks.ToHashSet();
        var policy = SlaPolicy.For(record, desk.Policies);
        var inForce = desk.Calendars;
        // A clock may still count in a calendar no active policy uses any more.
        var missing = clocks.Select(c => c.CalendarId).OfType<Guid>().Where(id => !inForce.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            inForce = new Dictionary<Guid, CalendarInForce>(inForce);
            foreach (var (id, c) in await calendars.InForceAsync(db, missing, ct)) inForce[id] = c;
        }

        ClockKeeper.Sync(record, clocks, policy, id => id is { } key && inForce.TryGetValue(key, out var c) ? c : CalendarInForce.AroundTheClock, PartyTerms(record, desk), Now);

        foreach (var c in clocks)
        {
            if (!known.Contains(c)) db.SlaClocks.Add(c);
            var (added, removed) = ClockKeeper.PlanJobs(c, jobs.Where(j => j.ClockId == c.Id).ToList(),
                (trigger, metric) => policy?.Escalations.Any(e => e.When == trigger && e.Metric == metric) == true);
            db.SlaJobs.AddRange(added);
            db.SlaJobs.RemoveRange(removed);
        }
    }

    /// <summary>The performer's agreement and its target for the record's priority, when someone other than the provider performs the step.</summary>
    static PartyTerms? PartyTerms(WorkRecord record, DeskSnapshot desk)
    {
        if (record.PerformerAgreement is not { } type || record.PerformerId is not { } party || record.PerformerOrganizationId is not { } organization) return null;
        var counterparty = type is AgreementType.OperationalLevelAgreement ? party : organization;
        // The most specific agreement governs: one for this service and process before a general one.
        var agreement = desk.Agreements
            .Where(a => a.Type == type && a.CounterpartyId == counterparty
                && (a.ServiceId == null || a.ServiceId == record.ServiceId) && (a.ProcessKey == null || a.ProcessKey == record.ProcessKey))
            .OrderByDescending(a => (a.ServiceId is null ? 0 : 2) + (a.ProcessKey is null ? 0 : 1)).ThenBy(a => a.Id).FirstOrDefault();
        var target = agreement?.Targets.FirstOrDefault(t => t.Priority == record.Priority)?.Within;
        return new PartyTerms(party, organization, type, agreement?.Id, target);
    }
}
