using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Portfolio;
using Steward.Server.Portfolio;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Portfolio;

public sealed class OfferingsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task An_offering_keeps_its_service_level_targets_and_an_update_replaces_them()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var created = await provider.Manager.PostJsonAsync("/api/v1/offerings", new
        {
            serviceId = service.Id, name = "Gold", description = "Around the clock",
            targets = new object[] { new { name = "Availability", target = 99.9m, unit = "%" }, new { name = "P1 resolution", target = 4, unit = "hours" } },
        });
        var view = await created.ReadAsync<OfferingView>();
        var read = await provider.Manager.GetAsync($"/api/v1/offerings/{view.Id}");
        var updated = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/offerings/{view.Id}",
            new { name = "Gold", targets = new[] { new { name = "Availability", target = 99.95m, unit = "%" } } }, "\"0\"");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(provider.Id, view.ProviderId);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"0\"", read.Headers.ETag?.Tag);
        Assert.Equal([new ServiceLevelTarget("Availability", 99.9m, "%"), new ServiceLevelTarget("P1 resolution", 4, "hours")], (await read.ReadAsync<OfferingView>()).Targets);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal([new ServiceLevelTarget("Availability", 99.95m, "%")], (await updated.ReadAsync<OfferingView>()).Targets);
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={view.Id}");
        Assert.Equal(["Updated", "Created"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_target_named_twice_is_refused_with_400_naming_the_second()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");

        var response = await provider.Manager.PostJsonAsync("/api/v1/offerings", new
        {
            serviceId = service.Id, name = "Silver",
            targets = new[] { new { name = "Availability", target = 99.5m, unit = "%" }, new { name = "Availability", target = 99m, unit = "%" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["targets[1].name"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_unknown_service_is_refused_with_400_and_a_duplicate_name_with_409()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        await provider.OfferingAsync(service.Id, "Bronze");

        var unknown = await provider.Manager.PostJsonAsync("/api/v1/offerings", new { serviceId = Guid.NewGuid(), name = "Bronze" });
        var duplicate = await provider.Manager.PostJsonAsync("/api/v1/offerings", new { serviceId = service.Id, name = "Bronze" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["serviceId"], await unknown.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
    }

    [Fact]
    public async Task A_retired_service_takes_no_new_offerings()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Fax", "incident-management");
        await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"/api/v1/services/{service.Id}", new { name = "Fax", type = "Business", lifecycle = "Retired" }, "\"0\"");

        var response = await provider.Manager.PostJsonAsync("/api/v1/offerings", new { serviceId = service.Id, name = "Last chance" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task An_offering_with_subscriptions_cannot_be_deleted()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Subscriber");
        var service = await provider.ServiceAsync("Workplace", "incident-management");
        var offering = await provider.OfferingAsync(service.Id);
        await provider.SubscribeAsync(offering.Id, customer.Id);

        var response = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/v1/offerings/{offering.Id}", null, "\"0\"");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await provider.Manager.GetAsync($"/api/v1/offerings/{offering.Id}")).StatusCode);
    }
}
