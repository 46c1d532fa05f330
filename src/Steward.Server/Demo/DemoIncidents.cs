using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Records;
using Steward.Server.Sla;

namespace Steward.Server.Demo;

/// <summary>
/// Ninety days of incidents for the demo customers, replayed through the record workflow at the
/// instants they happened, so that every clock, breach, pause and party's time is what Steward
/// itself would have counted: Harbor's workplace incidents (some investigated by the network team
/// under its OLA), Alder's clinical incidents (some resolved by Sabine Consulting under its
/// underpinning contract), and Kestrel's database questions answered under the skills agreement.
/// Most meet their targets; some do not, and the last days' are still open.
/// </summary>
public static class DemoIncidents
{
    const int Days = 90;

    /// <summary>The instant a replayed step happens at.</summary>
    internal sealed class At(Instant instant) : IClock
    {
        public Instant Instant { get; set; } = instant;
        public Instant GetCurrentInstant() => Instant;
    }

    sealed record Stream(string Customer, string Service, string Zone, double PerWorkday, double PerWeekendDay, string? Hand,
        double HandShare, string[] Titles, string[] Requesters, string[] Agents, Change? Later = null);

    /// <summary>
    /// How a stream's work changed <see cref="DaysAgo"/> days before now, when the actions of an
    /// improvement of the demo's register took effect (<see cref="DemoImprovements"/>): the share
    /// handed to another party, the share resolved late, and the time to resolve as a share of before.
    /// </summary>
    internal sealed record Change(int DaysAgo, double HandShare, double LateResolution, double ResolutionSpeed);

    /// <summary>The days before now when the demo register's improvements changed the work (see <see cref="DemoImprovements"/>).</summary>
    internal const int ChangedDaysAgo = 50;

    /// <param name="progress">Told how far the replay is (0–1) after each day of each stream.</param>
    public static async Task AddAsync(StewardDbContext db, WorkflowServices workflow, Instant now, Action<double> progress, CancellationToken ct)
    {
        var meridian = await db.Organizations.SingleAsync(o => o.Name == "Meridian Managed Services", ct);
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Name, ct);
        var services = await db.Services.Where(s => s.ProviderId == meridian.Id).ToDictionaryAsync(s => s.Name, ct);
        var teams = await db.Teams.ToDictionaryAsync(t => t.Name, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var cal = await db.SlaCalendars.ToDictionaryAsync(c => c.Name, ct);

        await AddAgreementsAndPoliciesAsync(db, meridian.Id, orgs, services, teams, cal, now, ct);
        await db.SaveChangesAsync(ct);

        Stream[] streams =
        [
            new("Harbor Logistics", "Managed Workplace", "Europe/Amsterdam", 2.2, 0.2, "incident-management/investigation-and-diagnosis", 0.3,
                ["Outlook keeps asking for my password", "Depot printer offline", "VPN drops every few minutes", "Teams calls break up", "Laptop will not start",
                 "Shared drive not mapped", "Wi-Fi in depot Rotterdam unstable", "Cannot open scanned PDFs", "Label printer prints blank labels", "Mobile mail not syncing"],
                ["peter.vance", "ingrid.deboer", "kofi.mensah", "sara.jansen"], ["priya.raman", "lucas.moreau", "hanna.schulz", "tom.okafor"],
                // The desk resolves VPN and Wi-Fi faults itself with the known-error articles instead of passing them to Network Operations.
                new(ChangedDaysAgo, HandShare: 0.04, LateResolution: 0.12, ResolutionSpeed: 1)),
            new("Alder Health Clinics", "Clinical Systems Support", "America/Chicago", 1.4, 0.5, "incident-management/resolution-and-recovery", 0.35,
                ["Scheduling system slow at check-in", "Patient record will not open", "Lab results not arriving", "Reception PC frozen", "Appointment reminders not sent",
                 "Clinic Denver cannot print prescriptions", "E-prescribing login fails"],
                ["emily.carter", "marcus.webb", "nina.petrova", "james.holt"], ["priya.raman", "lucas.moreau", "hanna.schulz"],
                // Sabine's specialists on an on-call rota for the clinics: clinical incidents are restored in about half the time.
                new(ChangedDaysAgo, HandShare: 0.35, LateResolution: 0.03, ResolutionSpeed: 0.5)),
            new("Kestrel Financial", "Database Expertise on Demand", "Europe/London", 0.6, 0, "incident-management/investigation-and-diagnosis", 0.8,
                ["Reporting database replication lag", "Nightly batch overruns", "Deadlocks on the trades table", "Query plan regression after upgrade", "Backup job failing"],
                ["charlotte.hughes", "ahmed.farouk"], ["aiko.tanaka", "sven.johansson"]),
        ];

        var random = new Random(2026);
        var clock = new At(now);
        var policies = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        var first = now.InUtc().Date.PlusDays(-Days);
        var days = Period.DaysBetween(first, now.InUtc().Date) + 1;
        var replayed = 0;
        foreach (var stream in streams)
        {
            var zone = DateTimeZoneProviders.Tzdb[stream.Zone];
            var customer = orgs[stream.Customer];
            var service = services[stream.Service];
            for (var day = first; day <= now.InUtc().Date; day = day.PlusDays(1))
            {
                progress((double)replayed++ / (streams.Length * days));
                var weekend = day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
                var count = Poisson(random, weekend ? stream.PerWeekendDay : stream.PerWorkday);
                for (var i = 0; i < count; i++)
                {
                    var opened = (day + new LocalTime(7 + random.Next(11), random.Next(60))).InZoneLeniently(zone).ToInstant();
                    if (opened >= now) continue;
                    var priority = Pick(random, (1, 0.03), (2, 0.12), (3, 0.55), (4, 0.25), (5, 0.05));
                    await ReplayAsync(db, workflow, clock, random, stream, customer.Id, service.Id, priority, opened, now,
                        people, teams, policies, cal, ct);
                    // One record at a time in the change tracker: a tracker holding them all makes every save slower than the last.
                    db.ChangeTracker.Clear();
                }
            }
        }

        // Escalations of what happened more than a day ago were handled then; only the recent ones are left for the worker.
        var handled = now - Duration.FromDays(1);
        await db.SlaJobs.Where(j => j.FiredAt == null && j.DueAt < handled)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.FiredAt, j => j.DueAt).SetProperty(j => j.FiredBy, "demo history"), ct);
        // Each replayed save kept the work log's monthly rollup; rebuilt once from the entries all the
        // same (a few thousand), so the demo's books start from the work log itself.
        await WorkLogRollup.RebuildAsync(db, meridian.Id, ct);
        db.UseClock(SystemClock.Instance);
    }

    static async Task ReplayAsync(StewardDbContext db, WorkflowServices workflow, At clock, Random random, Stream stream,
        Guid customerId, Guid serviceId, int priority, Instant opened, Instant now, Dictionary<string, Guid> people, Dictionary<string, Steward.Core.Parties.Team> teams,
        List<SlaPolicy> policies, Dictionary<string, SlaCalendar> cal, CancellationToken ct)
    {
        string Email(string name) => people.Keys.First(e => e.StartsWith(name + "@", StringComparison.Ordinal));
        var requester = people[Email(stream.Requesters[random.Next(stream.Requesters.Length)])];
        var agent = people[Email(stream.Agents[random.Next(stream.Agents.Length)])];
        var title = stream.Titles[random.Next(stream.Titles.Length)];
        var (impact, urgency) = priority switch
        {
            1 => (Level.High, Level.High),
            2 => (Level.High, Level.Medium),
            3 => (Level.Medium, Level.Medium),
            4 => (Level.Medium, Level.Low),
            _ => (Level.Low, Level.Low),
        };

        // Each step at its own instant, saved under that instant, as if it happened then.
        async Task<bool> Step(Instant at, Func<RecordWorkflow, WorkRecord, Task> change, WorkRecord record)
        {
            if (at >= now) return false;
            clock.Instant = at;
            db.UseClock(clock);
            await change(new RecordWorkflow(db, workflow, clock), record);
            await db.SaveChangesAsync(ct);
            return true;
        }

        clock.Instant = opened;
        db.UseClock(clock);
        var (record, broken) = await new RecordWorkflow(db, workflow, clock).PrepareAsync(
            new RecordDraft(RecordKind.Incident, title, $"Reported by phone at {opened.InZone(DateTimeZoneProviders.Tzdb[stream.Zone]):HH:mm}.",
                CustomerId: customerId, ServiceId: serviceId, RequesterId: requester, Impact: impact, Urgency: urgency), ct);
        if (broken is not null) throw new InvalidOperationException($"Demo incident refused: {broken.Detail}");
        db.WorkRecords.Add(record!);
        await db.SaveChangesAsync(ct);

        var policy = SlaPolicy.For(record!, policies);
        var calendar = policy?.CalendarId is { } id ? workflow.Calendars.For(cal.Values.Single(c => c.Id == id)) : CalendarInForce.AroundTheClock.Calendar;
        Instant After(Instant from, Duration? target, double share) =>
            calendar.Due(from, Duration.FromTicks((long)((target ?? Duration.FromHours(8)).BclCompatibleTicks * share))) ?? from;

        // Most answers come well inside the target; one in ten is late.
        var late = random.NextDouble() < 0.1;
        var responded = After(opened, policy?.TargetFor(ClockMetric.FirstResponse, priority), late ? 1.2 + random.NextDouble() : 0.15 + random.NextDouble() * 0.7);
        if (!await Step(responded, async (flow, r) =>
            {
                // The agent who answers takes it, when it sits with the agent's team.
                if (r.AssignedTeamId is { } team && await db.TeamMembers.AnyAsync(m => m.TeamId == team && m.PersonId == agent, ct))
                    await flow.AssignAsync(r, team, agent, ct);
                await flow.MoveAsync(r, RecordState.InProgress, null, null, ct);
                db.RecordComments.Add(new RecordComment
                {
                    RecordId = r.Id, ProviderId = r.ProviderId, CustomerId = r.CustomerId, AuthorId = agent, At = clock.Instant, IsPublic = true,
                    Body = "Thanks for reporting this. I am looking into it now.",
                });
            }, record!)) return;

        var resolutionTarget = policy?.TargetFor(ClockMetric.Resolution, priority);
        // The same draws before and after a change, so that the rest of the replay stays as it was.
        var changed = stream.Later is { } later && opened >= now - Duration.FromDays(later.DaysAgo) ? later : null;
        var lateResolution = random.NextDouble() < (changed?.LateResolution ?? 0.12);
        var cursor = responded;
        if (stream.Hand is { } step && random.NextDouble() < (changed?.HandShare ?? stream.HandShare))
        {
            cursor = After(cursor, resolutionTarget, 0.05 + random.NextDouble() * 0.1);
            if (!await Step(cursor, (flow, r) => flow.EnterActivityAsync(r, step, ct), record!)) return;
        }
        if (random.NextDouble() < 0.2)
        {
            cursor = After(cursor, resolutionTarget, 0.1 + random.NextDouble() * 0.2);
            if (!await Step(cursor, (flow, r) => flow.MoveAsync(r, RecordState.OnHold, HoldReason.AwaitingCustomer, null, ct), record!)) return;
            cursor += Duration.FromHours(2 + random.Next(30));
            if (!await Step(cursor, async (flow, r) =>
                {
                    db.RecordComments.Add(new RecordComment
                    {
                        RecordId = r.Id, ProviderId = r.ProviderId, CustomerId = r.CustomerId, AuthorId = requester, At = clock.Instant, IsPublic = true,
                        Body = "Here is the information you asked for.",
                    });
                    await flow.MoveAsync(r, RecordState.InProgress, null, null, ct);
                }, record!)) return;
        }
        var resolved = After(opened, resolutionTarget, lateResolution ? 1.1 + random.NextDouble() * 0.8 : (0.3 + random.NextDouble() * 0.6) * (changed?.ResolutionSpeed ?? 1));
        if (resolved <= cursor) resolved = cursor + Duration.FromMinutes(20 + random.Next(100));
        if (!await Step(resolved, async (flow, r) =>
            {
                await flow.MoveAsync(r, RecordState.Resolved, null, "Fixed and confirmed with the user.", ct);
                db.WorkLog.Add(WorkLogEntry.For(r, agent, 15 + random.Next(120), clock.Instant.InUtc().Date, "Diagnosis and fix", clock.Instant));
            }, record!)) return;
        await Step(resolved + Duration.FromDays(2), (flow, r) => flow.MoveAsync(r, RecordState.Closed, null, null, ct), record!);
    }

    static async Task AddAgreementsAndPoliciesAsync(StewardDbContext db, Guid meridian, Dictionary<string, Steward.Core.Parties.Organization> orgs,
        Dictionary<string, Steward.Core.Portfolio.Service> services, Dictionary<string, Steward.Core.Parties.Team> teams, Dictionary<string, SlaCalendar> cal, Instant now,
        CancellationToken ct)
    {
        static List<AgreementTarget> Targets(params double[] hours) => hours.Select((h, i) => new AgreementTarget(i + 1, Duration.FromMinutes(h * 60))).ToList();
        // The register already holds the desk's OLA and Kestrel's skills agreement; they get their targets here.
        foreach (var agreement in await db.AgreementRecords.Where(a => a.ProviderId == meridian).ToListAsync(ct))
        {
            if (agreement.Reference == "OLA-SD-01") agreement.Targets = Targets(3, 6, 12, 32, 64);
            if (agreement.Reference == "KST-SKL-2026") agreement.Targets = Targets(2, 4, 8, 16, 40);
        }
        db.AgreementRecords.Add(new AgreementRecord
        {
            ProviderId = meridian, Type = AgreementType.OperationalLevelAgreement, AccountableId = meridian, CounterpartyId = teams["Network Operations"].Id,
            Reference = "OLA-NET-01", Measures = ["Investigation within the agreed time per priority"], Targets = Targets(1, 2, 4, 8, 16),
            SignedOn = now.InUtc().Date.PlusMonths(-10), CreatedAt = now,
        });
        db.AgreementRecords.Add(new AgreementRecord
        {
            ProviderId = meridian, Type = AgreementType.UnderpinningContract, AccountableId = meridian, CounterpartyId = orgs["Sabine Consulting"].Id,
            ServiceId = services["Clinical Systems Support"].Id, ProcessKey = "incident-management", Reference = "SAB-CLIN-2026",
            Measures = ["Restore clinical systems within the agreed time"], Targets = Targets(2, 4, 8, 16, 40), SignedOn = now.InUtc().Date.PlusMonths(-8), CreatedAt = now,
        });

        static List<PolicyTarget> Policy(params (double Response, double Resolution)[] hours) =>
            hours.Select((h, i) => new PolicyTarget(i + 1, Duration.FromMinutes(h.Response * 60), Duration.FromMinutes(h.Resolution * 60))).ToList();
        List<Escalation> notify =
        [
            new(EscalationTrigger.Warning, ClockMetric.Resolution, EscalationAction.Notify, null),
            new(EscalationTrigger.Breach, ClockMetric.Resolution, EscalationAction.Notify, null),
            new(EscalationTrigger.Breach, ClockMetric.FirstResponse, EscalationAction.Notify, null),
        ];
        db.SlaPolicies.AddRange(
            new SlaPolicy
            {
                OrganizationId = meridian, Name = "Workplace incidents", Rank = 10, Kinds = [RecordKind.Incident], ServiceIds = [services["Managed Workplace"].Id],
                CalendarId = cal["Service desk (Amsterdam)"].Id, Targets = Policy((0.25, 4), (0.5, 8), (1, 16), (4, 40), (8, 80)), Escalations = notify,
                Description = "Harbor's MSA schedule 2: answered and resolved within the service desk's hours.", CreatedAt = now,
            },
            new SlaPolicy
            {
                OrganizationId = meridian, Name = "Clinical systems incidents", Rank = 20, Kinds = [RecordKind.Incident], ServiceIds = [services["Clinical Systems Support"].Id],
                CalendarId = cal["Around the clock"].Id, Targets = Policy((0.25, 4), (0.5, 8), (2, 24), (8, 72), (24, 168)), Escalations = notify,
                Description = "Clinics run every day: counted round the clock.", CreatedAt = now,
            },
            new SlaPolicy
            {
                OrganizationId = meridian, Name = "Database expertise", Rank = 30, Kinds = [RecordKind.Incident], ServiceIds = [services["Database Expertise on Demand"].Id],
                CalendarId = cal["Kestrel trading hours"].Id, Targets = Policy((0.5, 8), (1, 16), (4, 40), (8, 80), (16, 160)), Escalations = notify,
                Description = "Counted in Kestrel's own trading hours.", CreatedAt = now,
            });
    }

    internal static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    static int Pick(Random random, params (int Value, double Weight)[] options)
    {
        var roll = random.NextDouble();
        foreach (var (value, weight) in options)
            if ((roll -= weight) < 0) return value;
        return options[^1].Value;
    }
}
