using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Finance;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// The relationship review's P&amp;L: Alder's relationship over March and April 2026 in
/// <see cref="MoneyWorld"/>, the P&amp;L by service narrowed to Alder, and what Alder's own people see.
/// </summary>
public sealed class ReviewPnlTests(MoneyWorld world) : IClassFixture<MoneyWorld>
{
    FinanceWorld W => world.W;

    string Review => $"/api/v1/sourcing/review?providerId={W.F.ProviderId}&customerId={W.Alder}&{FinanceWorld.Period}";

    static (string?, decimal, decimal, decimal, decimal, decimal?) Figures(JsonElement row) => (row.GetProperty("name").GetString(), row.GetProperty("revenue").GetDecimal(),
        row.GetProperty("costs").GetDecimal(), row.GetProperty("other").GetDecimal(), row.GetProperty("margin").GetDecimal(),
        row.GetProperty("marginPercent").ValueKind == JsonValueKind.Null ? null : row.GetProperty("marginPercent").GetDecimal());

    [Fact]
    public async Task The_review_carries_the_pnl_by_service_narrowed_to_the_customer()
    {
        var review = await W.Manager.GetFromJsonAsync<JsonElement>(Review, StewardApp.Json);
        var pnl = await W.Manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/finance/pnl?providerId={W.F.ProviderId}&groupBy=service&customerId={W.Alder}&{FinanceWorld.Period}", StewardApp.Json);

        var own = review.GetProperty("pnl");
        foreach (var part in new[] { "rows", "total", "months", "missing", "uncosted", "complete", "period", "reportingCurrency" })
            Assert.Equal(pnl.GetProperty(part).GetRawText(), own.GetProperty(part).GetRawText());
        // Clinical: 920 a month, nothing booked to Alder against it (its contract is the service's, Carla's work her firm's).
        // Desk: 2,200 + 2,967.03 less Ben's 48. Alder's visits: 190 on no service.
        Assert.Equal(
        [
            ("Clinical", 1840.00m, 0m, 0m, 1840.00m, 100.0m),
            ("Desk", 5167.03m, 48.00m, 0m, 5119.03m, 99.1m),
            ("Not allocated to a service", 0m, 190.00m, 190.00m, -190.00m, null),
        ], own.GetProperty("rows").EnumerateArray().Select(Figures));
        Assert.Equal(("Total", 7007.03m, 238.00m, 190.00m, 6769.03m, 96.6m), Figures(own.GetProperty("total")));
        Assert.True(own.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task The_review_sets_the_cost_per_record_of_a_process_outsourced_service_beside_its_practices()
    {
        var review = await W.Manager.GetFromJsonAsync<JsonElement>(Review, StewardApp.Json);

        var clinical = review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == W.Clinical);
        var perRecord = clinical.GetProperty("measure").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "cost-per-record");
        // Nothing is booked to Alder against Clinical; one record resolved.
        Assert.Equal((0.0, "noTarget"), (perRecord.GetProperty("value").GetDouble(), perRecord.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Narrowed_to_a_customer_the_pnl_drills_down_to_that_customers_rows_only_and_refuses_a_customer_it_does_not_serve()
    {
        var pnl = await W.Manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/finance/pnl?providerId={W.F.ProviderId}&groupBy=service&customerId={W.Alder}&{FinanceWorld.Period}", StewardApp.Json);
        var desk = pnl.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Desk");

        var labour = await W.Manager.GetFromJsonAsync<JsonElement>(desk.GetProperty("drill").GetProperty("labour").GetString(), StewardApp.Json);
        var stranger = await W.Manager.GetAsync($"/api/v1/finance/pnl?providerId={W.F.ProviderId}&customerId={W.SupCo}");
        var malformed = await W.Manager.GetAsync($"/api/v1/finance/pnl?providerId={W.F.ProviderId}&customerId=alder");

        // Ben's hour for Alder on Desk; Ada's work for Harbor on the same service is not Alder's.
        var entry = Assert.Single(labour.GetProperty("items").EnumerateArray());
        Assert.Equal((W.Ben, 48.00m), (entry.GetProperty("personId").GetGuid(), entry.GetProperty("converted").GetDecimal()));
        Assert.Contains($"customerId={W.Alder}", desk.GetProperty("drill").GetProperty("labour").GetString());
        await FinanceBuilder.AssertRefusedAsync(stranger, "customerId");
        await FinanceBuilder.AssertRefusedAsync(malformed, "customerId");
    }

    [Fact]
    public async Task A_customers_person_reads_the_review_without_the_pnl()
    {
        var customer = await W.F.PersonAsync(W.Alder, Roles.Requester);

        var review = await customer.GetFromJsonAsync<JsonElement>(Review, StewardApp.Json);

        Assert.Equal(JsonValueKind.Null, review.GetProperty("pnl").ValueKind);
        Assert.Contains("pnl", review.GetProperty("hidden").EnumerateArray().Select(h => h.GetString()));
        var clinical = review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == W.Clinical);
        var perRecord = clinical.GetProperty("measure").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "cost-per-record");
        Assert.Equal(("notMeasured", JsonValueKind.Null), (perRecord.GetProperty("status").GetString(), perRecord.GetProperty("value").ValueKind));
        Assert.DoesNotContain("7007", await customer.GetStringAsync(Review));
    }
}
