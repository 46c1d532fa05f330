using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Demo;

/// <summary>A server started as a new user starts it: with the demo data.</summary>
public sealed class DemoApp : StewardApp
{
    protected override bool WithDemoData => true;
}

/// <summary>The demo portfolio tells the sourcing story on first start: each kind, a mismatch, suppliers under contract, a scope.</summary>
public sealed class DemoPortfolioTests(DemoApp app) : IClassFixture<DemoApp>
{
    async Task<Guid> OrganizationAsync(string name)
    {
        var page = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/organizations?q={Uri.EscapeDataString(name)}", StewardApp.Json);
        return page.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    async Task<SourcingProfileView> ProfileAsync(Guid provider, string customer) =>
        (await app.Admin.GetFromJsonAsync<SourcingProfileView>($"/api/v1/sourcing/profile?providerId={provider}&customerId={await OrganizationAsync(customer)}", StewardApp.Json))!;

    [Fact]
    public async Task Each_demo_customer_shows_one_kind_of_sourcing_and_one_claim_is_contradicted()
    {
        var meridian = await OrganizationAsync("Meridian Managed Services");

        var harbor = await ProfileAsync(meridian, "Harbor Logistics");
        var alder = await ProfileAsync(meridian, "Alder Health Clinics");
        var kestrel = await ProfileAsync(meridian, "Kestrel Financial");
        var overview = await app.Admin.GetFromJsonAsync<SourcingOverviewView>($"/api/v1/sourcing/overview?providerId={meridian}", StewardApp.Json);

        Assert.Equal(SourcingKind.ServiceOutsourcing, harbor.Services.Single(s => s.ServiceName == "Managed Workplace").Kind);
        Assert.Equal(SourcingKind.ProcessOutsourcing, alder.Services.Single(s => s.ServiceName == "Clinical Systems Support").Kind);
        Assert.Equal(SourcingKind.KnowledgeOutsourcing, kestrel.Services.Single(s => s.ServiceName == "Database Expertise on Demand").Kind);
        var mismatch = Assert.Single(overview!.Mismatches);
        Assert.Equal(("Alder Health Clinics", "Managed Workplace", SourcingKind.ServiceOutsourcing, SourcingKind.ProcessOutsourcing),
            (mismatch.CustomerName, mismatch.ServiceName, mismatch.ClaimedKind, mismatch.Kind));
        Assert.All(new[] { harbor, alder, kestrel }, p => Assert.All(p.Services, s => Assert.NotEmpty(s.Agreements)));
        Assert.Contains(harbor.Services.Single().Agreements, a => a.Type == AgreementType.UnderpinningContract && a.InPlace);
    }

    [Fact]
    public async Task Each_demo_relationships_review_measures_its_agreement_from_the_replayed_records()
    {
        var meridian = await OrganizationAsync("Meridian Managed Services");

        foreach (var (customer, service, key) in new[]
        {
            ("Harbor Logistics", "Managed Workplace", "sla-compliance"),
            ("Alder Health Clinics", "Clinical Systems Support", "resolution-time-median"),
        })
        {
            var review = await app.Admin.GetFromJsonAsync<JsonElement>(
                $"/api/v1/sourcing/review?providerId={meridian}&customerId={await OrganizationAsync(customer)}", StewardApp.Json);
            var row = review.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("serviceName").GetString() == service)
                .GetProperty("measure").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key && m.GetProperty("target").ValueKind is JsonValueKind.Number);
            // Ninety days of replayed work give a value, and the agreement's target judges it.
            Assert.True(row.GetProperty("n").GetInt64() > 0, $"{customer}: {row}");
            Assert.True(row.GetProperty("status").GetString() is "met" or "missed", $"{customer}: {row}");
        }
    }

    [Fact]
    public async Task The_demo_providers_scope_holds_the_whole_service_and_its_internal_services_and_leaves_out_the_rest()
    {
        var meridian = await OrganizationAsync("Meridian Managed Services");

        var scope = await app.Admin.GetFromJsonAsync<Iso20000ScopeView>($"/api/v1/sourcing/iso20000-scope?organizationId={meridian}", StewardApp.Json);

        Assert.Equal(["Managed Workplace", "Hosting Platform", "WAN Connectivity"], scope!.Services.Select(s => s.ServiceName));
        Assert.Equal(["Clinical Systems Support", "Database Expertise on Demand", "Managed Workplace"], scope.Excluded.Select(e => e.ServiceName).Order());
        Assert.Contains(scope.Services[0].OperatedByOtherParties, o => o.Party.Name == "Cloudrock Hosting");
    }
}
