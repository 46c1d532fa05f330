using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Reports;
using static Steward.Server.Tests.Improvements.ImprovementApi;

namespace Steward.Server.Tests.Improvements;

/// <summary>
/// The register over the report world's Monday, whose every clock is known (<see cref="ReportWorld"/>),
/// read at 15:00: baselines computed by the measures engine and frozen, states, the check that an
/// achieved improvement meets its target, reviews, ETags and the journal, and what customers see.
/// </summary>
public sealed class ImprovementRegisterTests(SlaApp app) : IClassFixture<SlaApp>
{
    /// <summary>Monday until 15:00: the backlog then is R0, R3 and R4.</summary>
    static object MondayBacklog(object? scope = null, decimal target = 1) => new
    {
        title = "Clear the backlog", problem = "Records **wait** too long.", measureKey = "backlog", scope,
        baselineFrom = "2026-11-30T00:00:00Z", baselineTo = "2026-11-30T15:00:00Z", target, targetDate = "2026-12-31",
    };

    [Fact]
    public async Task The_baseline_is_computed_from_the_records_when_raised_and_frozen()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;

        // Monday's records, as the compliance report counts them: 4 clocks met of 7 judged.
        var raised = await RaiseAsync(manager, new
        {
            title = "Meet the SLA", measureKey = "sla-compliance", baselineFrom = "2026-11-30", baselineTo = "2026-11-30T15:00:00Z",
            target = 80, targetDate = "2027-02-28",
        });
        var baseline = raised.GetProperty("baseline");

        Assert.Equal((57.1m, 7L), (baseline.GetProperty("value").GetDecimal(), baseline.GetProperty("n").GetInt64()));
        Assert.Equal(ReportWorld.ReadAt, baseline.GetProperty("computedAt").Deserialize<Instant>(StewardApp.Json));
        Assert.Equal("Identified", raised.GetProperty("state").GetString());
        Assert.Equal(57.1m, Number(raised.GetProperty("current"), "value"));

        // Later records do not move the baseline; the current value moves with them.
        app.Clock.Reset(ReportWorld.ReadAt + Duration.FromHours(1));
        await w.World.RaiseAsync("Another one");
        var read = await GetAsync(manager, Id(raised));
        Assert.Equal(57.1m, Number(read.GetProperty("baseline"), "value"));
        var journal = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={Id(raised)}");
        Assert.Equal(1, journal.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_baseline_value_cannot_be_sent()
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Provider.Manager.PostJsonAsync(Register, new
        {
            title = "Meet the SLA", measureKey = "sla-compliance", baselineValue = 10, target = 80, targetDate = "2027-02-28",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("baselineValue", await response.ErrorFieldsAsync());
    }

    public static TheoryData<string, string> BadInput => new()
    {
        { """{"title":"T","measureKey":"no-such-measure","target":1,"targetDate":"2027-01-31"}""", "measureKey" },
        { """{"title":"T","target":1,"targetDate":"2027-01-31"}""", "measureKey" },
        { """{"title":"T","measureKey":"backlog","scope":{"partyId":"00000000-0000-0000-0000-000000000001"},"target":1,"targetDate":"2027-01-31"}""", "scope.partyId" },
        { """{"title":"T","measureKey":"sla-compliance","scope":{"serviceIds":["00000000-0000-0000-0000-000000000001"]},"target":90,"targetDate":"2027-01-31"}""", "scope.serviceIds" },
        { """{"title":"T","measureKey":"sla-compliance","scope":{"processKeys":["no-such-process"]},"target":90,"targetDate":"2027-01-31"}""", "scope.processKeys" },
        { """{"title":"T","measureKey":"sla-compliance","scope":{"kind":"outsourced"},"target":90,"targetDate":"2027-01-31"}""", "scope.kind" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","target":50,"targetDate":"2027-01-31"}""", "target" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","target":101,"targetDate":"2027-01-31"}""", "target" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","target":90}""", "targetDate" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","target":90,"targetDate":"2026-11-29"}""", "targetDate" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-29","target":90,"targetDate":"2027-01-31"}""", "baselineTo" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2025-01-01","baselineTo":"2026-11-29","target":90,"targetDate":"2027-01-31"}""", "baselineFrom" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-12-30","target":90,"targetDate":"2027-01-31"}""", "baselineTo" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"30/11/2026","target":90,"targetDate":"2027-01-31"}""", "baselineFrom" },
        { """{"title":"T","measureKey":"csat-mean","target":4,"targetDate":"2027-01-31"}""", "baselineFrom" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","zone":"Mars/Olympus","target":90,"targetDate":"2027-01-31"}""", "zone" },
        { """{"title":"T","measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","ownerId":"00000000-0000-0000-0000-000000000001","target":90,"targetDate":"2027-01-31"}""", "ownerId" },
        { """{"measureKey":"sla-compliance","baselineFrom":"2026-11-30","baselineTo":"2026-11-30T15:00:00Z","target":90,"targetDate":"2027-01-31"}""", "title" },
        { """{"title":"T","measureKey":"sla-compliance","target":90,"targetDate":"2027-01-31","source":{"type":"rumour"}}""", "source.type" },
        { """{"title":"T","measureKey":"sla-compliance","target":1e300,"targetDate":"2027-01-31"}""", "target" },
        { """{"title":"T\u0007","measureKey":"sla-compliance","target":90,"targetDate":"2027-01-31"}""", "title" },
    };

    static readonly SemaphoreSlim Sharing = new(1, 1);
    static (SlaApp App, ReportWorld World)? shared;

    /// <summary>One world for the refusals, which change nothing: building one per case costs more than the cases.</summary>
    async Task<ReportWorld> SharedWorldAsync()
    {
        await Sharing.WaitAsync();
        try
        {
            if (shared is not { } s || s.App != app) shared = (app, await ReportWorld.CreateAsync(app));
            app.Clock.Reset(ReportWorld.ReadAt);
            return shared.Value.World;
        }
        finally
        {
            Sharing.Release();
        }
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string field)
    {
        var w = await SharedWorldAsync();

        var response = await w.World.Provider.Manager.PostAsync(Register, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Two_services_in_a_scope_and_a_service_of_another_provider_are_refused_by_name()
    {
        var w = await ReportWorld.CreateAsync(app);
        var other = await ReportWorld.CreateAsync(app);

        var two = await w.World.Provider.Manager.PostJsonAsync(Register, MondayBacklog(new { serviceIds = new[] { w.World.ServiceId, w.WebServiceId } }));
        var foreign = await w.World.Provider.Manager.PostJsonAsync(Register, MondayBacklog(new { serviceIds = new[] { other.World.ServiceId } }));

        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Contains("scope.serviceIds", await two.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("scope.serviceIds", await foreign.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_money_measure_is_a_conflict_as_every_person_of_the_provider_reads_the_register()
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Provider.Manager.PostJsonAsync(Register, new { title = "Cheaper", measureKey = "cost-per-record", target = 10, targetDate = "2027-01-31" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("finance", await response.ProblemDetailAsync());
    }

    [Fact]
    public async Task Achieved_is_measured_not_asserted_and_reviews_store_the_value_that_day()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var raised = await RaiseAsync(manager, MondayBacklog());
        var id = Id(raised);
        Assert.Equal((3m, 1m), (raised.GetProperty("baseline").GetProperty("value").GetDecimal(), raised.GetProperty("target").GetDecimal()));

        var early = await MoveAsync(manager, id, "Achieved");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await MovedAsync(manager, id, "Approved");
        var started = await MovedAsync(manager, id, "InProgress");
        Assert.Equal(["Achieved", "NotAchieved", "Abandoned"], started.GetProperty("nextStates").EnumerateArray().Select(s => s.GetString()));

        var missed = await MoveAsync(manager, id, "Achieved");
        Assert.Equal(HttpStatusCode.Conflict, missed.StatusCode);
        var detail = await missed.ProblemDetailAsync();
        Assert.Contains("measures 3 count", detail);
        Assert.Contains("target of 1 count", detail);

        var posted = await manager.PostJsonAsync($"{Register}/{id}/reviews", new { note = "Desk trained on the relay fault." });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var first = await posted.ReadAsync<JsonElement>();
        Assert.Equal((3m, 3L), (Number(first, "value")!.Value, first.GetProperty("n").GetInt64()));

        // An hour later the network team resolves R3 and the agent R4: R0 alone is left.
        app.Clock.Reset(ReportWorld.ReadAt + Duration.FromHours(1));
        foreach (var r in new[] { w.Ids[3], w.Ids[4] })
            Assert.Equal(HttpStatusCode.OK, (await w.World.ActAsync(w.World.Agent, r, "transition", new { state = "Resolved", resolution = "Fixed." })).StatusCode);
        app.Clock.Advance(Duration.FromMinutes(1));
        var second = await (await manager.PostJsonAsync($"{Register}/{id}/reviews", new { note = "Two cleared." })).ReadAsync<JsonElement>();
        var achieved = await MovedAsync(manager, id, "Achieved");

        Assert.Equal(1m, Number(second, "value"));
        Assert.Equal((1m, "Achieved"), (Number(achieved, "closingValue")!.Value, achieved.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, achieved.GetProperty("current").ValueKind);
        var reviews = await manager.GetFromJsonAsync<JsonElement>($"{Register}/{id}/reviews", StewardApp.Json);
        Assert.Equal([1m, 3m], reviews.EnumerateArray().Select(r => r.GetProperty("value").GetDecimal()));
        Assert.Equal(HttpStatusCode.Conflict, (await MoveAsync(manager, id, "InProgress")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Register}/{id}",
            new { title = "Renamed", ownerId = achieved.GetProperty("ownerId").GetGuid(), target = 0, targetDate = "2027-01-31" }, "*")).StatusCode);
    }

    [Fact]
    public async Task The_chart_reads_the_measure_per_month_from_the_baselines_first_month_to_now()
    {
        var w = await ReportWorld.CreateAsync(app);
        var id = Id(await RaiseAsync(w.World.Provider.Manager, MondayBacklog()));
        app.Clock.Reset(ReportWorld.ReadAt + Duration.FromDays(7));

        var points = await app.AsSystemAsync(async (db, _) =>
            await Steward.Server.Improvements.ImprovementMeasures.MonthlyAsync(db, await db.Improvements.SingleAsync(i => i.Id == id), app.Clock.GetCurrentInstant(), default));

        // November from the baseline's start, December to now: R0, R3 and R4 open at the end of each.
        Assert.Equal([(new LocalDate(2026, 11, 1), (decimal?)3m), (new LocalDate(2026, 12, 1), 3m)], points.Select(p => (p.Month, p.Value)));
    }

    [Fact]
    public async Task Not_achieved_and_abandoned_are_always_allowed_from_an_approved_improvement()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var one = Id(await RaiseAsync(manager, MondayBacklog()));
        var two = Id(await RaiseAsync(manager, MondayBacklog()));
        await MovedAsync(manager, one, "Approved");
        await MovedAsync(manager, two, "Approved");

        var notAchieved = await MovedAsync(manager, one, "NotAchieved");
        var abandoned = await MovedAsync(manager, two, "Abandoned");

        Assert.Equal(3m, Number(notAchieved, "closingValue"));
        Assert.Equal(JsonValueKind.Null, abandoned.GetProperty("closingValue").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Register}/{one}", null, "*")).StatusCode);
    }

    [Fact]
    public async Task Changes_need_the_version_read_and_the_journal_keeps_each()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var raised = await RaiseAsync(manager, MondayBacklog());
        var id = Id(raised);
        var owner = raised.GetProperty("ownerId").GetGuid();
        var get = await manager.GetAsync($"{Register}/{id}");
        var etag = get.Headers.ETag!.Tag;
        var change = new { title = "Clear the backlog by Christmas", ownerId = owner, target = 2, targetDate = "2026-12-24", problem = "Still waiting." };

        var missing = await manager.PutAsJsonAsync($"{Register}/{id}", change, StewardApp.Json);
        var updated = await manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Register}/{id}", change, etag);
        var stale = await manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Register}/{id}", change, etag);
        var staleMove = await manager.SendWithIfMatchAsync(HttpMethod.Post, $"{Register}/{id}/transition", new { state = "Approved" }, etag);
        var worse = await manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Register}/{id}", change with { target = 4 }, "*");

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.Tag);
        var after = await updated.ReadAsync<JsonElement>();
        Assert.Equal(("Clear the backlog by Christmas", 2m, 3m), (after.GetProperty("title").GetString()!,
            after.GetProperty("target").GetDecimal(), after.GetProperty("baseline").GetProperty("value").GetDecimal()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleMove.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, worse.StatusCode);
        Assert.Contains("target", await worse.ErrorFieldsAsync());
        var journal = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        Assert.Equal(2, journal.GetProperty("items").GetArrayLength());
        var deleted = await manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Register}/{id}", null, updated.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"{Register}/{id}")).StatusCode);
    }

    [Fact]
    public async Task Actions_have_owners_and_due_dates_and_their_own_versions()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var id = Id(await RaiseAsync(manager, MondayBacklog()));

        var added = await manager.PostJsonAsync($"{Register}/{id}/actions", new { title = "Train the desk", dueOn = "2026-12-10" });
        var action = await added.ReadAsync<JsonElement>();
        var url = $"{Register}/{id}/actions/{Id(action)}";
        var done = await manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { title = "Train the desk", dueOn = "2026-12-10", done = true }, added.Headers.ETag!.Tag);
        var stale = await manager.SendWithIfMatchAsync(HttpMethod.Put, url, new { title = "Again", dueOn = "2026-12-10" }, added.Headers.ETag!.Tag);
        var badOwner = await manager.PostJsonAsync($"{Register}/{id}/actions", new { title = "X", dueOn = "2026-12-10", ownerId = w.World.RequesterId });
        var noDate = await manager.PostJsonAsync($"{Register}/{id}/actions", new { title = "X" });
        var list = await manager.GetFromJsonAsync<JsonElement>($"{Register}/{id}/actions", StewardApp.Json);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(await GetOwnerAsync(manager, id), action.GetProperty("ownerId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await done.ReadAsync<JsonElement>()).GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badOwner.StatusCode);
        Assert.Contains("ownerId", await badOwner.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Single(list.EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await manager.SendWithIfMatchAsync(HttpMethod.Delete, url, null, done.Headers.ETag!.Tag)).StatusCode);
    }

    static async Task<Guid> GetOwnerAsync(HttpClient client, Guid id) => (await GetAsync(client, id)).GetProperty("ownerId").GetGuid();

    [Fact]
    public async Task The_register_lists_overdue_improvements_first_then_by_target_date_page_by_page()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        async Task<Guid> RaiseByAsync(string date, string title) =>
            Id(await RaiseAsync(manager, new
            {
                title, measureKey = "backlog", baselineFrom = "2026-11-30T00:00:00Z", baselineTo = "2026-11-30T15:00:00Z", target = 1, targetDate = date,
                scope = new { serviceIds = new[] { w.World.ServiceId } },
            }));
        var late = await RaiseByAsync("2027-03-01", "Late");
        var soon = await RaiseByAsync("2026-12-15", "Soon");
        var passing = await RaiseByAsync("2026-12-05", "Passing");
        var withAction = await RaiseByAsync("2027-06-01", "Action due");
        var closed = await RaiseByAsync("2026-12-01", "Closed");
        Assert.Equal(HttpStatusCode.Created, (await manager.PostJsonAsync($"{Register}/{withAction}/actions", new { title = "Call the supplier", dueOn = "2026-12-06" })).StatusCode);
        await MovedAsync(manager, closed, "Abandoned");

        // A week later: "Passing" is past its target date and "Action due" has an action past its due date.
        app.Clock.Reset(ReportWorld.ReadAt + Duration.FromDays(7));
        var order = (await ItemsAsync(manager, $"serviceId={w.World.ServiceId}&zone=UTC")).Select(Id).ToList();
        var paged = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await manager.GetFromJsonAsync<JsonElement>($"{Register}?serviceId={w.World.ServiceId}&zone=UTC&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"), StewardApp.Json);
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(Id));
            cursor = page.GetProperty("next") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
        } while (cursor is not null);
        var overdue = (await ItemsAsync(manager, $"serviceId={w.World.ServiceId}&zone=UTC&overdue=true")).Select(Id);
        var open = (await ItemsAsync(manager, $"serviceId={w.World.ServiceId}&state=open")).Select(Id);
        var abandoned = (await ItemsAsync(manager, $"serviceId={w.World.ServiceId}&state=Abandoned")).Select(Id);

        Assert.Equal([passing, withAction, closed, soon, late], order);
        Assert.Equal(order, paged);
        Assert.Equal([passing, withAction], overdue);
        Assert.Equal(4, open.Count());
        Assert.Equal([closed], abandoned);
        Assert.True((await GetAsync(manager, passing)).GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"{Register}?state=someday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"{Register}?cursor=nonsense")).StatusCode);
    }

    [Fact]
    public async Task The_results_give_the_achieved_rate_and_the_value_gained_per_measure_and_the_register_exports()
    {
        var w = await ReportWorld.CreateAsync(app);
        var manager = w.World.Provider.Manager;
        var achieved = Id(await RaiseAsync(manager, MondayBacklog(target: 2)));
        var missed = Id(await RaiseAsync(manager, MondayBacklog(target: 1)));
        var abandoned = Id(await RaiseAsync(manager, MondayBacklog()));
        foreach (var id in new[] { achieved, missed }) { await MovedAsync(manager, id, "Approved"); await MovedAsync(manager, id, "InProgress"); }
        app.Clock.Reset(ReportWorld.ReadAt + Duration.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, (await w.World.ActAsync(w.World.Agent, w.Ids[4], "transition", new { state = "Resolved", resolution = "Fixed." })).StatusCode);
        app.Clock.Advance(Duration.FromMinutes(1));
        await MovedAsync(manager, achieved, "Achieved");
        await MovedAsync(manager, missed, "NotAchieved");
        await MovedAsync(manager, abandoned, "Abandoned");

        var results = await manager.GetFromJsonAsync<JsonElement>($"{Register}/results?providerId={w.World.Provider.Id}", StewardApp.Json);
        var csv = await manager.GetAsync($"{Register}?providerId={w.World.Provider.Id}&format=csv");
        var xlsx = await manager.GetAsync($"{Register}?providerId={w.World.Provider.Id}&format=xlsx");

        Assert.Equal((1, 1, 1, 50.0), (results.GetProperty("achieved").GetInt32(), results.GetProperty("notAchieved").GetInt32(),
            results.GetProperty("abandoned").GetInt32(), results.GetProperty("achievedRatePercent").GetDouble()));
        // Each closed with 2 in the backlog from 3: a gain of 1 apiece.
        var backlog = results.GetProperty("byMeasure").EnumerateArray().Single();
        Assert.Equal(("backlog", 2m), (backlog.GetProperty("measureKey").GetString(), backlog.GetProperty("valueGained").GetDecimal()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Id,Title,State", lines[0]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Customers_people_see_nothing_of_the_register_and_agents_read_but_do_not_change_it()
    {
        var w = await ReportWorld.CreateAsync(app);
        var id = Id(await RaiseAsync(w.World.Provider.Manager, MondayBacklog()));
        var (_, customersOwner) = await app.AddPersonAsync(w.World.CustomerId, Roles.ServiceOwner);

        Assert.Empty(await ItemsAsync(w.World.Requester));
        Assert.Equal(HttpStatusCode.NotFound, (await customersOwner.GetAsync($"{Register}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await customersOwner.PostJsonAsync($"{Register}/{id}/reviews", new { note = "Mine now." })).StatusCode);
        Assert.Equal(0, (await w.World.Requester.GetFromJsonAsync<JsonElement>($"{Register}/results", StewardApp.Json)).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await w.World.Agent.GetAsync($"{Register}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.World.Agent.PostJsonAsync($"{Register}/{id}/reviews", new { note = "Agent note." })).StatusCode);
    }
}
