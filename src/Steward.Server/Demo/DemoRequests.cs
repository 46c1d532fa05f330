using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Records;
using Steward.Core.Requests;
using Steward.Server.Records;

namespace Steward.Server.Demo;

/// <summary>
/// The demo catalogue and ninety days of requests made from it, replayed through the workflow as
/// they happened: Harbor's laptops (approved by its IT coordinator) and new starters (no approval,
/// three tasks at once), Alder's access requests (approved by its IT manager and Meridian's service
/// owner together) and Kestrel's database health checks. Approvers decide in their own time,
/// now and then say no; the recent requests are still waiting or in fulfilment.
/// </summary>
public static class DemoRequests
{
    const int Days = 90;

    sealed record Stream(string Item, string Zone, double PerWorkday, string[] Requesters, Func<Random, Guid, Dictionary<string, JsonElement>> Answers);

    /// <param name="progress">Told how far the replay is (0–1) after each day of each stream.</param>
    public static async Task AddAsync(StewardDbContext db, WorkflowServices workflow, Instant now, Action<double> progress, CancellationToken ct)
    {
        var meridian = await db.Organizations.SingleAsync(o => o.Name == "Meridian Managed Services", ct);
        var services = await db.Services.Where(s => s.ProviderId == meridian.Id).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email[..p.Email.IndexOf('@')], ct);
        var roles = await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name })
            .ToListAsync(ct);
        var partners = await db.PartnerRelationships.Where(r => r.ProviderId == meridian.Id).Select(r => r.PartnerId).ToListAsync(ct);
        var members = await db.TeamMembers.ToListAsync(ct);

        var items = Catalogue(meridian.Id, services, teams, people.ToDictionary(p => p.Key, p => p.Value.Id), now);
        db.CatalogItems.AddRange(items.Values);
        // Requests are measured in the desk's hours; time waiting for an approver does not count against the desk.
        var desk = await db.SlaCalendars.SingleAsync(c => c.Name == "Service desk (Amsterdam)", ct);
        db.SlaPolicies.Add(new Core.Sla.SlaPolicy
        {
            OrganizationId = meridian.Id, Name = "Service requests", Rank = 50, Kinds = [RecordKind.Request], CalendarId = desk.Id,
            Targets = [.. Enumerable.Range(1, 5).Select(p => new Core.Sla.PolicyTarget(p, Duration.FromHours(2 * p), Duration.FromHours(16 + 8 * p)))],
            PauseStates = [RecordState.AwaitingApproval, RecordState.OnHold], WarningPercent = 75,
            Description = "Catalogue requests: answered and fulfilled in the service desk's hours; approval time is paused.", CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);

        static JsonElement J(object value) => JsonSerializer.SerializeToElement(value);
        static string One(Random r, params string[] options) => options[r.Next(options.Length)];
        string Date(Random r, Instant at) => at.InUtc().Date.PlusDays(5 + r.Next(20)).ToString("yyyy-MM-dd", null);
        Stream[] streams =
        [
            new("New laptop", "Europe/Amsterdam", 0.5, ["peter.vance", "ingrid.deboer", "kofi.mensah", "sara.jansen"], (r, requester) => new()
            {
                ["model"] = J(r.Next(3) == 0 ? "Developer" : "Standard"), ["neededBy"] = J(Date(r, now)), ["forPerson"] = J(requester.ToString()),
                ["costCentre"] = J($"CC-{4100 + r.Next(8)}"),
            }),
            new("New starter", "Europe/Amsterdam", 0.35, ["peter.vance", "ingrid.deboer"], (r, _) => new()
            {
                ["fullName"] = J(One(r, "Mila de Vries", "Jonas Peeters", "Fatima El Idrissi", "Lars Visser", "Noor Bakker")),
                ["startDate"] = J(Date(r, now)), ["department"] = J(One(r, "Depot operations", "Finance", "Customer service")),
            }),
            new("Access to patient scheduling", "America/Chicago", 0.45, ["emily.carter", "nina.petrova", "james.holt"], (r, requester) => new()
            {
                ["forPerson"] = J(requester.ToString()), ["role"] = J(One(r, "Front desk", "Nurse", "Physician")),
                ["clinic"] = J(One(r, "Denver", "Austin", "Omaha")),
            }),
            new("Database health check", "Europe/London", 0.12, ["ahmed.farouk", "charlotte.hughes"], (r, _) => new()
            {
                ["database"] = J(One(r, "TRADES01", "REPORTING", "RISKDB")), ["window"] = J(Date(r, now)),
            }),
        ];

        var random = new Random(2027);
        var clock = new DemoIncidents.At(now);
        var first = now.InUtc().Date.PlusDays(-Days);
        var days = Period.DaysBetween(first, now.InUtc().Date) + 1;
        var replayed = 0;
        foreach (var stream in streams)
        {
            var zone = DateTimeZoneProviders.Tzdb[stream.Zone];
            var item = items[stream.Item];
            for (var day = first; day <= now.InUtc().Date; day = day.PlusDays(1))
            {
                progress((double)replayed++ / (streams.Length * days));
                if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) continue;
                for (var i = DemoIncidents.Poisson(random, stream.PerWorkday); i > 0; i--)
                {
                    var opened = (day + new LocalTime(8 + random.Next(9), random.Next(60))).InZoneLeniently(zone).ToInstant();
                    if (opened >= now) continue;
                    var requester = people[stream.Requesters[random.Next(stream.Requesters.Length)]];
                    await ReplayAsync(db, workflow, clock, random, item, requester, stream.Answers(random, requester.Id), opened, now, members, Act, ct);
                    db.ChangeTracker.Clear();
                }
            }
        }
        db.Actor.BecomeSystem();
        db.UseClock(SystemClock.Instance);

        // Steps are taken as the person who takes them: an approver's decision is theirs, in their tenancy.
        void Act(Guid personId)
        {
            var person = people.Values.Single(p => p.Id == personId);
            var own = roles.Where(r => r.UserId == personId).Select(r => r.Name!).ToHashSet();
            IReadOnlyCollection<Guid> visible = person.OrganizationId == meridian.Id ? [meridian.Id, .. partners] : [person.OrganizationId];
            db.Actor.BecomePerson(personId, null, person.OrganizationId, own, visible);
        }
    }

    static async Task ReplayAsync(StewardDbContext db, WorkflowServices workflow, DemoIncidents.At clock, Random random, CatalogItem item,
        Core.Parties.Person requester, Dictionary<string, JsonElement> answers, Instant opened, Instant now, List<Core.Parties.TeamMember> members,
        Action<Guid> act, CancellationToken ct)
    {
        async Task<bool> Step(Instant at, Guid? by, Func<RecordWorkflow, WorkRecord, Task<Core.Common.RuleViolation?>> change, Guid recordId)
        {
            if (at >= now) return false;
            clock.Instant = at;
            db.UseClock(clock);
            if (by is { } person) act(person); else db.Actor.BecomeSystem();
            var record = await db.WorkRecords.IgnoreQueryFilters().SingleAsync(r => r.Id == recordId, ct);
            if (await change(new RecordWorkflow(db, workflow, clock), record) is { } broken) throw new InvalidOperationException($"Demo request step refused: {broken.Detail}");
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return true;
        }

        clock.Instant = opened;
        db.UseClock(clock);
        act(requester.Id);
        var flow = new RecordWorkflow(db, workflow, clock);
        var (submission, refused) = await flow.Requests.ReadAsync(item.Id, answers, requester.OrganizationId, ct);
        if (refused is not null) throw new InvalidOperationException($"Demo request refused: {refused.Detail}");
        var (created, broken) = await flow.PrepareAsync(new RecordDraft(RecordKind.Request, item.Name, null, ServiceId: item.ServiceId,
            CatalogItemId: item.Id, StartIn: submission!.StartState), ct);
        if (broken is not null) throw new InvalidOperationException($"Demo request refused: {broken.Detail}");
        flow.Requests.Submit(created!, submission);
        db.WorkRecords.Add(created!);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var id = created!.Id;

        // Approvers decide stage by stage, within hours or a day or two; one request in twelve is turned down.
        var at = opened;
        for (var stage = 1; stage <= item.Stages.Count; stage++)
        {
            var asked = await db.RequestApprovals.IgnoreQueryFilters().Where(a => a.RecordId == id && a.Stage == stage).Select(a => a.ApproverId).ToListAsync(ct);
            var deciders = item.Stages[stage - 1].Rule is ApprovalRule.All ? asked : [asked[random.Next(asked.Count)]];
            foreach (var approver in deciders)
            {
                at += Duration.FromMinutes(30 + random.Next(36 * 60));
                var no = random.NextDouble() < 0.08;
                if (!await Step(at, approver, (f, r) => f.Requests.DecideAsync(r, no ? ApprovalDecision.Rejected : ApprovalDecision.Approved,
                        no ? "Not this quarter; please ask again in January." : null, ct), id)) return;
                if (no) return;
            }
        }

        // Fulfilment: each open task done a few working hours later, by a member of its team.
        for (var round = 0; round < item.Tasks.Count; round++)
        {
            var open = await db.FulfilmentTasks.IgnoreQueryFilters().Where(t => t.RecordId == id && t.State == TaskState.Open).OrderBy(t => t.Order).ToListAsync(ct);
            if (open.Count == 0) break;
            foreach (var task in open)
            {
                at += Duration.FromMinutes(45 + random.Next(20 * 60));
                var doer = members.FirstOrDefault(m => m.TeamId == task.TeamId)?.PersonId;
                if (!await Step(at, doer, (f, r) => f.Requests.FinishTaskAsync(r, task.Id, cancel: false, "Done.", ct), id)) return;
            }
        }
        await Step(at + Duration.FromDays(1), requester.Id, (f, r) => f.MoveAsync(r, RecordState.Closed, null, null, ct), id);
    }

    static Dictionary<string, CatalogItem> Catalogue(Guid meridian, Dictionary<string, Guid> services, Dictionary<string, Guid> teams, Dictionary<string, Guid> people, Instant now)
    {
        CatalogItem Item(string name, string service, string category, string summary, string description, List<FormField> fields,
            List<ApprovalStage> stages, List<TaskTemplate> tasks, TaskOrder order = TaskOrder.Sequential) => new()
        {
            ProviderId = meridian, ServiceId = services[service], Name = name, Category = category, Summary = summary, Description = description,
            Fields = fields, Stages = stages, Tasks = tasks, TaskOrder = order, CreatedAt = now,
        };
        var desk = teams["Service Desk"];
        var platform = teams["Platform Engineering"];
        CatalogItem[] items =
        [
            Item("New laptop", "Managed Workplace", "Hardware", "A standard or developer laptop, imaged and enrolled",
                "A **standard** laptop (14\", 16 GB) or a **developer** one (16\", 32 GB), imaged with your company build and delivered to your depot. Usually five working days.",
                [
                    new("model", "Model", FieldType.Choice, Required: true, Options: ["Standard", "Developer"]),
                    new("neededBy", "Needed by", FieldType.Date, Required: true),
                    new("forPerson", "For", FieldType.Person, Required: true, Help: "Who will use it."),
                    new("costCentre", "Cost centre", FieldType.Text, Required: true, Pattern: "CC-[0-9]{4}", MaxLength: 7, Help: "CC- and four digits."),
                ],
                [new("IT coordinator", ApprovalRule.Any, [new Approver(ApproverKind.Role, Role: Roles.ServiceOwner)])],
                [new("Order the laptop", TeamId: desk), new("Image and enrol it", TeamId: platform), new("Hand it over", TeamId: desk)]),
            Item("New starter", "Managed Workplace", "Accounts", "Account, mailbox and groups for someone joining",
                "Everything a new colleague needs on day one. Ask at least three working days before they start.",
                [
                    new("fullName", "Full name", FieldType.Text, Required: true, MaxLength: 120),
                    new("startDate", "Start date", FieldType.Date, Required: true),
                    new("department", "Department", FieldType.Choice, Required: true, Options: ["Depot operations", "Finance", "Customer service"]),
                ],
                [],
                [new("Create the account", TeamId: desk), new("Set up the mailbox", TeamId: platform), new("Add to the department's groups", TeamId: desk)],
                TaskOrder.Parallel),
            Item("Access to patient scheduling", "Clinical Systems Support", "Access", "A role in the patient scheduling system",
                "Access for a clinic colleague. Physicians' access is confirmed by Alder's IT manager and Meridian's service owner.",
                [
                    new("forPerson", "For", FieldType.Person, Required: true),
                    new("role", "Role", FieldType.Choice, Required: true, Options: ["Front desk", "Nurse", "Physician"]),
                    new("clinic", "Clinic", FieldType.Choice, Required: true, Options: ["Denver", "Austin", "Omaha"]),
                ],
                [new("Clinic and service owner", ApprovalRule.All, [new Approver(ApproverKind.Role, Role: Roles.ProcessOwner), new Approver(ApproverKind.ServiceOwner)])],
                [new("Grant the role", TeamId: desk), new("Confirm with the clinic", TeamId: desk)]),
            Item("Database health check", "Database Expertise on Demand", "Expertise", "A DBA reviews a database and reports findings",
                "One of Meridian's database engineers reviews configuration, plans, waits and backups, and sends a written report.",
                [
                    new("database", "Database", FieldType.Choice, Required: true, Options: ["TRADES01", "REPORTING", "RISKDB"]),
                    new("window", "Preferred date", FieldType.Date),
                ],
                [new("Head of IT", ApprovalRule.Any, [new Approver(ApproverKind.Role, Role: Roles.ServiceOwner)])],
                [new("Run the health check", TeamId: platform), new("Write and send the report", TeamId: platform)]),
        ];
        return items.ToDictionary(i => i.Name);
    }
}
