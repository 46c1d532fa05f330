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
    Guid? CatalogItemId = null);

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
public sealed class RecordWorkflow(StewardDbContext db, CalendarCache calendars, RecordNumbers numbers, IClock clock)
{
    public Instant Now { get; } = clock.GetCurrentInstant();

    /// <summary>The actor works records for the record's provider: sees its tenancy in a role other than requester.</summary>
    public bool IsStaff(WorkRecord record) => IsStaffOf(record.ProviderId);

    bool IsStaffOf(Guid providerId) => db.Actor.Type is Core.Identity.Actor.Kind.System
        || (db.Actor.Sees(providerId) && db.Actor.Roles.Any(r => r is not (Core.Identity.Roles.Requester or Core.Identity.Roles.Auditor)));

    public async Task<(WorkRecord? Record, RuleViolation? Broken)> PrepareAsync(RecordDraft draft, CancellationToken ct)
    {
        var actor = db.Actor;
        Guid providerId;
        Guid? offeringId = null;
        if (draft.ServiceId is { } serviceId)
        {
            var service = await db.Services.AsNoTracking().Where(s => s.Id == serviceId).Select(s => new { s.ProviderId }).SingleOrDefaultAsync(ct);
            if (service is null) return (null, new("No service with this id exists in your tenancy.", "serviceId"));
            if (draft.ProviderId is { } named && named != service.ProviderId) return (null, new("The service belongs to another provider.", "providerId"));
            providerId = service.ProviderId;
        }
        else if (draft.ProviderId is { } named)
        {
            if (!await db.Organizations.AnyAsync(o => o.Id == named && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null, ct)
                && !(actor.OrganizationId is { } own && await ProvidesForAsync(named, own, ct)))
                return (null, new("No active provider with this id exists in your tenancy.", "providerId"));
            providerId = named;
        }
        else if (actor.OrganizationId is { } own && await db.Organizations.AnyAsync(o => o.Id == own && o.Kind == OrganizationKind.Provider, ct))
            providerId = own;
        else return (null, new("Name the service (serviceId) or the provider (providerId) the record is for.", "serviceId"));

        var staff = IsStaffOf(providerId);
        var customerId = draft.CustomerId ?? (staff ? null : actor.OrganizationId);
        if (customerId is not { } customer) return (null, new("Name the customer the record is for.", "customerId"));
        if (!staff && customer != actor.OrganizationId) return (null, new("You can log records for your own organization only.", "customerId"));
        if (customer != providerId && !await ProvidesForAsync(providerId, customer, ct))
            return (null, new("The organization is not a customer of this provider.", "customerId"));
        if (draft.ServiceId is { } service2 && customer != providerId)
        {
            var subscription = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
                .Where(s => s.ServiceId == service2 && s.CustomerId == customer)
                .OrderByDescending(s => s.Start).Select(s => new { s.OfferingId }).FirstOrDefaultAsync(ct);
            if (subscription is null) return (null, new("The customer does not subscribe to this service.", "serviceId"));
            offeringId = subscription.OfferingId;
        }

        var requesterId = draft.RequesterId ?? (actor.OrganizationId == customer ? actor.PersonId : null);
        if (requesterId is { } requester
            && !await db.People.IgnoreQueryFilters().AnyAsync(p => p.Id == requester && p.OrganizationId == customer && p.ArchivedAt == null, ct))
            return (null, new("The requester is a person of the customer's organization.", "requesterId"));

        if (!staff && (draft.Priority is not null || draft.AssignedTeamId is not null || draft.AssigneeId is not null || draft.IsMajor))
            return (null, new("Priority, assignment and the major flag are set by the service desk.", draft.Priority is not null ? "priority" : draft.IsMajor ? "isMajor" : "assignedTeamId"));
        if (await CheckAssignmentAsync(providerId, draft.AssignedTeamId, draft.AssigneeId, ct) is { } badAssignment) return (null, badAssignment);

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
            ActivityKey = RecordActivities.OnCreate(kind),
            AssignedTeamId = draft.AssignedTeamId,
            AssigneeId = draft.AssigneeId,
            CatalogItemId = draft.CatalogItemId,
            OpenedAt = Now,
            UpdatedAt = Now,
        };
        record = WithNumber(record);
        record.Priority = draft.Priority ?? (await MatrixOfAsync(providerId, ct)).PriorityOf(record.Impact, record.Urgency);
        await RouteAsync(record, keepTeam: draft.AssignedTeamId is not null, ct);
        await SyncClocksAsync(record, isNew: true, ct);
        return (record, null);
    }

    // The number is an init-only field derived from the sequence: made once, here.
    static WorkRecord WithNumber(WorkRecord r) => new()
    {
        Id = r.Id, Kind = r.Kind, Sequence = r.Sequence, Number = r.Kind.Number(r.Sequence), ProviderId = r.ProviderId, CustomerId = r.CustomerId,
        ServiceId = r.ServiceId, OfferingId = r.OfferingId, RequesterId = r.RequesterId, Title = r.Title, Description = r.Description,
        Impact = r.Impact, Urgency = r.Urgency, IsMajor = r.IsMajor, ProcessKey = r.ProcessKey, ActivityKey = r.ActivityKey,
        AssignedTeamId = r.AssignedTeamId, AssigneeId = r.AssigneeId, CatalogItemId = r.CatalogItemId, OpenedAt = r.OpenedAt, UpdatedAt = r.UpdatedAt,
    };

    Task<bool> ProvidesForAsync(Guid providerId, Guid customerId, CancellationToken ct) =>
        db.PartnerRelationships.IgnoreQueryFilters().AnyAsync(r => r.ProviderId == providerId && r.PartnerId == customerId, ct);

    public async Task<PriorityMatrix> MatrixOfAsync(Guid providerId, CancellationToken ct) =>
        await db.PrioritySettings.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == providerId).Select(p => p.Matrix).SingleOrDefaultAsync(ct)
            is { } stored ? PriorityMatrix.Parse(stored) : PriorityMatrix.Default;

    /// <summary>A team of the provider or of one of its partners, and a person who is a member of it.</summary>
    async Task<RuleViolation?> CheckAssignmentAsync(Guid providerId, Guid? teamId, Guid? assigneeId, CancellationToken ct)
    {
        if (teamId is { } team)
        {
            var owner = await db.Teams.IgnoreQueryFilters().Where(t => t.Id == team && t.ArchivedAt == null).Select(t => (Guid?)t.OrganizationId).SingleOrDefaultAsync(ct);
            if (owner is not { } org || (org != providerId && !await ProvidesForAsync(providerId, org, ct)))
                return new("No active team of the provider or its partners has this id.", "assignedTeamId");
        }
        if (assigneeId is { } person)
        {
            if (teamId is null) return new("Assign a team with the person: the person must be one of its members.", "assignedTeamId");
            if (!await db.TeamMembers.IgnoreQueryFilters().AnyAsync(m => m.TeamId == teamId && m.PersonId == person, ct))
                return new("The person is not a member of the team.", "assigneeId");
        }
        return null;
    }

    public async Task<RuleViolation?> MoveAsync(WorkRecord record, RecordState to, HoldReason? reason, string? resolution, CancellationToken ct)
    {
        if (RecordStates.CheckMove(record.Kind, record.State, to) is { } broken) return broken;
        var staff = IsStaff(record);
        // The requester may confirm (close), reopen or withdraw; the rest is the provider's work.
        if (!staff && !(record.State is RecordState.Resolved && to is RecordState.Closed or RecordState.InProgress) && to is not RecordState.Cancelled)
            return new("Only the service desk moves a record to this state.", "state");
        if (to is RecordState.OnHold && reason is null) return new("Say why the record is on hold: awaitingCustomer, awaitingSupplier or awaitingChange.", "holdReason");
        if (to is RecordState.Resolved && string.IsNullOrWhiteSpace(resolution) && string.IsNullOrWhiteSpace(record.Resolution))
            return new("Say how it was resolved.", "resolution");

        var from = record.State;
        record.State = to;
        record.HoldReason = to is RecordState.OnHold ? reason : null;
        if (to is RecordState.Resolved)
        {
            record.ResolvedAt = Now;
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
        if (step is not null || RecordActivities.LeavesProcess(to)) await RouteAsync(record, keepTeam: false, ct);
        await SyncClocksAsync(record, isNew: false, ct);
        return null;
    }

    public async Task<RuleViolation?> AssignAsync(WorkRecord record, Guid? teamId, Guid? assigneeId, CancellationToken ct)
    {
        if (!IsStaff(record)) return new("Only the service desk assigns records.", "assignedTeamId");
        if (RecordStates.IsFinal(record.State)) return new($"A {record.State} record is not assigned any more.");
        if (await CheckAssignmentAsync(record.ProviderId, teamId, assigneeId, ct) is { } broken) return broken;
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
        await RouteAsync(record, keepTeam: false, ct);
        await SyncClocksAsync(record, isNew: false, ct);
        return null;
    }

    /// <summary>Impact, urgency or priority changed: the new priority's targets apply from the record's start.</summary>
    public async Task SetPriorityAsync(WorkRecord record, Level impact, Level urgency, int? priority, CancellationToken ct)
    {
        record.Impact = impact;
        record.Urgency = urgency;
        record.Priority = priority ?? (await MatrixOfAsync(record.ProviderId, ct)).PriorityOf(impact, urgency);
        record.UpdatedAt = Now;
        await SyncClocksAsync(record, isNew: false, ct);
    }

    /// <summary>The service changed: the customer's offering, the policy and the performer may change with it.</summary>
    public async Task<RuleViolation?> SetServiceAsync(WorkRecord record, Guid? serviceId, CancellationToken ct)
    {
        Guid? offeringId = null;
        if (serviceId is { } id)
        {
            if (!await db.Services.IgnoreQueryFilters().AnyAsync(s => s.Id == id && s.ProviderId == record.ProviderId, ct))
                return new("No service of the record's provider has this id.", "serviceId");
            if (record.CustomerId != record.ProviderId)
            {
                var subscription = await db.Subscriptions.IgnoreQueryFilters().AsNoTracking()
                    .Where(s => s.ServiceId == id && s.CustomerId == record.CustomerId)
                    .OrderByDescending(s => s.Start).Select(s => new { s.OfferingId }).FirstOrDefaultAsync(ct);
                if (subscription is null) return new("The customer does not subscribe to this service.", "serviceId");
                offeringId = subscription.OfferingId;
            }
        }
        record.ServiceId = serviceId;
        record.OfferingId = offeringId;
        record.UpdatedAt = Now;
        await RouteAsync(record, keepTeam: false, ct);
        await SyncClocksAsync(record, isNew: false, ct);
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
        if (IsStaff(record) && comment.IsPublic && record.RespondedAt is null && record.IsOpen)
        {
            record.RespondedAt = Now;
            await SyncClocksAsync(record, isNew: false, ct);
        }
        return comment;
    }

    /// <summary>
    /// Works out who performs the record's current step from the sourcing assignments, and hands
    /// the record to that party's team unless the caller chose a team itself.
    /// </summary>
    async Task RouteAsync(WorkRecord record, bool keepTeam, CancellationToken ct)
    {
        SourcingAssignment? assignment = null;
        var accountable = record.CustomerId;
        if (record.ServiceId is { } serviceId && record.ActivityKey is not null)
        {
            var candidates = await db.SourcingAssignments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.ServiceId == serviceId && a.ProcessKey == record.ProcessKey && (a.CustomerId == null || a.CustomerId == record.CustomerId))
                .ToListAsync(ct);
            (assignment, accountable) = Routing.PerformerOf(candidates, record.CustomerId, record.ProcessKey, record.ActivityKey);
        }
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

        var team = assignment.PerformerTeamId ?? await db.Teams.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.OrganizationId == assignment.PerformerOrganizationId && t.ArchivedAt == null)
            .OrderBy(t => t.Name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (team is null || team == record.AssignedTeamId) return;
        record.AssignedTeamId = team;
        record.AssigneeId = null;
    }

    /// <summary>Loads the record's clocks and jobs, brings them in line with the record now, and adds or removes jobs.</summary>
    public async Task SyncClocksAsync(WorkRecord record, bool isNew, CancellationToken ct)
    {
        List<SlaClock> clocks = isNew ? [] : await db.SlaClocks.IgnoreQueryFilters().Where(c => c.RecordId == record.Id).ToListAsync(ct);
        var known = clocks.ToHashSet();
        var policies = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == record.ProviderId && p.IsActive).ToListAsync(ct);
        var policy = SlaPolicy.For(record, policies);
        var inForce = await CalendarsAsync(clocks.Select(c => c.CalendarId).Append(policy?.CalendarId), ct);
        var terms = await PartyTermsAsync(record, ct);

        ClockKeeper.Sync(record, clocks, policy, id => id is { } key && inForce.TryGetValue(key, out var c) ? c : CalendarInForce.AroundTheClock, terms, Now);

        var jobs = isNew ? [] : await db.SlaJobs.IgnoreQueryFilters().Where(j => j.RecordId == record.Id).ToListAsync(ct);
        foreach (var c in clocks)
        {
            if (!known.Contains(c)) db.SlaClocks.Add(c);
            var (added, removed) = ClockKeeper.PlanJobs(c, jobs.Where(j => j.ClockId == c.Id).ToList());
            db.SlaJobs.AddRange(added);
            db.SlaJobs.RemoveRange(removed);
        }
    }

    async Task<Dictionary<Guid, CalendarInForce>> CalendarsAsync(IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        var rows = await db.SlaCalendars.IgnoreQueryFilters().AsNoTracking().Where(c => wanted.Contains(c.Id)).ToListAsync(ct);
        return rows.ToDictionary(c => c.Id, c => new CalendarInForce(c.Id, c.Version, calendars.For(c)));
    }

    /// <summary>The performer's agreement and its target for the record's priority, when someone other than the provider performs the step.</summary>
    async Task<PartyTerms?> PartyTermsAsync(WorkRecord record, CancellationToken ct)
    {
        if (record.PerformerAgreement is not { } type || record.PerformerId is not { } party || record.PerformerOrganizationId is not { } organization) return null;
        var counterparty = type is AgreementType.OperationalLevelAgreement ? party : organization;
        var agreements = await db.AgreementRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.ProviderId == record.ProviderId && a.Type == type && a.CounterpartyId == counterparty
                && (a.ServiceId == null || a.ServiceId == record.ServiceId) && (a.ProcessKey == null || a.ProcessKey == record.ProcessKey))
            .ToListAsync(ct);
        // The most specific agreement governs: one for this service and process before a general one.
        var agreement = agreements.OrderByDescending(a => (a.ServiceId is null ? 0 : 2) + (a.ProcessKey is null ? 0 : 1)).ThenBy(a => a.Id).FirstOrDefault();
        var target = agreement?.Targets.FirstOrDefault(t => t.Priority == record.Priority)?.Within;
        return new PartyTerms(party, organization, type, agreement?.Id, target);
    }
}
