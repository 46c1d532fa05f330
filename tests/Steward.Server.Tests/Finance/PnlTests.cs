using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>
/// The P&amp;L of <see cref="FinanceWorld"/> for March and April 2026 (61 days), every figure worked
/// out by hand from the world's rows. Revenue: Harbor on Desk 3,100 + 3,100; Alder on Desk 9,000 ×
/// 22/90 = 2,200 in March (Q1 has 90 days) and 9,000 × 30/91 = 2,967.03 in April (Q2 has 91);
/// Alder on Clinical 1,000 USD × 0.92 = 920 each month (April converts on 1 April, before the 0.95
/// of the 15th). Labour: Ada 90 min × 60 + 45 min × 72 = 144; Ben 60 min at the Desk team's 48 = 48;
/// Carla's 30 min uncosted. Supplier: 600 + 600 for Clinical; 310 GBP × 1.20 = 372 in April, March's
/// 310 GBP missing its rate. Other: 200 USD × 0.95 = 190 (20 April); 250 EUR for the Data practice;
/// the 500 CHF missing its rate.
/// </summary>
public sealed class PnlTests(FinanceWorld world) : IClassFixture<FinanceWorld>
{
    /// <summary>name, revenue, labour, supplier, other, costs, margin, margin %, minutes.</summary>
    public sealed record Figures(string Name, decimal Revenue, decimal Labour, decimal Supplier, decimal Other, decimal Costs, decimal Margin, decimal? MarginPercent, long Minutes);

    static Figures Of(JsonElement row) => new(row.GetProperty("name").GetString()!, row.GetProperty("revenue").GetDecimal(), row.GetProperty("labour").GetDecimal(),
        row.GetProperty("supplier").GetDecimal(), row.GetProperty("other").GetDecimal(), row.GetProperty("costs").GetDecimal(), row.GetProperty("margin").GetDecimal(),
        row.GetProperty("marginPercent").ValueKind == JsonValueKind.Null ? null : row.GetProperty("marginPercent").GetDecimal(), row.GetProperty("minutes").GetInt64());

    static List<Figures> Rows(JsonElement pnl) => [.. pnl.GetProperty("rows").EnumerateArray().Select(Of)];

    [Fact]
    public async Task By_service_each_service_carries_its_revenue_and_costs_and_what_no_service_bears_is_not_allocated()
    {
        var pnl = await world.PnlAsync("service");

        Assert.Equal(
        [
            new("Clinical", 1840.00m, 0m, 1200.00m, 0m, 1200.00m, 640.00m, 34.8m, 0),
            new("Desk", 11367.03m, 192.00m, 0m, 0m, 192.00m, 11175.03m, 98.3m, 195),
            new("Not allocated to a service", 0m, 0m, 372.00m, 440.00m, 812.00m, -812.00m, null, 0),
        ], Rows(pnl));
        Assert.Equal(new Figures("Total", 13207.03m, 192.00m, 1572.00m, 440.00m, 2204.00m, 11003.03m, 83.3m, 195), Of(pnl.GetProperty("total")));
        Assert.Equal(("EUR", "2026-03-01", "2026-04-30", 61), (pnl.GetProperty("reportingCurrency").GetString(), pnl.GetProperty("period").GetProperty("from").GetString(),
            pnl.GetProperty("period").GetProperty("to").GetString(), pnl.GetProperty("period").GetProperty("days").GetInt32()));
    }

    [Fact]
    public async Task By_customer_service_level_and_provider_wide_costs_are_not_shared_out_but_shown_as_not_allocated()
    {
        var pnl = await world.PnlAsync("customer");

        Assert.Equal(
        [
            new("Alder", 7007.03m, 48.00m, 0m, 190.00m, 238.00m, 6769.03m, 96.6m, 60),
            new("Harbor", 6200.00m, 144.00m, 0m, 0m, 144.00m, 6056.00m, 97.7m, 135),
            new("Not allocated to a customer", 0m, 0m, 1572.00m, 250.00m, 1822.00m, -1822.00m, null, 0),
        ], Rows(pnl).Select(r => r with { Name = r.Name.Split(' ')[0] == "Not" ? r.Name : r.Name.Split(' ')[0] }));
    }

    [Fact]
    public async Task By_practice_a_practice_has_its_services_figures_its_own_costs_and_its_budget_for_the_period()
    {
        var pnl = await world.PnlAsync("practice");
        var rows = pnl.GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal(
        [
            new("Data", 1840.00m, 0m, 1200.00m, 250.00m, 1450.00m, 390.00m, 21.2m, 0),
            new("Workplace", 11367.03m, 192.00m, 0m, 0m, 192.00m, 11175.03m, 98.3m, 195),
            new("No practice", 0m, 0m, 372.00m, 190.00m, 562.00m, -562.00m, null, 0),
        ], Rows(pnl));
        // 36,500 a year over 61 days of 2026's 365.
        Assert.Equal(6100.00m, rows[1].GetProperty("budgetForPeriod").GetDecimal());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("budgetForPeriod").ValueKind);
        Assert.Equal(6100.00m, pnl.GetProperty("total").GetProperty("budgetForPeriod").GetDecimal());
    }

    [Fact]
    public async Task By_kind_whole_services_and_process_outsourcing_are_set_side_by_side()
    {
        var pnl = await world.PnlAsync("kind");

        Assert.Equal(["ProcessOutsourcing", "ServiceOutsourcing", "unallocated"], pnl.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        Assert.Equal(
        [
            new("Process outsourcing", 1840.00m, 0m, 1200.00m, 0m, 1200.00m, 640.00m, 34.8m, 0),
            new("Service outsourcing", 11367.03m, 192.00m, 0m, 0m, 192.00m, 11175.03m, 98.3m, 195),
            // Alder's visits: Alder is served both ways, so they belong to neither kind alone.
            new("Not allocated to a kind", 0m, 0m, 372.00m, 440.00m, 812.00m, -812.00m, null, 0),
        ], Rows(pnl));
    }

    [Fact]
    public async Task By_month_each_month_and_the_chart_series_add_up_to_the_total()
    {
        var pnl = await world.PnlAsync("month");
        var months = pnl.GetProperty("months").EnumerateArray().ToList();

        Assert.Equal(
        [
            new("March 2026", 6220.00m, 144.00m, 600.00m, 0m, 744.00m, 5476.00m, 88.0m, 135),
            new("April 2026", 6987.03m, 48.00m, 972.00m, 440.00m, 1460.00m, 5527.03m, 79.1m, 60),
        ], Rows(pnl));
        Assert.Equal(["2026-03", "2026-04"], months.Select(m => m.GetProperty("month").GetString()));
        Assert.Equal([6220.00m, 6987.03m], months.Select(m => m.GetProperty("revenue").GetDecimal()));
        Assert.Equal([744.00m, 1460.00m], months.Select(m => m.GetProperty("costs").GetDecimal()));
    }

    [Fact]
    public async Task Amounts_without_a_rate_are_listed_as_missing_never_taken_one_to_one_and_partner_work_without_a_rate_as_uncosted()
    {
        var pnl = await world.PnlAsync("service");

        Assert.False(pnl.GetProperty("complete").GetBoolean());
        Assert.Equal([("supplier", "GBP", "2026-03", 310.00m, 1), ("other", "CHF", "2026-03", 500.00m, 1)],
            pnl.GetProperty("missing").EnumerateArray().Select(m => (m.GetProperty("source").GetString(), m.GetProperty("currency").GetString(),
                m.GetProperty("month").GetString(), m.GetProperty("amount").GetDecimal(), m.GetProperty("rows").GetInt32())));
        var uncosted = pnl.GetProperty("uncosted");
        Assert.Empty(uncosted.GetProperty("noRate").EnumerateArray());
        var carla = Assert.Single(uncosted.GetProperty("external").EnumerateArray());
        Assert.Equal((world.Carla, world.SupCo, 30L, 1), (carla.GetProperty("personId").GetGuid(), carla.GetProperty("organizationId").GetGuid(),
            carla.GetProperty("minutes").GetInt64(), carla.GetProperty("entries").GetInt32()));
    }

    [Fact]
    public async Task Labour_drills_down_to_the_work_logs_with_the_rate_of_each_day_and_a_link_to_the_record()
    {
        var pnl = await world.PnlAsync("service");
        var desk = pnl.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Desk");

        var page = await world.Manager.GetFromJsonAsync<JsonElement>(desk.GetProperty("drill").GetProperty("labour").GetString(), StewardApp.Json);
        var rows = page.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([("2026-03-10", world.Ada, 90L, 60m, 90.00m), ("2026-03-20", world.Ada, 45L, 72m, 54.00m), ("2026-04-02", world.Ben, 60L, 48m, 48.00m)],
            rows.Select(r => (r.GetProperty("on").GetString(), r.GetProperty("personId").GetGuid(), r.GetProperty("minutes").GetInt64(),
                r.GetProperty("hourlyAmount").GetDecimal(), r.GetProperty("converted").GetDecimal())));
        Assert.Equal($"/incidents/{world.HarborIncident}", rows[0].GetProperty("link").GetString());
        Assert.Equal(desk.GetProperty("labour").GetDecimal(), rows.Sum(r => r.GetProperty("converted").GetDecimal()));
    }

    [Fact]
    public async Task Revenue_supplier_and_other_figures_drill_down_to_the_slices_and_costs_behind_them_a_page_at_a_time()
    {
        var byCustomer = await world.PnlAsync("customer");
        var alder = byCustomer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == world.Alder.ToString());
        var unallocated = byCustomer.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "unallocated");

        var revenue = await world.Manager.GetFromJsonAsync<JsonElement>(alder.GetProperty("drill").GetProperty("revenue").GetString() + "&limit=3", StewardApp.Json);
        var rest = await world.Manager.GetFromJsonAsync<JsonElement>(alder.GetProperty("drill").GetProperty("revenue").GetString() + "&limit=3&cursor=" + revenue.GetProperty("next").GetString(), StewardApp.Json);
        var supplier = await world.Manager.GetFromJsonAsync<JsonElement>(unallocated.GetProperty("drill").GetProperty("supplier").GetString(), StewardApp.Json);
        var other = await world.Manager.GetFromJsonAsync<JsonElement>(alder.GetProperty("drill").GetProperty("other").GetString(), StewardApp.Json);

        var slices = revenue.GetProperty("items").EnumerateArray().Concat(rest.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal([("2026-03-01", 31, 920.00m), ("2026-03-10", 22, 2200.00m), ("2026-04-01", 30, 920.00m), ("2026-04-01", 30, 2967.03m)],
            slices.Select(s => (s.GetProperty("on").GetString(), s.GetProperty("days").GetInt32(), s.GetProperty("converted").GetDecimal())).OrderBy(s => s.Item1).ThenBy(s => s.Item3));
        Assert.Equal(JsonValueKind.Null, rest.GetProperty("next").ValueKind);
        Assert.Equal(alder.GetProperty("revenue").GetDecimal(), slices.Sum(s => s.GetProperty("converted").GetDecimal()));
        var charges = supplier.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, charges.Count);
        Assert.Equal(1572.00m, charges.Sum(c => c.GetProperty("converted").ValueKind == JsonValueKind.Null ? 0 : c.GetProperty("converted").GetDecimal()));
        Assert.Single(charges, c => c.GetProperty("converted").ValueKind == JsonValueKind.Null && c.GetProperty("currency").GetString() == "GBP");
        var visit = Assert.Single(other.GetProperty("items").EnumerateArray());
        Assert.Equal(("Visits", 200m, "USD", 0.95m, 190.00m), (visit.GetProperty("description").GetString(), visit.GetProperty("amount").GetDecimal(),
            visit.GetProperty("currency").GetString(), visit.GetProperty("exchangeRate").GetDecimal(), visit.GetProperty("converted").GetDecimal()));
    }

    [Fact]
    public async Task The_pnl_exports_as_csv_and_xlsx_with_the_total_last()
    {
        var csv = await world.Manager.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}&groupBy=service&{FinanceWorld.Period}&format=csv");
        var xlsx = await world.Manager.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}&groupBy=month&{FinanceWorld.Period}&format=xlsx");

        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Key,Service,Revenue (EUR),Labour (EUR),Supplier (EUR),Other (EUR),Costs (EUR),Margin (EUR),Margin %,Hours", lines[0], StringComparison.Ordinal);
        Assert.Equal("total,Total,13207.03,192.00,1572.00,440.00,2204.00,11003.03,83.3,3.25,", lines[^1]);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Bad_queries_name_their_field_a_provider_out_of_sight_is_not_found_and_one_without_a_currency_conflicts()
    {
        var other = await StartAsync(world.App);
        var customersOwner = await world.F.PersonAsync(world.Alder, Roles.ServiceOwner);

        var noProvider = await world.Manager.GetAsync("/api/v1/finance/pnl");
        var badGrouping = await world.Manager.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}&groupBy=party");
        var badSource = await world.Manager.GetAsync($"/api/v1/finance/pnl/rows?providerId={world.F.ProviderId}&key=x&source=profit");
        var tooLong = await world.Manager.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}&from=2025-01-01&to=2026-04-30");
        var outOfSight = await world.Manager.GetAsync($"/api/v1/finance/pnl?providerId={other.ProviderId}");
        var byCustomer = await customersOwner.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}");
        var customerDrill = await customersOwner.GetAsync($"/api/v1/finance/pnl/rows?providerId={world.F.ProviderId}&key={world.Alder}&source=revenue&groupBy=customer");
        var withoutCurrency = await other.Manager.GetAsync($"/api/v1/finance/pnl?providerId={other.ProviderId}");
        var agent = await world.F.PersonAsync(world.F.ProviderId, Roles.Agent);
        var byAgent = await agent.GetAsync($"/api/v1/finance/pnl?providerId={world.F.ProviderId}");

        await AssertRefusedAsync(noProvider, "providerId");
        await AssertRefusedAsync(badGrouping, "groupBy");
        await AssertRefusedAsync(badSource, "source");
        await AssertRefusedAsync(tooLong, "from");
        Assert.Equal(HttpStatusCode.NotFound, outOfSight.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, customerDrill.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withoutCurrency.StatusCode);
        Assert.Contains($"/api/v1/finance/settings/{other.ProviderId}", await withoutCurrency.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
    }

    [Fact]
    public async Task Without_dates_the_pnl_covers_the_last_90_days()
    {
        var pnl = await world.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/finance/pnl?providerId={world.F.ProviderId}", StewardApp.Json);
        var period = pnl.GetProperty("period");
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;

        Assert.Equal(today.PlusDays(-90).ToString("yyyy-MM-dd", null), period.GetProperty("from").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", null), period.GetProperty("to").GetString());
        Assert.Equal("service", pnl.GetProperty("groupBy").GetString()!.ToLowerInvariant());
    }
}
