using System.Net;
using NodaTime;
using Steward.Core.Parties;
using Steward.Core.Sourcing;
using Steward.Server.Portfolio;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Portfolio;

public sealed class SubscriptionsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_subscription_keeps_its_claimed_kind_and_an_update_without_one_clears_it()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Claimant");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);

        var created = await provider.SubscribeAsync(offering.Id, customer.Id, "ProcessOutsourcing");
        var read = await (await provider.Manager.GetAsync($"/api/v1/subscriptions/{created.Id}")).ReadAsync<SubscriptionView>();
        var updated = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/subscriptions/{created.Id}",
            new { offeringId = offering.Id, start = "2024-01-01", end = "2027-12-31", chargeAmount = 120, chargeCurrency = "EUR", chargePeriod = "Yearly" }, "\"0\"");

        Assert.Equal(SourcingKind.ProcessOutsourcing, created.ClaimedKind);
        Assert.Equal(SourcingKind.ProcessOutsourcing, read.ClaimedKind);
        Assert.Equal(service.Id, read.ServiceId);
        Assert.Equal(provider.Id, read.ProviderId);
        Assert.Equal(new LocalDate(2024, 1, 1), read.Start);
        Assert.Null(read.End);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await updated.ReadAsync<SubscriptionView>();
        Assert.Null(after.ClaimedKind);
        Assert.Equal(new LocalDate(2027, 12, 31), after.End);
        Assert.Equal(Core.Portfolio.ChargePeriod.Yearly, after.ChargePeriod);
    }

    [Fact]
    public async Task A_subscription_may_claim_nothing()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Quiet");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);

        var created = await provider.Manager.PostJsonAsync("/api/v1/subscriptions",
            new { offeringId = offering.Id, customerId = customer.Id, start = "2024-01-01", chargeAmount = 0, chargeCurrency = "USD" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null((await created.ReadAsync<SubscriptionView>()).ClaimedKind);
    }

    [Fact]
    public async Task A_customer_the_provider_does_not_serve_is_refused_with_400_naming_customerId()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);
        var stranger = await app.AddOrganizationAsync("Stranger " + ProviderBuilder.Unique(), OrganizationKind.Customer);
        var body = new { offeringId = offering.Id, customerId = stranger.Id, start = "2024-01-01", chargeAmount = 10, chargeCurrency = "EUR" };

        var byAdministrator = await app.Admin.PostJsonAsync("/api/v1/subscriptions", body);
        var byManager = await provider.Manager.PostJsonAsync("/api/v1/subscriptions", body);

        Assert.Equal(HttpStatusCode.BadRequest, byAdministrator.StatusCode);
        Assert.Equal(["customerId"], await byAdministrator.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, byManager.StatusCode);
        Assert.Equal(["customerId"], await byManager.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_with_400_naming_end()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Backwards");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);
        var subscription = await provider.SubscribeAsync(offering.Id, customer.Id);

        var create = await provider.Manager.PostJsonAsync("/api/v1/subscriptions",
            new { offeringId = offering.Id, customerId = customer.Id, start = "2025-06-01", end = "2025-05-31", chargeAmount = 10, chargeCurrency = "EUR" });
        var update = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/subscriptions/{subscription.Id}",
            new { offeringId = offering.Id, start = "2025-06-01", end = "2025-05-31", chargeAmount = 10, chargeCurrency = "EUR" }, "\"0\"");

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(["end"], await create.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        Assert.Equal(["end"], await update.ErrorFieldsAsync());
    }
}
