using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Incidents;

/// <summary>
/// One incident from the portal to closure, with the clock read after every step: routing by
/// sourcing, the first response, a pause, a raised priority that keeps the time counted, a breach
/// escalated exactly once, and the supplier's own clock against its underpinning contract.
/// </summary>
public sealed class IncidentLifecycleTests(SlaApp app) : IClassFixture<SlaApp>
{
    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    /// <summary>Monday 30 November (London is on UTC in winter).</summary>
    static Instant Mon(int hour, int minute = 0) => Instant.FromUtc(2026, 11, 30, hour, minute);

    /// <summary>Tuesday 1 December.</summary>
    static Instant Tue(int hour, int minute = 0) => Instant.FromUtc(2026, 12, 1, hour, minute);

    [Fact]
    public async Task An_incident_is_routed_by_sourcing_and_its_clocks_keep_exact_time_through_pause_priority_change_breach_and_resolution()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);

        // Monday 09:00 London: the requester raises it; medium impact and urgency make it P3.
        var raised = await world.RaiseAsync();
        var id = raised.GetProperty("id").GetGuid();
        Assert.Matches("^INC[0-9]{6}$", raised.GetProperty("number").GetString());
        Assert.Equal(3, raised.GetProperty("priority").GetInt32());
        Assert.Equal("New", raised.GetProperty("state").GetString());
        Assert.Equal("incident-management/initial-diagnosis", raised.GetProperty("activityKey").GetString());
        Assert.Equal(world.ServiceDesk.Id, raised.GetProperty("assignedTeamId").GetGuid());
        Assert.Equal("Performed by Service desk under its operational level agreement.", raised.GetProperty("performer").GetProperty("statement").GetString());
        Assert.Contains("<strong>09:00</strong>", raised.GetProperty("descriptionHtml").GetString(), StringComparison.Ordinal);

        var clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("2026-11-30T10:00:00Z", clocks["FirstResponse"].GetProperty("due").GetString());
        Assert.Equal("2026-11-30T17:00:00Z", clocks["Resolution"].GetProperty("due").GetString());
        Assert.Equal("Running", clocks["Party:Service desk"].GetProperty("state").GetString());

        // 09:30: the agent answers in public: the first response is met after 30 minutes.
        app.Clock.Reset(Mon(9, 30));
        Assert.Equal(HttpStatusCode.Created, (await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{id}/comments", new { body = "Looking into it.", isPublic = true })).StatusCode);
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("Met", clocks["FirstResponse"].GetProperty("state").GetString());
        Assert.Equal(1800, clocks["FirstResponse"].GetProperty("elapsedSeconds").GetDouble());

        // 10:00: escalated to investigation, which the supplier's network team performs under its UC.
        app.Clock.Reset(Mon(10));
        var moved = await world.ActAsync(world.Agent, id, "activity", new { activityKey = "incident-management/investigation-and-diagnosis" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var record = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(world.Network.Id, record.GetProperty("assignedTeamId").GetGuid());
        Assert.Equal("UnderpinningContract", record.GetProperty("performer").GetProperty("agreement").GetString());
        Assert.Equal("Performed by Network engineering under its underpinning contract.", record.GetProperty("performer").GetProperty("statement").GetString());
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("PT4H", clocks["Party:Network engineering"].GetProperty("target").GetString());
        Assert.Equal("2026-11-30T14:00:00Z", clocks["Party:Network engineering"].GetProperty("due").GetString());
        Assert.Equal("Met", clocks["Party:Service desk"].GetProperty("state").GetString());
        Assert.Equal(3600, clocks["Party:Service desk"].GetProperty("elapsedSeconds").GetDouble());

        // 11:00: on hold, awaiting the supplier; it stays paused overnight.
        app.Clock.Reset(Mon(11));
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, "transition", new { state = "InProgress" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, "transition", new { state = "OnHold", holdReason = "AwaitingSupplier" })).StatusCode);
        app.Clock.Reset(Tue(9));
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("Paused", clocks["Resolution"].GetProperty("state").GetString());
        Assert.Equal(7200, clocks["Resolution"].GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(22 * 3600, clocks["Resolution"].GetProperty("pausedSeconds").GetDouble());

        // Tuesday 09:00: back in progress. Then the urgency goes up: P2's 4 h apply from the start,
        // with the 2 h already counted kept, so it is due at 11:00 rather than 13:00 or 15:00.
        Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, "transition", new { state = "InProgress" })).StatusCode);
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("2026-12-01T15:00:00Z", clocks["Resolution"].GetProperty("due").GetString());
        var current = await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{id}");
        var edited = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{IncidentWorld.Incidents}/{id}", new { urgency = "High" }, current.Headers.ETag!.Tag);
        Assert.Equal(2, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetInt32());
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("PT4H", clocks["Resolution"].GetProperty("target").GetString());
        Assert.Equal("2026-12-01T11:00:00Z", clocks["Resolution"].GetProperty("due").GetString());
        Assert.Equal(7200, clocks["Resolution"].GetProperty("elapsedSeconds").GetDouble());

        // 11:30: the worker fires the breach once: a notification, and P2 → P1.
        app.Clock.Reset(Tue(11, 30));
        await app.RunWorkerAsync();
        await app.RunWorkerAsync();
        var escalated = await world.GetAsync(world.Agent, id);
        Assert.Equal(1, escalated.GetProperty("priority").GetInt32());
        var (fired, notifications) = await app.AsSystemAsync(async (db, _) => (
            await db.SlaJobs.CountAsync(j => j.RecordId == id && j.FiredAt != null && j.Trigger == Core.Sla.EscalationTrigger.Breach
                && db.SlaClocks.Any(c => c.Id == j.ClockId && c.Metric == Core.Sla.ClockMetric.Resolution)),
            await db.Notifications.CountAsync(n => n.RecordId == id)));
        Assert.Equal(1, fired);
        // The network team's one engineer is told, once.
        Assert.Equal(1, notifications);
        clocks = await world.ClocksAsync(world.Agent, id);
        Assert.Equal("Breached", clocks["Resolution"].GetProperty("state").GetString());
        Assert.Equal("2026-12-01T11:00:00Z", clocks["Resolution"].GetProperty("breachedAt").GetString());

        // 12:00: resolved. The resolution clock stops breached. At P1 the 30 minutes the first
        // response took are judged against P1's 15: the new target applies from the start.
        app.Clock.Reset(Tue(12));
        var resolved = await world.ActAsync(world.Agent, id, "transition", new { state = "Resolved", resolution = "Supplier replaced the faulty switch." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        clocks = await world.ClocksAsync(world.Requester, id);
        Assert.Equal("Breached", clocks["Resolution"].GetProperty("state").GetString());
        Assert.Equal("Breached", clocks["FirstResponse"].GetProperty("state").GetString());
        Assert.Equal(1800, clocks["FirstResponse"].GetProperty("elapsedSeconds").GetDouble());
        // The supplier held it Monday 10:00–11:00 and Tuesday 09:00–12:00 (the pause overnight does not count against it).
        Assert.Equal(4 * 3600, clocks["Party:Network engineering"].GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal(22 * 3600, clocks["Party:Network engineering"].GetProperty("pausedSeconds").GetDouble());
    }

    [Fact]
    public async Task A_changed_calendar_replans_running_clocks_keeping_the_time_counted()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var id = (await world.RaiseAsync()).GetProperty("id").GetGuid();
        Assert.Equal("2026-11-30T17:00:00Z", (await world.ClocksAsync(world.Agent, id))["Resolution"].GetProperty("due").GetString());

        // Monday 12:00, 3 h counted: the office now closes for lunch and stays open until 21:00.
        app.Clock.Reset(Mon(12));
        await EditHoursAsync(world, ("09:00", "13:00"), ("14:00", "21:00"));
        await app.RunWorkerAsync();

        var resolution = (await world.ClocksAsync(world.Agent, id))["Resolution"];
        Assert.Equal(3 * 3600, resolution.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-11-30T18:00:00Z", resolution.GetProperty("due").GetString());   // 5 h left: 12–13 and 14–18
    }

    [Fact]
    public async Task Time_before_a_calendar_edit_stays_counted_in_the_old_hours_when_the_clock_catches_up_later()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var id = (await world.RaiseAsync()).GetProperty("id").GetGuid();

        // Monday 12:00, 3 h counted in 09:00–17:00: the office now opens 10:00–18:00. Nothing looks at
        // the clock until 15:00, when 3 h more have passed in the new hours (not 5 h from 10:00 to 15:00).
        app.Clock.Reset(Mon(12));
        await EditHoursAsync(world, ("10:00", "18:00"));
        app.Clock.Reset(Mon(15));

        var read = (await world.ClocksAsync(world.Agent, id))["Resolution"];
        Assert.Equal(6 * 3600, read.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-11-30T17:00:00Z", read.GetProperty("due").GetString());   // 2 h left

        await app.RunWorkerAsync();
        var replanned = (await world.ClocksAsync(world.Agent, id))["Resolution"];
        Assert.Equal(6 * 3600, replanned.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-11-30T17:00:00Z", replanned.GetProperty("due").GetString());

        // The record moves on Tuesday: the clock counts on from where the replan left it.
        app.Clock.Reset(Instant.FromUtc(2026, 12, 1, 10, 30));
        var after = (await world.ClocksAsync(world.Agent, id))["Resolution"];
        Assert.Equal("Breached", after.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_calendar_edits_before_the_clock_catches_up_each_count_their_own_hours()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var id = (await world.RaiseAsync()).GetProperty("id").GetGuid();

        // 09:00–12:00 in the first hours (3 h), 12:00–13:00 in 10:00–18:00 (1 h), 13:00–15:00 in 14:00–22:00 (1 h).
        app.Clock.Reset(Mon(12));
        await EditHoursAsync(world, ("10:00", "18:00"));
        app.Clock.Reset(Mon(13));
        await EditHoursAsync(world, ("14:00", "22:00"));
        app.Clock.Reset(Mon(15));
        await app.RunWorkerAsync();

        var resolution = (await world.ClocksAsync(world.Agent, id))["Resolution"];
        Assert.Equal(5 * 3600, resolution.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-11-30T18:00:00Z", resolution.GetProperty("due").GetString());   // 3 h left from 15:00
        var revisions = await app.AsSystemAsync(async (db, _) =>
            await db.SlaCalendarRevisions.Where(r => r.CalendarId == world.CalendarId).OrderBy(r => r.Version).Select(r => r.ReplacedAt).ToListAsync());
        Assert.Equal([Mon(12), Mon(13)], revisions);
    }

    /// <summary>Gives the world's calendar these working intervals on every weekday.</summary>
    async Task EditHoursAsync(IncidentWorld world, params (string Start, string End)[] intervals)
    {
        var calendar = await world.Provider.Manager.GetAsync($"/api/v1/sla/calendars/{world.CalendarId}");
        var hours = Weekdays.SelectMany(d => intervals.Select(i => new { day = d, start = i.Start, end = i.End })).ToArray();
        var changed = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/sla/calendars/{world.CalendarId}",
            new { name = "London office", timeZone = "Europe/London", weeklyHours = hours }, calendar.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    [Fact]
    public async Task A_replan_covers_the_records_opened_before_the_change_and_ends_while_records_keep_coming()
    {
        // The world's policy and calendar are made at 09:00; each asks for a replan of the provider's records.
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var before = (await world.RaiseAsync("Logged as the policy changed")).GetProperty("id").GetGuid();
        app.Clock.Reset(SlaApp.Start + Duration.FromMinutes(5));
        await world.RaiseManyAsync("Logged under the new policy", 3);

        await app.RunWorkerAsync();

        var replans = await app.AsSystemAsync(async (db, _) =>
            await db.SlaReplans.Where(r => r.ProviderId == world.Provider.Id).ToListAsync());
        Assert.NotEmpty(replans);
        Assert.All(replans, r => Assert.NotNull(r.DoneAt));
        Assert.All(replans, r => Assert.Equal(1, r.Records));
        Assert.All(replans, r => Assert.Equal(before, r.AfterId));
    }

    [Fact]
    public async Task A_customer_sees_its_own_incidents_and_public_comments_only()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var other = await IncidentWorld.CreateAsync(app);
        var mine = (await world.RaiseAsync("Printer jam")).GetProperty("id").GetGuid();
        var theirs = (await other.RaiseAsync("VPN down")).GetProperty("id").GetGuid();
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{mine}/comments", new { body = "Public answer", isPublic = true });
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{mine}/comments", new { body = "Internal note about the customer", isPublic = false });

        var flags = await app.AsSystemAsync(async (db, _) => await db.RecordComments.Where(c => c.RecordId == mine).Select(c => c.IsPublic).ToListAsync());
        Assert.Equal([true, false], flags);
        var listed = await world.Requester.GetFromJsonAsync<JsonElement>(IncidentWorld.Incidents);
        var comments = await world.Requester.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}/{mine}/comments");
        var agentComments = await world.Agent.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}/{mine}/comments");

        Assert.Equal([mine], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, (await world.Requester.GetAsync($"{IncidentWorld.Incidents}/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{theirs}")).StatusCode);
        Assert.Equal(["Public answer"], comments.EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        Assert.Equal(2, agentComments.GetArrayLength());
        // The requester may not assign or set a priority.
        var assign = await world.ActAsync(world.Requester, mine, "assign", new { teamId = world.ServiceDesk.Id });
        Assert.Equal(HttpStatusCode.BadRequest, assign.StatusCode);
        Assert.Contains("assignedTeamId", await assign.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_queue_filters_by_state_priority_team_party_breach_and_text()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var first = (await world.RaiseAsync("Outlook crashes on start")).GetProperty("id").GetGuid();
        var second = (await world.RaiseAsync("Calendar invites vanish")).GetProperty("id").GetGuid();
        await world.ActAsync(world.Agent, second, "activity", new { activityKey = "incident-management/investigation-and-diagnosis" });
        // Monday 18:00: both first responses (1 h) are long overdue.
        app.Clock.Reset(Mon(18));

        async Task<Guid[]> Ids(string query) =>
            (await world.Agent.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}?customerId={world.CustomerId}&{query}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

        Assert.Equal([second, first], await Ids("state=New"));
        Assert.Equal([second, first], await Ids("open=true"));
        Assert.Empty(await Ids("open=false"));
        Assert.Equal([first], await Ids($"open=true&teamId={world.ServiceDesk.Id}&sort=priority"));
        Assert.Equal([second], await Ids($"partyId={world.Network.Id}"));
        Assert.Equal([second], await Ids($"partyId={world.SupplierId}"));
        Assert.Equal([first], await Ids($"teamId={world.ServiceDesk.Id}"));
        Assert.Equal([first], await Ids("text=outlook"));
        Assert.Equal([second, first], await Ids("breached=true"));
        Assert.Empty(await Ids("breached=false"));
        Assert.Empty(await Ids("priority=1,2"));
        var bad = await world.Agent.GetAsync($"{IncidentWorld.Incidents}?state=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("state", await bad.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Full_text_search_finds_words_in_titles_descriptions_and_comments_but_customers_never_through_internal_notes()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var printer = (await world.RaiseAsync("Printer jam on the second floor")).GetProperty("id").GetGuid();
        var calendar = (await world.RaiseAsync("Calendar invites vanish")).GetProperty("id").GetGuid();
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{printer}/comments", new { body = "Replaced the toner cartridge.", isPublic = true });
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{calendar}/comments", new { body = "Blocked by the firewall rule 4711.", isPublic = false });
        var number = (await world.GetAsync(world.Agent, calendar)).GetProperty("number").GetString();

        async Task<Guid[]> Find(HttpClient client, string text) =>
            (await client.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}?customerId={world.CustomerId}&text={Uri.EscapeDataString(text)}"))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

        Assert.Equal([printer], await Find(world.Agent, "toner"));
        Assert.Equal([printer], await Find(world.Agent, "cart"));                  // words match as prefixes
        Assert.Equal([printer], await Find(world.Agent, "printer floor"));         // every word must match
        Assert.Equal([calendar], await Find(world.Agent, "firewall"));
        Assert.Equal([calendar], await Find(world.Agent, number!));
        Assert.Equal([printer], await Find(world.Requester, "toner"));
        Assert.Empty(await Find(world.Requester, "firewall"));                    // an internal note finds nothing for the customer
        Assert.Empty(await Find(world.Agent, "\"toner\" OR * NEAR(x)"));         // search syntax is words, never operators: no "or" anywhere
        var nothing = await world.Agent.GetAsync($"{IncidentWorld.Incidents}?text={Uri.EscapeDataString("!!! ...")}");
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
    }

    [Fact]
    public async Task A_comment_removed_from_the_database_takes_its_words_out_of_the_search_and_leaves_the_rest()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var tag = $"t{Guid.NewGuid():N}"[..12];
        var scanner = (await world.RaiseAsync($"Scanner {tag} offline")).GetProperty("id").GetGuid();
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{scanner}/comments", new { body = $"Swapped the fuser{tag} unit.", isPublic = true });
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{scanner}/comments", new { body = $"Vendor ticket{tag} opened.", isPublic = false });

        async Task<Guid[]> Find(string text) => (await world.PageAsync(world.Agent, $"text={text}")).Ids;

        Assert.Equal([scanner], await Find($"fuser{tag}"));
        Assert.Equal([scanner], await Find($"ticket{tag}"));
        // The API never edits or removes a comment; the database may (an erasure), and the index follows.
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<Steward.Core.StewardDbContext>>().CreateDbContext())
            Assert.Equal(1, await db.RecordComments.IgnoreQueryFilters().Where(c => c.RecordId == scanner && c.IsPublic).ExecuteDeleteAsync());
        Assert.Empty(await Find($"fuser{tag}"));
        Assert.Equal([scanner], await Find($"ticket{tag}"));
        Assert.Equal([scanner], await Find($"scanner+{tag}"));
    }

    [Fact]
    public async Task A_queue_over_several_states_pages_in_one_order_across_them()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var raised = await world.RaiseManyAsync("Queue order", 5);
        foreach (var moved in new[] { raised[1], raised[3] })
            Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, moved, "transition", new { state = "InProgress" })).StatusCode);

        Task<(Guid[] Ids, string? Next)> Page(string query) => world.PageAsync(world.Agent, query);

        Assert.Equal([raised[3], raised[1]], (await Page("state=InProgress")).Ids);
        // Each state is read as a page of its own and merged: the order is the records', not the states'.
        var first = await Page("open=true&limit=3");
        Assert.Equal([raised[4], raised[3], raised[2]], first.Ids);
        var second = await Page($"open=true&limit=3&cursor={first.Next}");
        Assert.Equal([raised[1], raised[0]], second.Ids);
        Assert.Null(second.Next);
        var oldest = await Page("state=New,InProgress&sort=opened&limit=4");
        Assert.Equal([raised[0], raised[1], raised[2], raised[3]], oldest.Ids);
        Assert.Equal([raised[4]], (await Page($"state=New,InProgress&sort=opened&limit=4&cursor={oldest.Next}")).Ids);
        Assert.Equal([raised[4], raised[2], raised[0]], (await Page("state=New,New,Resolved")).Ids);
        Assert.Empty((await Page("state=New&open=false")).Ids);

        // Priorities across states: raised[0] and raised[3] become P2 (the others stay P3). Sorted by
        // priority, most urgent first and newest first within a priority, page by page.
        foreach (var urgent in new[] { raised[0], raised[3] })
        {
            var current = await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{urgent}");
            var edited = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{IncidentWorld.Incidents}/{urgent}", new { urgency = "High" }, current.Headers.ETag!.Tag);
            Assert.Equal(2, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("priority").GetInt32());
        }
        var walked = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await Page("open=true&sort=priority&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            walked.AddRange(page.Ids);
            cursor = page.Next;
        }
        while (cursor is not null);
        Assert.Equal([raised[3], raised[0], raised[4], raised[2], raised[1]], walked);
        Assert.Equal([raised[3], raised[0]], (await Page("open=true&priority=2")).Ids);
        Assert.Equal([raised[3], raised[1]], (await Page("state=InProgress&priority=2,3&sort=priority")).Ids);
        Assert.Equal([raised[4], raised[3], raised[2]], (await Page("open=true&priority=2,3&limit=3")).Ids);
    }

    [Fact]
    public async Task A_search_matches_its_words_across_a_record_and_its_comments_and_pages_newest_first()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var raised = await world.RaiseManyAsync("VPN drops every hour, case", 5);
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{raised[1]}/comments", new { body = "The tunnel renegotiates keys.", isPublic = true });
        await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{raised[3]}/comments", new { body = "Concentrator firmware 9.2 suspected.", isPublic = false });

        Task<(Guid[] Ids, string? Next)> Find(HttpClient client, string query) => world.PageAsync(client, query);

        // Every word must occur, but not in the same place: title and public comment, title and internal note.
        Assert.Equal([raised[1]], (await Find(world.Agent, "text=vpn+tunnel")).Ids);
        Assert.Equal([raised[1]], (await Find(world.Requester, "text=vpn+tunnel")).Ids);
        Assert.Equal([raised[3]], (await Find(world.Agent, "text=vpn+concentrator")).Ids);
        Assert.Empty((await Find(world.Requester, "text=vpn+concentrator")).Ids);

        // Newest first by default, page by page without repeats; sort=opened walks the other way.
        var first = await Find(world.Agent, "text=vpn&limit=2");
        Assert.Equal([raised[4], raised[3]], first.Ids);
        var second = await Find(world.Agent, $"text=vpn&limit=2&cursor={first.Next}");
        Assert.Equal([raised[2], raised[1]], second.Ids);
        var third = await Find(world.Agent, $"text=vpn&limit=2&cursor={second.Next}");
        Assert.Equal([raised[0]], third.Ids);
        Assert.Null(third.Next);
        Assert.Equal([raised[0], raised[1]], (await Find(world.Agent, "text=vpn&limit=2&sort=opened")).Ids);
        var requesterPage = await Find(world.Requester, "text=vpn&limit=3");
        Assert.Equal([raised[4], raised[3], raised[2]], requesterPage.Ids);   // the note is internal; the title still matches
        Assert.Equal([raised[1], raised[0]], (await Find(world.Requester, $"text=vpn&limit=3&cursor={requesterPage.Next}")).Ids);

        // Other filters hold within the search, and a search sorted by priority still finds them all.
        await world.ActAsync(world.Agent, raised[2], "activity", new { activityKey = "incident-management/investigation-and-diagnosis" });
        Assert.Equal([raised[2]], (await Find(world.Agent, $"text=vpn&partyId={world.Network.Id}")).Ids);
        Assert.Equal(5, (await Find(world.Agent, "text=vpn&sort=priority")).Ids.Length);

        // A cursor of another order given to a search is refused at the cursor (SQLite pages a search by
        // its index, PostgreSQL like any queue and may take it), never a 500.
        foreach (var other in new[] { "limit=1", "limit=1&sort=priority" })
        {
            var queue = await Find(world.Agent, other);
            var mixed = await world.Agent.GetAsync($"{IncidentWorld.Incidents}?text=vpn&cursor={queue.Next}");
            if (mixed.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
                Assert.Contains("cursor", await mixed.ErrorFieldsAsync());
            }
        }
    }

    [Fact]
    public async Task A_record_is_found_right_after_it_is_logged_and_indexed_once_however_its_comments_and_the_indexing_interleave()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var tag = "q" + Guid.NewGuid().ToString("N")[..10];
        // On SQLite a new record waits in a list until a search or the server's indexing round
        // indexes it; a comment or an edit indexes it at once. Each of these races that round.
        var raised = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var id = (await world.RaiseAsync($"Scanner {tag} {i}")).GetProperty("id").GetGuid();
            raised.Add(id);
            if (i % 2 == 1)
                Assert.Equal(HttpStatusCode.Created, (await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/{id}/comments", new { body = $"Glass{tag} cleaned.", isPublic = true })).StatusCode);
            if (i % 3 == 2)
            {
                var current = await world.Agent.GetAsync($"{IncidentWorld.Incidents}/{id}");
                var edited = await world.Agent.SendWithIfMatchAsync(HttpMethod.Patch, $"{IncidentWorld.Incidents}/{id}", new { title = $"Scanner {tag} {i} edited{tag}" }, current.Headers.ETag!.Tag);
                Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            }
            // Found at once, by its title, as the only one with its number.
            Assert.Equal([id], (await world.PageAsync(world.Agent, $"text={tag}+{i}")).Ids);
        }

        raised.Reverse();
        Assert.Equal(raised, (await world.PageAsync(world.Agent, $"text={tag}")).Ids);
        Assert.Equal(raised.Where((_, i) => (5 - i) % 2 == 1), (await world.PageAsync(world.Agent, $"text=glass{tag}")).Ids);
        Assert.Equal(raised.Where((_, i) => (5 - i) % 3 == 2), (await world.PageAsync(world.Agent, $"text=edited{tag}")).Ids);
        if (TestDatabase.IsPostgres) return;
        await using var db = app.Services.GetRequiredService<IDbContextFactory<Steward.Core.StewardDbContext>>().CreateDbContext();
        Assert.False(await db.Database.SqlQueryRaw<bool>(Steward.Core.Records.RecordSearch.SqliteAnyPending).SingleAsync());
    }

    [Fact]
    public async Task Bulk_changes_answer_each_record_and_refuse_what_its_state_machine_refuses()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var a = (await world.RaiseAsync("A")).GetProperty("id").GetGuid();
        var b = (await world.RaiseAsync("B")).GetProperty("id").GetGuid();
        await world.ActAsync(world.Agent, b, "transition", new { state = "Resolved", resolution = "Fixed" });
        await world.ActAsync(world.Agent, b, "transition", new { state = "Closed" });

        var response = await world.Agent.PostJsonAsync($"{IncidentWorld.Incidents}/bulk", new { ids = new[] { a, b, Guid.NewGuid() }, state = "InProgress" });
        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("status").GetInt32());

        Assert.Equal(200, results[a]);
        Assert.Equal(409, results[b]);
        Assert.Equal(404, results.Single(r => r.Key != a && r.Key != b).Value);
        Assert.Equal("InProgress", (await world.GetAsync(world.Agent, a)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Attachments_must_be_what_they_claim_and_internal_ones_stay_internal()
    {
        app.Clock.Reset(SlaApp.Start);
        var world = await IncidentWorld.CreateAsync(app);
        var id = (await world.RaiseAsync()).GetProperty("id").GetGuid();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

        async Task<HttpResponseMessage> Upload(HttpClient client, byte[] bytes, string type, string name, bool isPublic = true)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
            form.Add(file, "file", name);
            form.Add(new StringContent(isPublic ? "true" : "false"), "isPublic");
            return await client.PostAsync($"{IncidentWorld.Incidents}/{id}/attachments", form);
        }

        var screenshot = await Upload(world.Requester, png, "image/png", "../../screen.png");
        var fake = await Upload(world.Requester, "MZ not a picture"u8.ToArray(), "image/png", "virus.png");
        var exe = await Upload(world.Requester, "MZ"u8.ToArray(), "application/x-msdownload", "tool.exe");
        var internalNote = await Upload(world.Agent, "escalated to vendor"u8.ToArray(), "text/plain", "notes.txt", isPublic: false);

        Assert.Equal(HttpStatusCode.Created, screenshot.StatusCode);
        var stored = await screenshot.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("screen.png", stored.GetProperty("fileName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, fake.StatusCode);
        Assert.Contains("file", await fake.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Equal(HttpStatusCode.Created, internalNote.StatusCode);
        var download = await world.Requester.GetAsync($"{IncidentWorld.Incidents}/{id}/attachments/{stored.GetProperty("id").GetGuid()}");
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, (await world.Requester.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}/{id}/attachments")).GetArrayLength());
        Assert.Equal(2, (await world.Agent.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}/{id}/attachments")).GetArrayLength());
    }
}
