using System.Net;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Parties;
using Steward.Server.Portfolio;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Portfolio;

/// <summary>
/// A provider of its own with a provider manager who sets everything up through the API, as a new
/// user would: customers, suppliers and teams, services, offerings and subscriptions. Every test
/// starts its own, so names never collide and no test counts on another's rows.
/// </summary>
public sealed class ProviderBuilder
{
    ProviderBuilder(StewardApp app, Organization provider, HttpClient manager)
    {
        App = app;
        Provider = provider;
        Manager = manager;
    }

    public StewardApp App { get; }
    public Organization Provider { get; }
    public Guid Id => Provider.Id;
    /// <summary>A ProviderManager of the provider: manages portfolio, sourcing and processes.</summary>
    public HttpClient Manager { get; }

    public static async Task<ProviderBuilder> StartAsync(StewardApp app)
    {
        var provider = await app.AddOrganizationAsync("Provider " + Unique(), OrganizationKind.Provider);
        var (_, manager) = await app.AddPersonAsync(provider.Id, Roles.ProviderManager);
        return new ProviderBuilder(app, provider, manager);
    }

    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A customer the provider serves (the manager's new organizations are linked to it).</summary>
    public Task<OrganizationView> CustomerAsync(string name) => OrganizationAsync(name, "Customer");

    public Task<OrganizationView> SupplierAsync(string name) => OrganizationAsync(name, "Supplier");

    async Task<OrganizationView> OrganizationAsync(string name, string kind) =>
        await CreatedAsync<OrganizationView>(await Manager.PostJsonAsync("/api/v1/organizations", new { name = $"{name} {Unique()}", kind }));

    public async Task<TeamView> TeamAsync(string name, Guid? organizationId = null) =>
        await CreatedAsync<TeamView>(await Manager.PostJsonAsync("/api/v1/teams", new { organizationId = organizationId ?? Id, name }));

    /// <summary>A business service needing exactly <paramref name="processKeys"/>.</summary>
    public async Task<ServiceView> ServiceAsync(string name, params string[] processKeys) =>
        await CreatedAsync<ServiceView>(await Manager.PostJsonAsync("/api/v1/services", new { providerId = Id, name, type = "Business", processKeys }));

    public async Task<OfferingView> OfferingAsync(Guid serviceId, string name = "Standard", params object[] targets) =>
        await CreatedAsync<OfferingView>(await Manager.PostJsonAsync("/api/v1/offerings", new { serviceId, name, targets }));

    public async Task<SubscriptionView> SubscribeAsync(Guid offeringId, Guid customerId, string? claimedKind = null) =>
        await CreatedAsync<SubscriptionView>(await Manager.PostJsonAsync("/api/v1/subscriptions",
            new { offeringId, customerId, start = "2024-01-01", chargeAmount = 100, chargeCurrency = "EUR", claimedKind }));

    /// <summary>A service with one offering that each of <paramref name="customers"/> subscribes to, claiming nothing.</summary>
    public async Task<ServiceView> SubscribedServiceAsync(string name, string[] processKeys, params Guid[] customers)
    {
        var service = await ServiceAsync(name, processKeys);
        var offering = await OfferingAsync(service.Id);
        foreach (var customer in customers) await SubscribeAsync(offering.Id, customer);
        return service;
    }

    /// <summary>The body of a 201 answer; anything else fails the test with the server's explanation.</summary>
    public static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<T>();
    }
}
