using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using Steward.Server.Tests.Reports;

namespace Steward.Server.Tests.Sourcing;

/// <summary>
/// <c>GET /api/v1/sourcing/review</c> over the report world's Monday: what to agree, measure and
/// improve for Harbour Bank's e-mail service, worked out by hand, and what each reader sees.
/// </summary>
public sealed class RelationshipReviewTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Monday = "from=2026-11-30&to=2026-11-30";

    static async Task<(ReportWorld World, string Reference)> WithSlaAsync(SlaApp app)
    {
        var w = await ReportWorld.CreateAsync(app);
        var reference = "SLA-HB-" + ProviderBuilder.Unique();
        await ProviderBuilder.CreatedAsync<JsonElement>(await w.World.Provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = w.World.Provider.Id, type = "ServiceLevelAgreement", accountableId = w.World.CustomerId, counterpartyId = w.World.Provider.Id,
            serviceId = w.World.ServiceId, reference,
            measureTargets = new object[] { new { key = "sla-compliance", target = 95 }, new { key = "response-time-median", target = 1 } },
        }));
        return (w, reference);
    }

    static string Url(ReportWorld w) => $"/api/v1/sourcing/review?providerId={w.World.Provider.Id}&customerId={w.World.CustomerId}&{Monday}";

    static JsonElement Measure(JsonElement service, string key) => service.GetProperty("measure").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    [Fact]
    public async Task The_review_sets_each_agreed_measure_against_its_target_and_lists_what_to_improve()
    {
        var (w, reference) = await WithSlaAsync(app);

        var review = await w.World.Provider.Manager.GetFromJsonAsync<JsonElement>(Url(w), StewardApp.Json);

        Assert.Equal("provider", review.GetProperty("viewer").GetString());
        var mail = review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == w.World.ServiceId);
        // Harbour Bank's e-mail records of Monday: 4 of 5 judged clocks met; first responses 10 min, 30 min and 3 h.
        var compliance = Measure(mail, "sla-compliance");
        Assert.Equal((80.0, "missed", 95m), (compliance.GetProperty("value").GetDouble(), compliance.GetProperty("status").GetString(), compliance.GetProperty("target").GetDecimal()));
        Assert.StartsWith(reference, compliance.GetProperty("source").GetString());
        Assert.Equal("met", Measure(mail, "response-time-median").GetProperty("status").GetString());
        // The practices of a whole service add what no agreement targets: resolutions in 2 h and 3 h.
        var resolution = Measure(mail, "resolution-time-median");
        Assert.Equal((2.5, "noTarget"), (resolution.GetProperty("value").GetDouble(), resolution.GetProperty("status").GetString()));
        var improve = Assert.Single(mail.GetProperty("improve").EnumerateArray());
        Assert.Equal("sla-compliance", improve.GetProperty("key").GetString());
        Assert.Contains(reference, mail.GetProperty("reviewsDue").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("service-levels", mail.GetProperty("guidance").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        Assert.Equal("ServiceOutsourcing", mail.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Object, review.GetProperty("profile").ValueKind);
    }

    [Fact]
    public async Task A_customers_person_reads_their_own_review_without_the_providers_costs_and_no_other()
    {
        var (w, _) = await WithSlaAsync(app);

        var review = await w.World.Requester.GetFromJsonAsync<JsonElement>(Url(w), StewardApp.Json);

        Assert.Equal("customer", review.GetProperty("viewer").GetString());
        Assert.Contains("pnl", review.GetProperty("hidden").EnumerateArray().Select(h => h.GetString()));
        Assert.Contains("margin", review.GetProperty("hidden").EnumerateArray().Select(h => h.GetString()));
        var mail = review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceId").GetGuid() == w.World.ServiceId);
        Assert.Equal(80.0, Measure(mail, "sla-compliance").GetProperty("value").GetDouble());

        var (_, quay) = await app.AddPersonAsync(w.OtherCustomerId, Roles.Requester);
        Assert.Equal(HttpStatusCode.NotFound, (await quay.GetAsync(Url(w))).StatusCode);
    }

    [Theory]
    [InlineData("providerId=nope&customerId=00000000-0000-0000-0000-000000000001", "providerId")]
    [InlineData("providerId=00000000-0000-0000-0000-000000000001", "customerId")]
    public async Task Bad_ids_are_a_400_naming_the_field(string query, string field)
    {
        var w = await ReportWorld.CreateAsync(app);

        var response = await w.World.Provider.Manager.GetAsync($"/api/v1/sourcing/review?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
