using System.Net;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>/api/v1/finance/costs: other costs booked to a service, a customer or a practice of the provider.</summary>
public sealed class CostsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_cost_in_a_currency_without_a_rate_is_recorded_read_back_and_journaled()
    {
        var f = await StartAsync(app);
        var customer = await f.Provider.CustomerAsync("Kestrel");

        var created = await f.Manager.PostJsonAsync(Costs, new
        {
            providerId = f.ProviderId, on = "2026-03-05", amount = 2000, currency = "CHF", category = " PostgreSQL certification course ", customerId = customer.Id,
        });
        var cost = await created.ReadAsync<JsonElement>();
        var read = await f.Manager.GetAsync($"{Costs}/{Id(cost)}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        var view = await read.ReadAsync<JsonElement>();
        Assert.Equal(("2026-03-05", 2000m, "CHF", "PostgreSQL certification course", customer.Id),
            (view.GetProperty("on").GetString(), view.GetProperty("amount").GetDecimal(), view.GetProperty("currency").GetString(),
             view.GetProperty("category").GetString(), view.GetProperty("customerId").GetGuid()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("serviceId").ValueKind);
        Assert.Equal(["Created"], await f.JournalAsync(Id(cost)));
    }

    [Theory]
    [InlineData("currency", "XYZ", 100)]
    [InlineData("currency", "eur", 100)]
    [InlineData("amount", "EUR", 0)]
    [InlineData("amount", "EUR", 2e12)]
    public async Task A_cost_with_an_unknown_currency_or_no_amount_is_refused_naming_the_field(string field, string currency, double amount)
    {
        var f = await StartAsync(app);
        var service = await f.Provider.ServiceAsync("Mail", "incident-management");

        var response = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = (decimal)amount, currency, category = "Travel", serviceId = service.Id });

        await AssertRefusedAsync(response, field);
    }

    [Fact]
    public async Task A_cost_is_booked_to_something_of_the_provider_or_refused_naming_what_is_not()
    {
        var f = await StartAsync(app);
        var other = await StartAsync(app);
        var foreignService = await other.Provider.ServiceAsync("Their mail", "incident-management");
        var foreignCustomer = await other.Provider.CustomerAsync("Not ours");
        var foreignPractice = await other.CreateAsync(Practices, new { providerId = other.ProviderId, name = "Theirs", championId = await other.PersonIdAsync(other.ProviderId) });
        var supplier = await f.Provider.SupplierAsync("Cloudrock");

        var nothing = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel" });
        var service = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel", serviceId = foreignService.Id });
        var customer = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel", customerId = foreignCustomer.Id });
        var notACustomer = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel", customerId = supplier.Id });
        var practice = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel", practiceId = foreignPractice });
        var provider = await f.Manager.PostJsonAsync(Costs, new { providerId = other.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "Travel", serviceId = foreignService.Id });
        var category = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 10, currency = "EUR", category = "two\nlines", customerId = foreignCustomer.Id });

        await AssertRefusedAsync(nothing, "serviceId");
        await AssertRefusedAsync(service, "serviceId");
        await AssertRefusedAsync(customer, "customerId");
        await AssertRefusedAsync(notACustomer, "customerId");
        await AssertRefusedAsync(practice, "practiceId");
        await AssertRefusedAsync(provider, "providerId");
        await AssertRefusedAsync(category, "category");
    }

    [Fact]
    public async Task A_credit_is_a_negative_cost_and_the_list_filters_by_day_and_booking()
    {
        var f = await StartAsync(app);
        var service = await f.Provider.ServiceAsync("Mail", "incident-management");
        var march = await f.CreateAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 1800, currency = "EUR", category = "Printers", serviceId = service.Id });
        var credit = await f.CreateAsync(Costs, new { providerId = f.ProviderId, on = "2026-04-02", amount = -300, currency = "EUR", category = "Printers", serviceId = service.Id });

        var inMarch = await (await f.Manager.GetAsync($"{Costs}?providerId={f.ProviderId}&from=2026-03-01&to=2026-03-31")).ReadAsync<JsonElement>();
        var ofService = await (await f.Manager.GetAsync($"{Costs}?serviceId={service.Id}")).ReadAsync<JsonElement>();
        var badDate = await f.Manager.GetAsync($"{Costs}?from=March");

        Assert.Equal([march], inMarch.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal([march, credit], ofService.GetProperty("items").EnumerateArray().Select(Id));
        await AssertRefusedAsync(badDate, "from");
    }

    [Fact]
    public async Task A_change_needs_the_current_etag_and_a_customers_service_owner_reads_nothing()
    {
        var f = await StartAsync(app);
        var customer = await f.Provider.CustomerAsync("Quay");
        var created = await f.Manager.PostJsonAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-05", amount = 50, currency = "EUR", category = "Visit", customerId = customer.Id });
        var id = Id(await created.ReadAsync<JsonElement>());
        var owner = await f.PersonAsync(customer.Id, Roles.ServiceOwner);
        var body = new { providerId = f.ProviderId, on = "2026-03-06", amount = 60, currency = "EUR", category = "Visit", customerId = customer.Id };

        var without = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Costs}/{id}", body, null);
        var changed = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Costs}/{id}", body, created.Headers.ETag!.Tag);
        var stale = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Costs}/{id}", body, created.Headers.ETag!.Tag);
        var seen = await owner.GetAsync($"{Costs}/{id}");
        var listed = await (await owner.GetAsync($"{Costs}?customerId={customer.Id}")).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(["Created", "Updated"], await f.JournalAsync(id));
    }
}
