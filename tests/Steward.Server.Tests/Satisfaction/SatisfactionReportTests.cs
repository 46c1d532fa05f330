using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>
/// The report over five resolutions whose every answer is known, all on Monday 30 November 2026:
/// <list type="table">
/// <item>R1, investigated by the supplier's network team: rated 5, would recommend 10 (a promoter).</item>
/// <item>R2, investigated by the network team: rated 2 (low), recommend 3 (a detractor).</item>
/// <item>R3, resolved by the desk: rated 4, recommend 9 (a promoter).</item>
/// <item>R4, resolved by the desk: not answered.</item>
/// <item>R5, resolved by the desk: rated 3, the recommend question left out.</item>
/// </list>
/// Network: 2 invitations, 2 responses (100 %), mean 3.5, ratings [0,1,0,0,1], NPS (1 − 1) ÷ 2 = 0, one low rating.
/// Desk: 3 invitations, 2 responses (66.7 %), mean 3.5, ratings [0,0,1,1,0], NPS (1 − 0) ÷ 1 = 100.
/// Total: 5, 4 (80 %), mean 14 ÷ 4 = 3.5, ratings [0,1,1,1,1], 3 answers to recommend, NPS (2 − 1) ÷ 3 = 33.3, one low rating.
/// </summary>
public sealed class SatisfactionReportTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Report = SatisfactionWorld.Report;
    const string November = SatisfactionWorld.November;

    static async Task<SatisfactionWorld> FiveAnswersAsync(SlaApp app)
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var r1 = SatisfactionWorld.Id(await w.ResolvedAsync("R1", investigated: true));
        var r2 = SatisfactionWorld.Id(await w.ResolvedAsync("R2", investigated: true));
        var r3 = SatisfactionWorld.Id(await w.ResolvedAsync("R3", investigated: false));
        await w.ResolvedAsync("R4", investigated: false);
        var r5 = SatisfactionWorld.Id(await w.ResolvedAsync("R5", investigated: false));
        app.Clock.Advance(Duration.FromHours(3));
        await w.AnswerRecordAsync(r1, 5, 10, "Great.");
        await w.AnswerRecordAsync(r2, 2, 3);
        await w.AnswerRecordAsync(r3, 4, 9);
        await w.AnswerRecordAsync(r5, 3);
        return w;
    }

    /// <summary>invitations, responses, rate (−1 for null), mean, distribution, recommend answers, promoters, passives, detractors, NPS (−1000 for null), low.</summary>
    static (int, int, double, double, string, int, int, int, int, double, int) Figures(JsonElement row) => (
        row.GetProperty("invitations").GetInt32(), row.GetProperty("responses").GetInt32(),
        row.GetProperty("responseRatePercent").ValueKind is JsonValueKind.Null ? -1 : row.GetProperty("responseRatePercent").GetDouble(),
        row.GetProperty("meanRating").ValueKind is JsonValueKind.Null ? -1 : row.GetProperty("meanRating").GetDouble(),
        string.Join(",", row.GetProperty("distribution").EnumerateArray().Select(d => d.GetInt32())),
        row.GetProperty("recommendAnswers").GetInt32(), row.GetProperty("promoters").GetInt32(), row.GetProperty("passives").GetInt32(), row.GetProperty("detractors").GetInt32(),
        row.GetProperty("netPromoterScore").ValueKind is JsonValueKind.Null ? -1000 : row.GetProperty("netPromoterScore").GetDouble(),
        row.GetProperty("lowRatings").GetInt32());

    static JsonElement Row(JsonElement report, string name) => report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    [Fact]
    public async Task By_party_each_performer_of_the_resolving_step_gets_its_rate_mean_distribution_and_net_promoter_score()
    {
        var w = await FiveAnswersAsync(app);

        var report = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?groupBy=party&{November}", StewardApp.Json);

        Assert.Equal("Party", report.GetProperty("groupBy").GetString());
        Assert.Equal(2, report.GetProperty("rows").GetArrayLength());
        var network = Row(report, "Network engineering");
        Assert.Equal((2, 2, 100.0, 3.5, "0,1,0,0,1", 2, 1, 0, 1, 0.0, 1), Figures(network));
        Assert.Equal(("UnderpinningContract", w.World.Provider.Id, w.World.SupplierId), (network.GetProperty("party").GetProperty("agreement").GetString(),
            network.GetProperty("party").GetProperty("accountableId").GetGuid(), network.GetProperty("party").GetProperty("organizationId").GetGuid()));
        var desk = Row(report, "Service desk");
        Assert.Equal((3, 2, 66.7, 3.5, "0,0,1,1,0", 1, 1, 0, 0, 100.0, 0), Figures(desk));
        Assert.Equal("Operational level agreement", desk.GetProperty("party").GetProperty("agreementKind").GetString());
        Assert.Equal((5, 4, 80.0, 3.5, "0,1,1,1,1", 3, 2, 0, 1, 33.3, 1), Figures(report.GetProperty("total")));
    }

    [Fact]
    public async Task The_same_answers_add_up_the_same_by_service_customer_kind_and_month()
    {
        var w = await FiveAnswersAsync(app);

        var byService = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?groupBy=service&{November}", StewardApp.Json);
        var byCustomer = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?groupBy=customer&{November}", StewardApp.Json);
        var byKind = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?groupBy=kind&{November}", StewardApp.Json);
        var byMonth = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?groupBy=month&from=2026-10-15&to=2026-12-31", StewardApp.Json);

        var total = (5, 4, 80.0, 3.5, "0,1,1,1,1", 3, 2, 0, 1, 33.3, 1);
        Assert.Equal(w.World.ServiceId.ToString(), Assert.Single(byService.GetProperty("rows").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(total, Figures(byService.GetProperty("rows")[0]));
        Assert.Equal(w.World.CustomerId.ToString(), Assert.Single(byCustomer.GetProperty("rows").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(total, Figures(Row(byKind, "Service outsourcing")));
        Assert.Equal(["2026-10", "2026-11", "2026-12"], byMonth.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(total, Figures(byMonth.GetProperty("rows")[1]));
        Assert.Equal((0, 0, -1.0, -1.0, "0,0,0,0,0", 0, 0, 0, 0, -1000.0, 0), Figures(byMonth.GetProperty("rows")[0]));
        Assert.Equal(total, Figures(byMonth.GetProperty("total")));
    }

    [Fact]
    public async Task The_period_is_the_invitations_and_a_survey_service_or_customer_narrows_it()
    {
        var w = await FiveAnswersAsync(app);

        var december = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?from=2026-12-01&to=2026-12-31", StewardApp.Json);
        var otherSurvey = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?{November}&surveyId={Guid.NewGuid()}", StewardApp.Json);
        var thisSurvey = await w.Manager.GetFromJsonAsync<JsonElement>($"{Report}?{November}&surveyId={w.SurveyId}&customerId={w.World.CustomerId}&serviceId={w.World.ServiceId}", StewardApp.Json);

        Assert.Equal(0, december.GetProperty("total").GetProperty("invitations").GetInt32());
        Assert.Empty(otherSurvey.GetProperty("rows").EnumerateArray());
        Assert.Equal(5, thisSurvey.GetProperty("total").GetProperty("invitations").GetInt32());
    }

    [Fact]
    public async Task Csv_and_xlsx_hold_the_same_rows_and_the_total()
    {
        var w = await FiveAnswersAsync(app);

        var csv = await w.Manager.GetAsync($"{Report}?groupBy=party&{November}&format=csv");
        var xlsx = await w.Manager.GetAsync($"{Report}?groupBy=party&{November}&format=xlsx");

        Assert.Equal("steward-satisfaction-by-party-2026-11-01-to-2026-11-30.csv", csv.Content.Headers.ContentDisposition!.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Key,Performed by,Organization,Accountable,Agreement,Invitations,Responses,Response rate %,Mean rating,Rating 1,", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith(",Total,,,,5,4,80,3.5,0,1,1,1,1,3,2,0,1,33.3,1", lines[^1], StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), false);
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        var totalCells = rows[^1].Elements<Cell>().ToList();
        Assert.Equal("Total", totalCells.Single(c => c.CellReference == "B4").InnerText);
        Assert.Equal("5", totalCells.Single(c => c.CellReference == "F4").CellValue!.Text);
    }

    [Fact]
    public async Task A_customer_s_people_never_read_answers_their_requesters_are_refused_and_the_rest_see_none()
    {
        var w = await FiveAnswersAsync(app);
        var (_, customerOwner) = await app.AddPersonAsync(w.World.CustomerId, Roles.ServiceOwner);
        var other = await ProviderBuilder.StartAsync(app);

        var requester = await w.World.Requester.GetAsync($"{Report}?{November}");
        var owner = await customerOwner.GetFromJsonAsync<JsonElement>($"{Report}?{November}&groupBy=customer", StewardApp.Json);
        var otherProvider = await other.Manager.GetFromJsonAsync<JsonElement>($"{Report}?{November}&providerId={w.World.Provider.Id}", StewardApp.Json);
        var agent = await w.World.Agent.GetFromJsonAsync<JsonElement>($"{Report}?{November}", StewardApp.Json);

        Assert.Equal(HttpStatusCode.Forbidden, requester.StatusCode);
        Assert.Empty(owner.GetProperty("rows").EnumerateArray());
        Assert.Equal(0, otherProvider.GetProperty("total").GetProperty("responses").GetInt32());
        Assert.Equal(4, agent.GetProperty("total").GetProperty("responses").GetInt32());
    }

    [Theory]
    [InlineData("groupBy=week", "groupBy")]
    [InlineData("groupBy=1", "groupBy")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("zone=Mars/Olympus", "zone")]
    [InlineData("surveyId=nope", "surveyId")]
    [InlineData("format=pdf", "format")]
    public async Task Malformed_parameters_are_refused_with_400_naming_them(string query, string field)
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var response = await provider.Manager.GetAsync($"{Report}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_sourcing_profile_shows_the_relationship_s_satisfaction_per_service_and_per_party()
    {
        var w = await FiveAnswersAsync(app);

        var profile = await w.Manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/sourcing/profile/satisfaction?providerId={w.World.Provider.Id}&customerId={w.World.CustomerId}&{November}", StewardApp.Json);
        var foreign = await (await ProviderBuilder.StartAsync(app)).Manager.GetAsync(
            $"/api/v1/sourcing/profile/satisfaction?providerId={w.World.Provider.Id}&customerId={w.World.CustomerId}");

        var service = Assert.Single(profile.GetProperty("services").EnumerateArray());
        Assert.Equal(("ServiceOutsourcing", w.World.ServiceId), (service.GetProperty("kind").GetString(), service.GetProperty("serviceId").GetGuid()));
        Assert.Equal((5, 4, 80.0, 3.5, "0,1,1,1,1", 3, 2, 0, 1, 33.3, 1), Figures(service.GetProperty("figures")));
        Assert.Equal(["Network engineering", "Service desk"], profile.GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }
}
