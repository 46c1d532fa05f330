using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Reports;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// <c>GET /api/v1/measures/{key}</c> over the report world's Monday, whose every clock is known
/// (<see cref="ReportWorld"/>): each value worked out by hand, the same figures as the reports,
/// scopes, tenancy and refused input.
/// </summary>
public sealed class MeasureSeriesTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Monday = "from=2026-11-30&to=2026-11-30&interval=day";

    static async Task<JsonElement> SeriesAsync(HttpClient client, string key, string query = "", string period = Monday)
    {
        var response = await client.GetAsync($"/api/v1/measures/{key}?{period}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}{query} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(StewardApp.Json);
    }

    static double? Value(JsonElement series) =>
        series.GetProperty("total").GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    [Fact]
    public async Task Times_are_exact_medians_of_the_stopped_clocks_in_business_hours()
    {
        var w = await ReportWorld.CreateAsync(app);

        // First responses: R1 30 min, R2 3 h (answered by its resolution), R3 10 min; R4 still waits.
        var response = await SeriesAsync(w.World.Agent, "response-time-median");
        Assert.Equal(0.5, Value(response));
        Assert.Equal(3, response.GetProperty("total").GetProperty("n").GetInt64());
        // Resolved on Monday: R1 after 2 h, R2 after 3 h.
        Assert.Equal(2.5, Value(await SeriesAsync(w.World.Agent, "resolution-time-median")));
        var point = response.GetProperty("points").EnumerateArray().Single();
        Assert.Equal("2026-11-30", point.GetProperty("start").GetString());
        Assert.Equal(0.5, point.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task One_bucket_of_sla_compliance_equals_the_compliance_reports_total()
    {
        var w = await ReportWorld.CreateAsync(app);

        var report = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{ReportWorld.Reports}/sla-compliance?by=service&{ReportWorld.Monday}");
        var total = report.GetProperty("total");
        int Of(string metric, string count) => total.GetProperty(metric).GetProperty(count).GetInt32();
        var met = Of("firstResponse", "met") + Of("resolution", "met");
        var judged = met + Of("firstResponse", "breached") + Of("resolution", "breached");

        var series = await SeriesAsync(w.World.Agent, "sla-compliance");

        Assert.Equal(met, series.GetProperty("total").GetProperty("numerator").GetInt64());
        Assert.Equal(judged, series.GetProperty("total").GetProperty("denominator").GetInt64());
        Assert.Equal(Math.Round(100.0 * met / judged, 1), Value(series));
        // R1 responded and resolved in time, R2 resolved in time but answered late, R3 answered in time,
        // R4 breached both: 4 met of 7 judged (R3's resolution still runs within its target).
        Assert.Equal((4, 7), (met, judged));
    }

    [Fact]
    public async Task A_party_is_judged_by_its_own_clocks_against_its_agreement()
    {
        var w = await ReportWorld.CreateAsync(app);

        // The network team took R3 at 09:10 under a 4 h underpinning contract and still has it at 15:00.
        var network = await SeriesAsync(w.World.Agent, "sla-compliance", $"&partyId={w.World.Network.Id}");

        Assert.Equal((0L, 1L, 0.0), (network.GetProperty("total").GetProperty("numerator").GetInt64(),
            network.GetProperty("total").GetProperty("denominator").GetInt64(), Value(network)));
    }

    [Fact]
    public async Task Resolutions_count_first_contact_resolution_and_reopenings()
    {
        var w = await ReportWorld.CreateAsync(app);

        Assert.Equal(100.0, Value(await SeriesAsync(w.World.Agent, "first-contact-resolution")));
        Assert.Equal(0.0, Value(await SeriesAsync(w.World.Agent, "reopen-rate")));
        Assert.Equal(0.0, Value(await SeriesAsync(w.World.Agent, "article-reuse-rate")));
    }

    [Fact]
    public async Task A_hand_off_to_another_party_is_not_a_first_contact_resolution_and_the_resolving_party_is_kept()
    {
        var w = await ReportWorld.CreateAsync(app);
        var r3 = w.Ids[3];

        // R3 went from the service desk to the network team at 09:10; the network team resolves it at 16:00.
        app.Clock.Reset(ReportWorld.ReadAt + NodaTime.Duration.FromHours(1));
        var resolved = await w.World.ActAsync(w.World.Agent, r3, "transition", new { state = "Resolved", resolution = "Replaced the relay." });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var fcr = await SeriesAsync(w.World.Agent, "first-contact-resolution");
        Assert.Equal((2L, 3L, 66.7), (fcr.GetProperty("total").GetProperty("numerator").GetInt64(), fcr.GetProperty("total").GetProperty("denominator").GetInt64(), Value(fcr)));
        var byNetwork = await SeriesAsync(w.World.Agent, "resolution-time-median", $"&partyId={w.World.Network.Id}");
        Assert.Equal(1, byNetwork.GetProperty("total").GetProperty("n").GetInt64());
        Assert.Equal(0.0, Value(await SeriesAsync(w.World.Agent, "first-contact-resolution", $"&partyId={w.World.Network.Id}")));
    }

    [Fact]
    public async Task Every_record_is_stamped_with_the_kind_of_sourcing_of_its_relationship()
    {
        var w = await ReportWorld.CreateAsync(app);

        var kinds = new[] { "serviceOutsourcing", "processOutsourcing", "knowledgeOutsourcing", "none" };
        var byKind = new List<double>();
        foreach (var kind in kinds) byKind.Add(Value(await SeriesAsync(w.World.Agent, "backlog", $"&kind={kind}")) ?? 0);

        Assert.Equal(3.0, byKind.Sum());
    }

    [Fact]
    public async Task Under_a_skills_agreement_the_time_to_engage_runs_from_the_partys_clock_to_the_first_act_on_the_record()
    {
        app.Clock.Reset(NodaTime.Instant.FromUtc(2026, 11, 30, 8, 0));
        var world = await Incidents.IncidentWorld.CreateAsync(app);
        var p = world.Provider;
        // Harbour Bank runs incident management for its own payments service; the provider's service desk only lends its skills for diagnosis.
        var payments = await p.SubscribedServiceAsync("Payments " + Portfolio.ProviderBuilder.Unique(), ["incident-management"], world.CustomerId);
        var harbourIt = await p.TeamAsync("Harbour IT", world.CustomerId);
        await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(await p.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = payments.Id, customerId = world.CustomerId, processKey = "incident-management", performerId = harbourIt.Id, accountableId = world.CustomerId }));
        await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(await p.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = payments.Id, customerId = world.CustomerId, processKey = "incident-management", activityKey = "incident-management/investigation-and-diagnosis", performerId = world.ServiceDesk.Id }));

        app.Clock.Reset(NodaTime.Instant.FromUtc(2026, 11, 30, 9, 0));
        var engaged = (await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(await world.Requester.PostJsonAsync(Incidents.IncidentWorld.Incidents,
            new { title = "Card payments fail", serviceId = payments.Id }))).GetProperty("id").GetGuid();
        var waiting = (await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(await world.Requester.PostJsonAsync(Incidents.IncidentWorld.Incidents,
            new { title = "Refunds slow", serviceId = payments.Id }))).GetProperty("id").GetGuid();
        foreach (var id in new[] { engaged, waiting })
            Assert.Equal(HttpStatusCode.OK, (await world.ActAsync(world.Agent, id, "activity", new { activityKey = "incident-management/investigation-and-diagnosis" })).StatusCode);
        app.Clock.Reset(NodaTime.Instant.FromUtc(2026, 11, 30, 10, 30));
        Assert.Equal(HttpStatusCode.Created, (await world.Agent.PostJsonAsync($"{Incidents.IncidentWorld.Incidents}/{engaged}/comments", new { body = "Looking at the card gateway.", isPublic = false })).StatusCode);
        app.Clock.Reset(NodaTime.Instant.FromUtc(2026, 11, 30, 12, 0));
        Assert.Equal(HttpStatusCode.Created, (await world.Agent.PostJsonAsync($"{Incidents.IncidentWorld.Incidents}/{engaged}/comments", new { body = "Still on it.", isPublic = false })).StatusCode);

        var series = await SeriesAsync(world.Agent, "time-to-engage-median", $"&serviceId={payments.Id}");

        // The first act counts, once; the record nobody has touched yet has no time to engage.
        Assert.Equal((1.5, 1L), (Value(series), series.GetProperty("total").GetProperty("n").GetInt64()));
        Assert.Equal(1.5, Value(await SeriesAsync(world.Agent, "time-to-engage-median", $"&partyId={world.ServiceDesk.Id}&kind=knowledgeOutsourcing")));
    }

    [Fact]
    public async Task The_backlog_is_counted_at_the_end_of_each_period_and_never_after_now()
    {
        var w = await ReportWorld.CreateAsync(app);

        // At 15:00: R0 (five days and six hours old), R3 and R4 (six hours old) are open.
        Assert.Equal(3.0, Value(await SeriesAsync(w.World.Agent, "backlog")));
        Assert.Equal(0.25, Value(await SeriesAsync(w.World.Agent, "backlog-age-median")));
        Assert.Equal(1.0, Value(await SeriesAsync(w.World.Agent, "backlog", $"&serviceId={w.WebServiceId}")));
        Assert.Equal(3.0, Value(await SeriesAsync(w.World.Agent, "backlog", "&processKey=incident-management")));
        // A process of the catalogue with no records of its kind yet counts none.
        Assert.Equal(0.0, Value(await SeriesAsync(w.World.Agent, "backlog", "&processKey=problem-management")));

        var week = await SeriesAsync(w.World.Agent, "backlog", period: "from=2026-11-24&to=2026-11-30&interval=day");
        Assert.Equal([0, 1, 1, 1, 1, 1, 3], week.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetInt32()).ToArray());
    }

    [Fact]
    public async Task A_customers_person_reads_their_own_relationship_and_not_the_providers_own_measures()
    {
        var w = await ReportWorld.CreateAsync(app);

        // Harbour Bank's records are R0 to R3: R0 and R3 are open at 15:00.
        var own = await SeriesAsync(w.World.Requester, "backlog");
        Assert.Equal(2.0, Value(own));
        Assert.Equal(w.World.CustomerId, own.GetProperty("scope").GetProperty("customerId").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await w.World.Requester.GetAsync($"/api/v1/measures/backlog?customerId={w.OtherCustomerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.World.Requester.GetAsync("/api/v1/measures/csat-mean")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.World.Requester.GetAsync("/api/v1/measures/article-reuse-rate")).StatusCode);
    }

    [Fact]
    public async Task Per_service_values_in_one_pass_equal_each_services_own_series()
    {
        var w = await ReportWorld.CreateAsync(app);
        var from = NodaTime.Instant.FromUtc(2026, 11, 25, 0, 0);
        var to = NodaTime.Instant.FromUtc(2026, 12, 1, 0, 0);

        foreach (var measure in Core.Measures.MeasureCatalog.All.Where(m => m.Unit is not Core.Measures.MeasureUnit.Currency))
        {
            var (grouped, single) = await app.AsSystemAsync(async (db, _) =>
            {
                var engine = new Server.Measures.MeasureEngine(db);
                var byService = await engine.ByServiceAsync(measure, w.World.Provider.Id, new(), from, to, NodaTime.DateTimeZone.Utc, ReportWorld.ReadAt, default);
                var each = new Dictionary<Guid, Server.Measures.MeasureValue>();
                foreach (var service in new[] { w.World.ServiceId, w.WebServiceId })
                    each[service] = await engine.ValueAsync(measure, [w.World.Provider.Id], new(ServiceId: service), from, to, NodaTime.DateTimeZone.Utc, ReportWorld.ReadAt, default);
                return (byService, each);
            });
            foreach (var (service, value) in single)
            {
                var found = grouped.TryGetValue(service, out var g);
                Assert.True(value.N == 0 ? !found || g!.N == 0 : g == value, $"{measure.Key} for {service}: {value} alone, {g} grouped");
            }
        }
    }

    [Theory]
    [InlineData("no-such-measure", "", "key")]
    [InlineData("backlog", "&partyId=00000000-0000-0000-0000-000000000001", "partyId")]
    [InlineData("review-turnaround-median", "&customerId=00000000-0000-0000-0000-000000000001", "customerId")]
    [InlineData("sla-compliance", "&kind=outsourced", "kind")]
    [InlineData("sla-compliance", "&kind=1", "kind")]
    [InlineData("sla-compliance", "&serviceId=not-a-guid", "serviceId")]
    [InlineData("sla-compliance", "&processKey=no-such-process", "processKey")]
    [InlineData("sla-compliance", "&interval=fortnight", "interval")]
    [InlineData("sla-compliance", "&zone=Mars/Olympus", "zone")]
    public async Task Bad_input_is_a_400_naming_the_field(string key, string query, string field)
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Agent.GetAsync($"/api/v1/measures/{key}?{Monday}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_csv_export_has_a_row_per_period_and_the_total()
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Agent.GetAsync($"/api/v1/measures/resolution-time-median?{Monday}&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Period start,", lines[0]);
        Assert.StartsWith("2026-11-30,", lines[1]);
        Assert.Contains(",2.5,", lines[1]);
        Assert.StartsWith("Total,", lines[2]);
    }
}
