using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Identity;
using Steward.Server.Improvements;

namespace Steward.Server.Demo;

/// <summary>
/// Meridian's improvement register over the demo's ninety days: eight improvements, one or more in
/// each state, raised, approved, worked on, reviewed and closed through the register's workflow at
/// the instants the people did it, so that every baseline, review and closing value is what the
/// measures engine computes from the replayed records. Two were achieved because the work really
/// changed fifty days ago (<see cref="DemoIncidents.ChangedDaysAgo"/>): the desk resolves Harbor's
/// VPN and Wi-Fi faults itself, and Sabine's on-call rota halves the clinics' resolution times.
/// The clinics' satisfaction with Sabine's work did not follow, and that one closed as not achieved.
/// </summary>
public static class DemoImprovements
{
    const string Zone = "Europe/Amsterdam";
    const string Incidents = "incident-management";

    /// <summary>A target from the baseline: a decision the owner writes down, never a measured value.</summary>
    delegate decimal Target(MeasureDefinition measure, decimal baseline);

    /// <summary>An action: its title, owner, due day (days before today; negative is ahead) and the day it was done, if it was.</summary>
    sealed record Act(string Title, string Owner, int DueDaysAgo, int? DoneDaysAgo = null);

    /// <summary>A step after the improvement was raised: a review, or a move to another state, on a day before today.</summary>
    sealed record Step(int DaysAgo, string By, string? Review = null, ImprovementState? MoveTo = null);

    sealed record Story(string Title, string Problem, string Owner, string Measure, ImprovementScopeBody Scope, int BaselineStartsDaysAgo, int BaselineDays,
        int RaisedDaysAgo, Target Target, int TargetDateDaysAgo, Act[] Actions, Step[] Steps);

    /// <summary>Halfway from the baseline to the best value, as a one-click improvement proposes it.</summary>
    static decimal Halfway(MeasureDefinition measure, decimal baseline) =>
        ImprovementMath.HalfwayTarget(measure, baseline) ?? throw new InvalidOperationException($"Demo improvement: '{measure.Key}' is already at its best ({baseline}).");

    public static async Task AddAsync(StewardDbContext db, ActorResolver resolver, Instant now, CancellationToken ct)
    {
        var meridian = await db.Organizations.Where(o => o.Name == "Meridian Managed Services").Select(o => o.Id).SingleAsync(ct);
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var services = await db.Services.Where(s => s.ProviderId == meridian).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var acting = new DemoActing(db, resolver, people);
        var zone = DateTimeZoneProviders.Tzdb[Zone];
        var today = now.InZone(zone).Date;
        Instant At(int daysAgo, int hour) => Min((today.PlusDays(-daysAgo) + new LocalTime(hour, 0)).InZoneLeniently(zone).ToInstant(), now - Duration.FromMinutes(1));
        const int changed = DemoIncidents.ChangedDaysAgo;

        Story[] stories =
        [
            new("Restore the clinics' systems in half the time",
                "Clinical incidents that need Sabine's specialists wait for whoever is free; the clinics' front desks work on paper meanwhile. Alder's process-level agreement asks for 8 hours.",
                "maya.lindqvist@", "resolution-time-median", new(CustomerIds: [orgs["Alder Health Clinics"]], ProcessKeys: [Incidents]), 88, 30, 57,
                (_, b) => Math.Round(b * 0.75m, 1), 3,
                [new("Agree an on-call rota with Sabine Consulting", "maya.lindqvist@", changed + 2, changed + 1),
                 new("Publish the known errors of the scheduling system", "aiko.tanaka@", changed - 4, changed - 6)],
                [new(56, "maya.lindqvist@", MoveTo: ImprovementState.Approved), new(54, "maya.lindqvist@", MoveTo: ImprovementState.InProgress),
                 new(35, "maya.lindqvist@", "The rota started two weeks ago: clinical incidents are restored noticeably sooner."),
                 new(15, "maya.lindqvist@", "Still faster with the rota; Alder's IT manager noticed at the monthly review."),
                 new(4, "maya.lindqvist@", "Target met over the last thirty days: closing.", ImprovementState.Achieved)]),
            new("Resolve depot VPN and Wi-Fi faults at first line",
                "Three in ten of Harbor's incidents go to Network Operations for diagnosis, most of them VPN drops and depot Wi-Fi that the desk could fix with the right article.",
                "tom.okafor@", "first-contact-resolution", new(ServiceIds: [services["Managed Workplace"]], ProcessKeys: [Incidents]), 88, 30, 56,
                (_, b) => Math.Round(b + (100 - b) / 3, 1), 5,
                [new("Write the VPN and Wi-Fi known errors for the desk", "lucas.moreau@", changed + 1, changed + 1),
                 new("Train the desk on the depot controllers' status page", "daniel.reyes@", changed - 2, changed)],
                [new(55, "maya.lindqvist@", MoveTo: ImprovementState.Approved), new(53, "tom.okafor@", MoveTo: ImprovementState.InProgress),
                 new(30, "tom.okafor@", "Network Operations hardly sees a VPN ticket now."),
                 new(3, "tom.okafor@", "Met over the last thirty days; the articles stay with the desk.", ImprovementState.Achieved)]),
            new("Raise the clinics' satisfaction with the specialists' work",
                "Alder's staff rate the incidents Sabine's specialists resolve a point lower than Meridian's own: nobody tells them who is working on it.",
                "maya.lindqvist@", "csat-mean", new(PartyId: orgs["Sabine Consulting"]), 88, 45, 42, Halfway, 10,
                [new("Have the specialists call the clinic when they pick an incident up", "maya.lindqvist@", 35, 33)],
                [new(41, "maya.lindqvist@", MoveTo: ImprovementState.Approved), new(38, "maya.lindqvist@", MoveTo: ImprovementState.InProgress),
                 new(20, "maya.lindqvist@", "Faster, but the ratings have not moved; the calls are not happening."),
                 new(8, "maya.lindqvist@", "Past the date and no better: closing as not achieved, to be raised again with Sabine at the contract review.", ImprovementState.NotAchieved)]),
            new("Answer Kestrel's questions sooner",
                "Kestrel's IT waits for the first answer from Meridian's engineers longer than on its own desk.",
                "aiko.tanaka@", "response-time-median", new(CustomerIds: [orgs["Kestrel Financial"]]), 88, 30, 52, Halfway, -20,
                [new("Route Kestrel's incidents to the platform team's queue directly", "aiko.tanaka@", 40)],
                [new(50, "maya.lindqvist@", MoveTo: ImprovementState.Approved),
                 new(45, "aiko.tanaka@", "Kestrel is moving its first line to its own on-call engineers; waiting for their decision."),
                 new(30, "maya.lindqvist@", "Kestrel answers first itself from next month: nothing left to improve on our side.", ImprovementState.Abandoned)]),
            new("Keep the workplace within its service levels",
                "One in ten of Harbor's incidents misses its first-response or resolution target, mostly in the Monday morning peak.",
                "olivia.bennett@", "sla-compliance", new(ServiceIds: [services["Managed Workplace"]]), 88, 30, 50, Halfway, -40,
                [new("Add a second agent to the Monday morning rota", "tom.okafor@", 40, 41),
                 new("Warn the desk lead an hour before a P2 breaches", "tom.okafor@", 25, 27),
                 new("Review the breached incidents with Harbor's IT coordinator", "olivia.bennett@", 5)],
                [new(48, "maya.lindqvist@", MoveTo: ImprovementState.Approved), new(45, "olivia.bennett@", MoveTo: ImprovementState.InProgress),
                 new(30, "olivia.bennett@", "Monday rota in place."), new(15, "olivia.bennett@", "Breach warnings reach the desk lead."),
                 new(1, "olivia.bennett@", "Monthly review: the late ones are spread over the week now.")]),
            new("Resolve more incidents with the knowledge base",
                "Most incidents are resolved without an article even where one exists; the desk searches after fixing, not before.",
                "tom.okafor@", "article-reuse-rate", new(), 88, 30, 47, (_, b) => Math.Min(100, Math.Round(b + 10, 1)), -30,
                [new("Search the knowledge base in the first five minutes of triage", "tom.okafor@", 30, 30),
                 new("Link the article used when resolving", "priya.raman@", -10)],
                [new(46, "maya.lindqvist@", MoveTo: ImprovementState.Approved), new(40, "tom.okafor@", MoveTo: ImprovementState.InProgress),
                 new(20, "tom.okafor@", "Triage checklist updated; the moderators publish the open known errors first."),
                 new(2, "tom.okafor@", "More links to articles this month; the target is still ahead.")]),
            new("Delight Harbor's depot staff",
                "Harbor's ratings are good but not yet the 'excellent' its MSA renewal asks for.",
                "olivia.bennett@", "csat-mean", new(CustomerIds: [orgs["Harbor Logistics"]]), 37, 30, 7, Halfway, -80,
                [new("Call back every rating of 3 or less within a day", "tom.okafor@", -7)],
                [new(6, "maya.lindqvist@", MoveTo: ImprovementState.Approved),
                 new(5, "olivia.bennett@", "Approved at the service review; the call-backs start next week.")]),
            new("Get more answers to the satisfaction survey",
                "Two in five customers never answer the survey after an incident, so the satisfaction figures stand on fewer answers than they could.",
                "maya.lindqvist@", "csat-response-rate", new(), 32, 30, 2, Halfway, -60,
                [new("Send the survey link in the resolution message as well", "tom.okafor@", -14)],
                [new(1, "maya.lindqvist@", "Raised from the satisfaction report; to be approved at the next quality meeting.")]),
        ];

        foreach (var story in stories)
            await TellAsync(db, acting, meridian, story, At, today, now, ct);
        acting.AsSystem();
    }

    static async Task TellAsync(StewardDbContext db, DemoActing acting, Guid meridian, Story story, Func<int, int, Instant> at, LocalDate today, Instant now,
        CancellationToken ct)
    {
        static void Done(Core.Common.RuleViolation? broken, string title)
        {
            if (broken is not null) throw new InvalidOperationException($"Demo improvement '{title}' refused: {broken.Detail}");
        }
        var zone = DateTimeZoneProviders.Tzdb[Zone];
        var measure = MeasureCatalog.Find(story.Measure)!;
        var baselineFrom = zone.AtStartOfDay(today.PlusDays(-story.BaselineStartsDaysAgo)).ToInstant();
        var baselineTo = zone.AtStartOfDay(today.PlusDays(-story.BaselineStartsDaysAgo + story.BaselineDays)).ToInstant();
        var raised = at(story.RaisedDaysAgo, 10);

        // The owner reads the baseline the register will freeze, and sets the target from it.
        await acting.AsAsync(acting.Id(story.Owner.TrimEnd('@')), raised, ct);
        var scope = new ImprovementScope(story.Scope.ServiceIds?.Single(), story.Scope.CustomerIds?.Single(), story.Scope.ProcessKeys?.Single(), story.Scope.PartyId);
        var baseline = await ImprovementMeasures.ValueAsync(db, measure, meridian, scope, baselineFrom, baselineTo, zone, raised, ct);
        if (baseline.Value is not { } value) throw new InvalidOperationException($"Demo improvement '{story.Title}': nothing measured over its baseline.");
        var (improvement, broken) = await ImprovementWorkflow.CreateAsync(db, new ImprovementBody(story.Title, story.Problem, acting.Id(story.Owner.TrimEnd('@')),
            meridian, story.Scope, story.Measure, InstantPattern.ExtendedIso.Format(baselineFrom), InstantPattern.ExtendedIso.Format(baselineTo), Zone,
            story.Target(measure, value), today.PlusDays(-story.TargetDateDaysAgo)), raised, ct);
        Done(broken, story.Title);
        db.Improvements.Add(improvement!);
        var actions = story.Actions.Select(a => (Act: a, Action: new ImprovementAction
        {
            ImprovementId = improvement!.Id, ProviderId = meridian, Title = a.Title, CreatedAt = raised,
        })).ToList();
        foreach (var (act, action) in actions)
        {
            Done(await ImprovementWorkflow.ApplyActionAsync(db, improvement!, action,
                new ImprovementActionBody(act.Title, today.PlusDays(-act.DueDaysAgo), acting.Id(act.Owner.TrimEnd('@'))), raised, ct), story.Title);
            db.ImprovementActions.Add(action);
        }
        await db.SaveChangesAsync(ct);

        // Then what happened, day by day: the actions done, the reviews written, the moves made.
        var events = story.Steps.Select(s => (At: at(s.DaysAgo, 15), Order: 1, Step: (Step?)s, Done: ((Act, ImprovementAction)?)null))
            .Concat(actions.Where(a => a.Act.DoneDaysAgo is not null).Select(a => (At: at(a.Act.DoneDaysAgo!.Value, 11), Order: 0, Step: (Step?)null, Done: ((Act, ImprovementAction)?)a)))
            .Where(e => e.At > raised).OrderBy(e => e.At).ThenBy(e => e.Order).ToList();
        foreach (var e in events)
        {
            if (e.Done is var (act, action))
            {
                await acting.AsAsync(acting.Id(act.Owner.TrimEnd('@')), e.At, ct);
                Done(await ImprovementWorkflow.ApplyActionAsync(db, improvement!, action,
                    new ImprovementActionBody(act.Title, action.DueOn, action.OwnerId, Done: true), e.At, ct), story.Title);
            }
            else if (e.Step is { } step)
            {
                await acting.AsAsync(acting.Id(step.By.TrimEnd('@')), e.At, ct);
                if (step.Review is { } note) db.ImprovementReviews.Add(await ImprovementWorkflow.ReviewAsync(db, improvement!, note, e.At, ct));
                if (step.MoveTo is { } to) Done(await ImprovementWorkflow.MoveAsync(db, improvement!, to, e.At, ct), story.Title);
            }
            await db.SaveChangesAsync(ct);
        }
        db.ChangeTracker.Clear();
    }

    static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
