using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Bench;

/// <summary>
/// Issue 20, finance: the books of the measures world, made through the API as the
/// administrator, so that the P&amp;L and the relationship review have every source to roll up.
/// The subscriptions already charge every customer for every service (in euros, dollars or
/// pounds, <see cref="KnowledgeWorld"/>); the work the seeder copies is logged by the desk's
/// agent, another team's member and the contractor's engineer, each costed here by their own
/// rate. Added: the reporting currency (EUR), a dollar and a pound rate for every month of the
/// seeded history, two supplier charges on the contractor's contract, other costs every month
/// (one in Swiss francs, which has no rate and so shows as missing), and two practices sharing
/// the services.
/// </summary>
public static class FinanceBenchWorld
{
    public sealed record Books(int Rates, int CostRates, int SupplierCharges, int Costs, int Practices);

    static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body, bool ifMatchAny = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatchAny) request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    static Task<JsonElement> PostAsync(HttpClient http, string path, object body) => SendAsync(http, HttpMethod.Post, path, body);

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <param name="days">The seeded history (the seeder spreads records over this many days back from today).</param>
    public static async Task<Books> AddAsync(Uri baseUri, string adminToken, MeasureWorld.World world, int days = 395)
    {
        using var admin = LoadDriver.NewClient(baseUri, adminToken, 4);
        var k = world.Knowledge;
        await SendAsync(admin, HttpMethod.Put, $"api/v1/finance/settings/{k.ProviderId}", new { reportingCurrency = "EUR" }, ifMatchAny: true);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(days / 30 + 2));
        var rates = 0;
        for (var (m, i) = (first, 0); m <= today; m = m.AddMonths(1), i++)
        {
            await PostAsync(admin, "api/v1/finance/rates", new { providerId = k.ProviderId, from = "USD", to = "EUR", on = Day(m), rate = 0.90m + 0.005m * (i % 7) });
            await PostAsync(admin, "api/v1/finance/rates", new { providerId = k.ProviderId, from = "GBP", to = "EUR", on = Day(m), rate = 1.15m + 0.004m * (i % 5) });
            rates += 2;
        }

        var from = Day(first);
        await PostAsync(admin, "api/v1/cost-rates", new { personId = k.AgentId, hourlyAmount = 55, currency = "EUR", validFrom = from });
        await PostAsync(admin, "api/v1/cost-rates", new { personId = k.Reviewer1Id, hourlyAmount = 62.5m, currency = "EUR", validFrom = from });
        await PostAsync(admin, "api/v1/cost-rates", new { personId = k.Reviewer2Id, hourlyAmount = 48, currency = "GBP", validFrom = from });

        var agreements = (await admin.GetFromJsonAsync<JsonElement>($"api/v1/sourcing/agreements?providerId={k.ProviderId}&type=UnderpinningContract&limit=50"))
            .GetProperty("items").EnumerateArray();
        var contract = agreements.Single(a => a.GetProperty("reference").GetString() == "UC-FIELD-01").GetProperty("id").GetGuid();
        await PostAsync(admin, "api/v1/finance/supplier-charges", new { agreementId = contract, amount = 4_800, currency = "EUR", period = "Monthly", start = from });
        await PostAsync(admin, "api/v1/finance/supplier-charges", new { agreementId = contract, amount = 9_000, currency = "GBP", period = "Quarterly", start = from, customerId = k.Customers[0] });

        var half = k.Services.Count / 2;
        var practices = new[]
        {
            await PostAsync(admin, "api/v1/practices", new { providerId = k.ProviderId, name = "Workplace", championId = k.AuthorId, serviceIds = k.Services.Take(half).ToArray(), yearlyBudget = 250_000, budgetCurrency = "EUR" }),
            await PostAsync(admin, "api/v1/practices", new { providerId = k.ProviderId, name = "Business applications", championId = k.Reviewer1Id, serviceIds = k.Services.Skip(half).Append(world.Payments).ToArray() }),
        }.Select(p => p.GetProperty("id").GetGuid()).ToArray();

        var costs = 0;
        for (var (m, i) = (first, 0); m <= today; m = m.AddMonths(1), i++)
        {
            await PostAsync(admin, "api/v1/finance/costs", new { providerId = k.ProviderId, on = Day(m.AddDays(4)), amount = 1_200 + 10 * i, currency = "EUR", category = "Tooling", serviceId = k.Services[i % k.Services.Count] });
            await PostAsync(admin, "api/v1/finance/costs", new { providerId = k.ProviderId, on = Day(m.AddDays(9)), amount = 300, currency = "USD", category = "Travel", customerId = k.Customers[i % k.Customers.Count] });
            await PostAsync(admin, "api/v1/finance/costs", new { providerId = k.ProviderId, on = Day(m.AddDays(14)), amount = 2_000, currency = "EUR", category = "Marketing", practiceId = practices[i % 2] });
            await PostAsync(admin, "api/v1/finance/costs", new { providerId = k.ProviderId, on = Day(m.AddDays(19)), amount = 450, currency = "CHF", category = "Training", serviceId = k.Services[0] });
            costs += 4;
        }
        return new Books(rates, 3, 2, costs, practices.Length);
    }
}
