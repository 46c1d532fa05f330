using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Finance;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// Cost per record and margin over <see cref="MoneyWorld"/> for March and April 2026, from the
/// P&amp;L's ledger (docs/finance.md works every figure out). Costs by month: March labour 144 +
/// Clinical's supplier 600 = 744 (the provider-wide contract's 310 GBP and Desk's 500 CHF course
/// have no rate); April labour 48 + supplier 600 + 372 + visits to Alder 190 + the Data practice's
/// marketing 250 = 1,460. Revenue: March 6,220, April 6,987.03. Records resolved: one in March
/// (Harbor on Desk), two in April (Alder on Desk and on Clinical).
/// </summary>
public sealed class MoneyMeasureTests(MoneyWorld world) : IClassFixture<MoneyWorld>
{
    FinanceWorld W => world.W;

    async Task<JsonElement> SeriesAsync(string key, string query = "")
    {
        var response = await W.Manager.GetAsync($"/api/v1/measures/{key}?providerId={W.F.ProviderId}&{FinanceWorld.Period}{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{key}{query} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(StewardApp.Json);
    }

    static double? Value(JsonElement point) => point.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    static List<double?> Points(JsonElement series) => [.. series.GetProperty("points").EnumerateArray().Select(Value)];

    static List<(string, string, string, decimal, int)> Missing(JsonElement money) =>
        [.. money.GetProperty("missing").EnumerateArray().Select(m => (m.GetProperty("source").GetString()!, m.GetProperty("currency").GetString()!,
            m.GetProperty("month").GetString()!, m.GetProperty("amount").GetDecimal(), m.GetProperty("rows").GetInt32()))];

    [Fact]
    public async Task Cost_per_record_shares_each_months_costs_over_the_records_resolved_in_it()
    {
        var series = await SeriesAsync("cost-per-record");

        // March 744 ÷ 1; April 1,460 ÷ 2; the period 2,204 ÷ 3 (the P&L's total costs).
        Assert.Equal([744.00, 730.00], Points(series));
        var total = series.GetProperty("total");
        Assert.Equal((734.67, 3L), (Value(total), total.GetProperty("denominator").GetInt64()));
        var money = total.GetProperty("money");
        Assert.Equal(("EUR", 2204.00m, 192.00m, 1572.00m, 440.00m, 3L), (money.GetProperty("currency").GetString(), money.GetProperty("costs").GetDecimal(),
            money.GetProperty("labour").GetDecimal(), money.GetProperty("supplier").GetDecimal(), money.GetProperty("other").GetDecimal(),
            money.GetProperty("recordsResolved").GetInt64()));
    }

    [Fact]
    public async Task Amounts_without_a_rate_are_named_and_the_points_they_are_missing_from_say_so()
    {
        var series = await SeriesAsync("cost-per-record");

        var points = series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("money")).ToList();
        Assert.Equal([("supplier", "GBP", "2026-03", 310.00m, 1), ("other", "CHF", "2026-03", 500.00m, 1)], Missing(points[0]));
        Assert.False(points[0].GetProperty("complete").GetBoolean());
        Assert.Empty(Missing(points[1]));
        Assert.True(points[1].GetProperty("complete").GetBoolean());
        Assert.Equal(2, Missing(series.GetProperty("total").GetProperty("money")).Count);
        Assert.False(series.GetProperty("total").GetProperty("money").GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Margin_is_revenue_less_costs_month_by_month_and_adds_up_to_the_pnls()
    {
        var series = await SeriesAsync("margin");
        var pnl = await W.PnlAsync("service");

        Assert.Equal([5476.00, 5527.03], Points(series));
        Assert.Equal(11003.03, Value(series.GetProperty("total")));
        Assert.Equal(pnl.GetProperty("total").GetProperty("margin").GetDecimal(), series.GetProperty("total").GetProperty("money").GetProperty("margin").GetDecimal());
        Assert.Equal(13207.03m, series.GetProperty("total").GetProperty("money").GetProperty("revenue").GetDecimal());
    }

    [Fact]
    public async Task Narrowed_a_series_counts_only_what_is_booked_to_the_scope_never_a_provider_wide_cost()
    {
        var desk = await SeriesAsync("cost-per-record", $"&serviceId={W.Desk}");
        var alder = await SeriesAsync("margin", $"&customerId={W.Alder}");
        var process = await SeriesAsync("cost-per-record", "&kind=processOutsourcing");

        // Desk: Ada's 144 over Harbor's record in March, Ben's 48 over Alder's in April; the course's 500 CHF missing.
        Assert.Equal([144.00, 48.00], Points(desk));
        Assert.Equal(96.00, Value(desk.GetProperty("total")));
        Assert.Equal([("other", "CHF", "2026-03", 500.00m, 1)], Missing(desk.GetProperty("total").GetProperty("money")));
        // Alder: March 2,200 + 920 of revenue; April 2,967.03 + 920 less Ben's 48 and the visits' 190 (the P&L's Alder row: 6,769.03).
        Assert.Equal([3120.00, 3649.03], Points(alder));
        Assert.Equal(6769.03, Value(alder.GetProperty("total")));
        Assert.True(alder.GetProperty("total").GetProperty("money").GetProperty("complete").GetBoolean());
        // Process outsourcing (Clinical for Alder): its contract's 600 a month, over the one record resolved in April.
        Assert.Equal([null, 600.00], Points(process));
        Assert.Equal(1200.00, Value(process.GetProperty("total")));
    }

    [Fact]
    public async Task Effort_reads_each_work_log_entrys_own_booking()
    {
        async Task<double?> HoursAsync(string query) => Value((await SeriesAsync("effort-hours", query)).GetProperty("total"));

        // Ada 90 + 45 min for Harbor on Desk, Ben 60 for Alder on Desk, Carla 30 for Alder on Clinical.
        Assert.Equal(3.75, await HoursAsync(""));
        Assert.Equal(3.25, await HoursAsync($"&serviceId={W.Desk}"));
        Assert.Equal(1.5, await HoursAsync($"&customerId={W.Alder}"));
        Assert.Equal(0.5, await HoursAsync("&kind=processOutsourcing"));
        Assert.Equal(3.25, await HoursAsync("&kind=serviceOutsourcing"));
        Assert.Equal(1.0, await HoursAsync($"&customerId={W.Alder}&serviceId={W.Desk}&processKey=incident-management"));
    }

    [Theory]
    [InlineData("week")]
    [InlineData("day")]
    public async Task Money_is_booked_by_month_so_another_interval_is_a_400_naming_it(string interval)
    {
        var response = await W.Manager.GetAsync($"/api/v1/measures/margin?providerId={W.F.ProviderId}&{FinanceWorld.Period}&interval={interval}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"interval\"", body);
        Assert.Contains("interval=month", body);
    }

    [Fact]
    public async Task Without_a_reporting_currency_money_is_a_409_naming_the_setting_and_costs_are_the_providers_own()
    {
        var other = await FinanceBuilder.StartAsync(W.App);
        var agent = await W.F.PersonAsync(W.F.ProviderId, Roles.Agent);
        var customer = await W.F.PersonAsync(W.Alder, Roles.Requester);

        var noCurrency = await other.Manager.GetAsync($"/api/v1/measures/cost-per-record?providerId={other.ProviderId}");
        var byAgent = await agent.GetAsync($"/api/v1/measures/margin?providerId={W.F.ProviderId}&{FinanceWorld.Period}");
        var byCustomer = await customer.GetAsync($"/api/v1/measures/cost-per-record?{FinanceWorld.Period}");
        var byProcess = await W.Manager.GetAsync($"/api/v1/measures/margin?providerId={W.F.ProviderId}&processKey=incident-management");

        Assert.Equal(HttpStatusCode.Conflict, noCurrency.StatusCode);
        Assert.Contains($"/api/v1/finance/settings/{other.ProviderId}", await noCurrency.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCustomer.StatusCode);
        await FinanceBuilder.AssertRefusedAsync(byProcess, "processKey");
    }

    [Fact]
    public async Task An_agreements_cost_per_record_target_is_met_or_missed_by_its_relationships_costs()
    {
        // Alder on Desk: Ben's 48 over the one record resolved.
        var generous = await SlaAsync(50);
        var tight = await SlaAsync(40);

        var met = await MeasureOfAsync(generous);
        var missed = await MeasureOfAsync(tight);

        Assert.Equal((48.0, true), (met.GetProperty("value").GetDouble(), met.GetProperty("meets").GetBoolean()));
        Assert.Equal((48.0, false), (missed.GetProperty("value").GetDouble(), missed.GetProperty("meets").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, met.GetProperty("notMeasured").ValueKind);
        Assert.Equal(48.00m, met.GetProperty("money").GetProperty("costs").GetDecimal());
    }

    async Task<Guid> SlaAsync(decimal target) =>
        FinanceBuilder.Id(await ProviderBuilder.CreatedAsync<JsonElement>(await W.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = W.F.ProviderId, type = "ServiceLevelAgreement", accountableId = W.Alder, counterpartyId = W.F.ProviderId, serviceId = W.Desk,
            reference = "SLA-ALDER-" + ProviderBuilder.Unique(), measureTargets = new[] { new { key = "cost-per-record", target } },
        })));

    async Task<JsonElement> MeasureOfAsync(Guid agreement)
    {
        var view = await W.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/sourcing/agreements/{agreement}/measures?{FinanceWorld.Period}", StewardApp.Json);
        return view.GetProperty("measures").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "cost-per-record");
    }
}
