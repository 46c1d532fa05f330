using System.Net;
using System.Net.Http.Json;
using Steward.Core.Identity;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

/// <summary>What a customer's people and another provider's people may see of a provider's sourcing.</summary>
public sealed class SourcingTenancyTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_customers_requester_sees_its_own_profile_and_matrix()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var (_, requester) = await app.AddPersonAsync(world.Alpha.Id, Roles.Requester);
        var provider = world.ProviderId;

        var profile = await requester.GetAsync($"/api/v1/sourcing/profile?providerId={provider}&customerId={world.Alpha.Id}");
        var matrix = await requester.GetAsync($"/api/v1/sourcing/matrix?providerId={provider}&customerId={world.Alpha.Id}");
        var export = await requester.GetAsync($"/api/v1/sourcing/matrix/export?providerId={provider}&customerId={world.Alpha.Id}&format=csv");

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, matrix.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var seen = await profile.ReadAsync<SourcingProfileView>();
        var providers = await world.Provider.ProfileAsync(world.Alpha.Id);
        Assert.Equal(providers.Services.Select(s => (s.ServiceId, s.Kind, s.Agreements.Count)), seen.Services.Select(s => (s.ServiceId, s.Kind, s.Agreements.Count)));
    }

    [Fact]
    public async Task A_customers_requester_gets_404_for_another_customer_and_for_the_provider_wide_views()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var (_, requester) = await app.AddPersonAsync(world.Alpha.Id, Roles.Requester);
        var provider = world.ProviderId;

        var urls = new[]
        {
            $"/api/v1/sourcing/profile?providerId={provider}&customerId={world.Beta.Id}",
            $"/api/v1/sourcing/matrix?providerId={provider}&customerId={world.Beta.Id}",
            $"/api/v1/sourcing/matrix?providerId={provider}",
            $"/api/v1/sourcing/matrix/export?providerId={provider}&format=csv",
            $"/api/v1/sourcing/overview?providerId={provider}",
            $"/api/v1/sourcing/iso20000-scope?organizationId={provider}",
        };
        var responses = await Task.WhenAll(urls.Select(requester.GetAsync));

        Assert.All(responses.Zip(urls), r => Assert.True(r.First.StatusCode == HttpStatusCode.NotFound, $"{r.Second} gave {(int)r.First.StatusCode}"));
    }

    [Fact]
    public async Task A_provider_of_another_tenant_gets_404_for_every_sourcing_view()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var stranger = await ProviderBuilder.StartAsync(app);
        var provider = world.ProviderId;

        var urls = new[]
        {
            $"/api/v1/sourcing/profile?providerId={provider}&customerId={world.Alpha.Id}",
            $"/api/v1/sourcing/matrix?providerId={provider}&customerId={world.Alpha.Id}",
            $"/api/v1/sourcing/matrix?providerId={provider}",
            $"/api/v1/sourcing/matrix/export?providerId={provider}&format=xlsx",
            $"/api/v1/sourcing/overview?providerId={provider}",
            $"/api/v1/sourcing/iso20000-scope?organizationId={provider}",
            $"/api/v1/sourcing/profile?providerId={stranger.Id}&customerId={world.Alpha.Id}",
        };
        var responses = await Task.WhenAll(urls.Select(stranger.Manager.GetAsync));

        Assert.All(responses.Zip(urls), r => Assert.True(r.First.StatusCode == HttpStatusCode.NotFound, $"{r.Second} gave {(int)r.First.StatusCode}"));
    }

    [Fact]
    public async Task A_customers_people_read_the_services_and_assignments_that_concern_them_and_nothing_of_another_customer()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var (_, alpha) = await app.AddPersonAsync(world.Alpha.Id, Roles.Requester);
        var (_, beta) = await app.AddPersonAsync(world.Beta.Id, Roles.Requester);

        var alphasHosting = await alpha.GetAsync($"/api/v1/services/{world.Hosting.Id}");
        var betasHosting = await beta.GetAsync($"/api/v1/services/{world.Hosting.Id}");
        var betasOverride = await beta.GetAsync($"/api/v1/sourcing/assignments/{world.BetaOverrideId}");
        var alphaPeeking = await alpha.GetAsync($"/api/v1/sourcing/assignments/{world.BetaOverrideId}");

        Assert.Equal(HttpStatusCode.OK, alphasHosting.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, betasHosting.StatusCode);
        Assert.Equal(HttpStatusCode.OK, betasOverride.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, alphaPeeking.StatusCode);
    }

    [Fact]
    public async Task A_customers_service_owner_reads_the_providers_records_but_cannot_change_them()
    {
        var world = await TwoCustomerPortfolio.BuildAsync(app);
        var (_, owner) = await app.AddPersonAsync(world.Beta.Id, Roles.ServiceOwner);

        var read = await owner.GetAsync($"/api/v1/sourcing/assignments/{world.BetaOverrideId}");
        var change = await owner.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/sourcing/assignments/{world.BetaOverrideId}", new { performerId = world.Beta.Id, note = "ours" }, "*");
        var delete = await owner.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/sourcing/assignments/{world.BetaOverrideId}", null, "*");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        var after = await world.Provider.Manager.GetAsync($"/api/v1/sourcing/assignments/{world.BetaOverrideId}");
        Assert.Equal("\"0\"", after.Headers.ETag?.Tag);
        Assert.Null((await after.ReadAsync<AssignmentView>()).Note);
    }

    [Fact]
    public async Task A_provider_sharing_a_customer_with_another_provider_sees_none_of_the_other_providers_records()
    {
        var own = await ProviderBuilder.StartAsync(app);
        var other = await ProviderBuilder.StartAsync(app);
        var shared = await own.CustomerAsync("Shared");
        var related = await app.Admin.PostJsonAsync($"/api/v1/organizations/{other.Id}/partners", new { organizationId = shared.Id });
        var service = await other.ServiceAsync("Other's workplace", "incident-management");
        var offering = await other.OfferingAsync(service.Id);
        var subscription = await other.SubscribeAsync(offering.Id, shared.Id);
        var assignment = await other.AssignAsync(service.Id, "incident-management", other.Id, customerId: shared.Id);
        var agreement = await ProviderBuilder.CreatedAsync<AgreementView>(await other.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = other.Id, type = "ServiceLevelAgreement", accountableId = shared.Id, counterpartyId = other.Id, serviceId = service.Id, reference = "OTHER-SLA",
        }));

        var urls = new[]
        {
            $"/api/v1/services/{service.Id}",
            $"/api/v1/offerings/{offering.Id}",
            $"/api/v1/subscriptions/{subscription.Id}",
            $"/api/v1/sourcing/assignments/{assignment.Id}",
            $"/api/v1/sourcing/agreements/{agreement.Id}",
        };
        var responses = await Task.WhenAll(urls.Select(own.Manager.GetAsync));
        var subscriptions = await own.Manager.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/subscriptions?customerId={shared.Id}");

        Assert.Equal(HttpStatusCode.Created, related.StatusCode);
        Assert.All(responses.Zip(urls), r => Assert.True(r.First.StatusCode == HttpStatusCode.NotFound, $"{r.Second} (another provider's record) gave {(int)r.First.StatusCode}"));
        Assert.Empty(subscriptions.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_service_wide_assignment_never_shows_one_customer_in_another_customers_profile()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var alpha = await provider.CustomerAsync("Alpha");
        var beta = await provider.CustomerAsync("Beta");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], alpha.Id, beta.Id);
        var (_, betasRequester) = await app.AddPersonAsync(beta.Id, Roles.Requester);

        var assigned = await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = service.Id, processKey = "incident-management", performerId = provider.Id, accountableId = alpha.Id });
        var profile = await betasRequester.GetStringAsync($"/api/v1/sourcing/profile?providerId={provider.Id}&customerId={beta.Id}");

        Assert.True(assigned.StatusCode == HttpStatusCode.BadRequest || !profile.Contains(alpha.Id.ToString(), StringComparison.OrdinalIgnoreCase),
            $"The assignment was accepted ({(int)assigned.StatusCode}) and Beta's profile names Alpha: {profile}");
    }
}
