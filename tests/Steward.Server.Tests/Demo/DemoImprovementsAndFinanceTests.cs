using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Demo;

/// <summary>
/// The demo's improvement register and books, read through the API of a first start as a new user
/// would: eight improvements in every state measured from the replayed records, two practices, a
/// profitable and a loss-making relationship, rates for two currencies and one amount without one.
/// </summary>
public sealed class DemoImprovementsAndFinanceTests(DemoApp app) : IClassFixture<DemoApp>
{
    async Task<JsonElement> GetAsync(string path) => await app.Admin.GetFromJsonAsync<JsonElement>(path, StewardApp.Json);

    async Task<Guid> OrganizationAsync(string name) =>
        (await GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(name)}")).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();

    static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    [Fact]
    public async Task Eight_improvements_cover_every_state_each_reviewed_with_owned_dated_actions_and_a_frozen_baseline()
    {
        var improvements = (await GetAsync("/api/v1/improvements?limit=50")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(8, improvements.Count);
        Assert.Equal(["Abandoned", "Achieved", "Approved", "Identified", "InProgress", "NotAchieved"], improvements.Select(i => Text(i, "state")).Distinct().Order());
        foreach (var improvement in improvements)
        {
            var id = improvement.GetProperty("id").GetGuid();
            var baseline = improvement.GetProperty("baseline");
            Assert.True(baseline.GetProperty("value").ValueKind is JsonValueKind.Number && baseline.GetProperty("n").GetInt64() > 0, $"{improvement}");
            // Frozen when raised: computed at the instant the improvement was created, never after.
            Assert.Equal(Text(improvement, "createdAt"), Text(baseline, "computedAt"));

            var reviews = (await GetAsync($"/api/v1/improvements/{id}/reviews")).EnumerateArray().ToList();
            Assert.NotEmpty(reviews);
            Assert.All(reviews, r => Assert.True(string.CompareOrdinal(Text(r, "at"), Text(improvement, "createdAt")) > 0, $"{r}"));

            var actions = (await GetAsync($"/api/v1/improvements/{id}/actions")).EnumerateArray().ToList();
            Assert.NotEmpty(actions);
            Assert.All(actions, a => Assert.True(a.GetProperty("ownerId").GetGuid() != Guid.Empty && a.GetProperty("dueOn").GetString() is { Length: 10 }, $"{a}"));
        }

        // Achieved is measured, not asserted: each closing value meets its target in the measure's direction.
        var achieved = improvements.Where(i => Text(i, "state") == "Achieved").ToList();
        Assert.Equal(2, achieved.Count);
        foreach (var i in achieved)
        {
            var (closing, target) = (i.GetProperty("closingValue").GetDecimal(), i.GetProperty("target").GetDecimal());
            Assert.True(Text(i, "direction") == "HigherIsBetter" ? closing >= target : closing <= target, $"{i}");
        }
    }

    [Fact]
    public async Task The_achieved_improvements_baseline_is_what_the_measures_api_computes_over_its_period()
    {
        var improvement = (await GetAsync("/api/v1/improvements?limit=50")).GetProperty("items").EnumerateArray()
            .Single(i => Text(i, "measureKey") == "resolution-time-median" && Text(i, "state") == "Achieved");
        var baseline = improvement.GetProperty("baseline");
        var scope = improvement.GetProperty("scope");
        var customer = scope.GetProperty("customerIds").EnumerateArray().Single().GetGuid();

        var series = await GetAsync($"/api/v1/measures/resolution-time-median?from={Text(baseline, "from")}&to={Text(baseline, "to")}" +
            $"&zone={Text(baseline, "zone")}&interval=month&customerId={customer}&processKey=incident-management");

        var total = series.GetProperty("total");
        Assert.Equal(baseline.GetProperty("value").GetDecimal(), total.GetProperty("value").GetDecimal());
        Assert.Equal(baseline.GetProperty("n").GetInt64(), total.GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task Two_practices_have_a_champion_a_yearly_budget_a_market_and_services()
    {
        var practices = (await GetAsync("/api/v1/practices")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(2, practices.Count);
        Assert.All(practices, p =>
        {
            Assert.NotEqual(Guid.Empty, p.GetProperty("championId").GetGuid());
            Assert.True(p.GetProperty("yearlyBudget").GetDecimal() > 0, $"{p}");
            Assert.Equal("EUR", Text(p, "budgetCurrency"));
            Assert.NotEmpty(p.GetProperty("targetCustomerIds").EnumerateArray());
            Assert.NotEmpty(p.GetProperty("serviceIds").EnumerateArray());
        });
    }

    [Fact]
    public async Task The_pnl_by_customer_shows_harbor_profitable_and_alder_losing_money_and_lists_the_amount_without_a_rate()
    {
        var meridian = await OrganizationAsync("Meridian Managed Services");

        var pnl = await GetAsync($"/api/v1/finance/pnl?providerId={meridian}&groupBy=customer");

        var customers = pnl.GetProperty("rows").EnumerateArray().Where(r => Text(r, "key") != "unallocated").ToList();
        var losing = Assert.Single(customers, r => r.GetProperty("margin").GetDecimal() < 0);
        Assert.Equal("Alder Health Clinics", Text(losing, "name"));
        var harbor = customers.Single(r => Text(r, "name") == "Harbor Logistics");
        Assert.True(harbor.GetProperty("margin").GetDecimal() > 0, $"{harbor}");
        // Every source has data: revenue, labour from the replayed work log, the supplier's charge and other costs.
        Assert.All(["revenue", "labour", "supplier", "other"], source => Assert.True(losing.GetProperty(source).GetDecimal() > 0, $"{source}: {losing}"));

        var missing = Assert.Single(pnl.GetProperty("missing").EnumerateArray());
        Assert.Equal(("other", "CHF"), (Text(missing, "source"), Text(missing, "currency")));
        Assert.False(pnl.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Two_currencies_have_rates_into_the_reporting_currency()
    {
        var meridian = await OrganizationAsync("Meridian Managed Services");

        var settings = await GetAsync($"/api/v1/finance/settings/{meridian}");
        var rates = (await GetAsync($"/api/v1/finance/rates?providerId={meridian}&limit=50")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal("EUR", Text(settings, "reportingCurrency"));
        Assert.Equal(["GBP", "USD"], rates.Select(r => Text(r, "from")).Distinct().Order());
        Assert.All(rates, r => Assert.Equal("EUR", Text(r, "to")));
        Assert.All(rates, r => Assert.True(decimal.Parse(r.GetProperty("rate").GetRawText(), CultureInfo.InvariantCulture) > 0));
    }
}
