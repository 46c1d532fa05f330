using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>The reporting currency and the dated exchange rates: read back, versioned, journaled, refused when wrong, and the provider's alone.</summary>
public sealed class RatesApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task The_reporting_currency_is_unset_until_put_under_if_match_and_then_versioned()
    {
        var f = await StartAsync(app);

        var unset = await f.Manager.GetAsync($"{Settings}/{f.ProviderId}");
        var without = await f.Manager.PutAsJsonAsync($"{Settings}/{f.ProviderId}", new { reportingCurrency = "EUR" }, StewardApp.Json);
        var set = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Settings}/{f.ProviderId}", new { reportingCurrency = "EUR" }, unset.Headers.ETag!.Tag);
        var stale = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Settings}/{f.ProviderId}", new { reportingCurrency = "GBP" }, unset.Headers.ETag!.Tag);
        var unknown = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Settings}/{f.ProviderId}", new { reportingCurrency = "eur" }, "*");
        var read = await (await f.Manager.GetAsync($"{Settings}/{f.ProviderId}")).ReadAsync<JsonElement>();

        Assert.Equal(JsonValueKind.Null, (await unset.ReadAsync<JsonElement>()).GetProperty("reportingCurrency").ValueKind);
        Assert.Equal("\"0\"", unset.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await AssertRefusedAsync(unknown, "reportingCurrency");
        Assert.Equal(("EUR", 1L), (read.GetProperty("reportingCurrency").GetString(), read.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task Settings_of_a_customer_or_of_a_provider_out_of_sight_are_not_found()
    {
        var f = await StartAsync(app);
        var other = await StartAsync(app);
        var customer = await f.Provider.CustomerAsync("Quay");

        var ofCustomer = await f.Manager.GetAsync($"{Settings}/{customer.Id}");
        var ofOther = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Settings}/{other.ProviderId}", new { reportingCurrency = "EUR" }, "*");

        Assert.Equal(HttpStatusCode.NotFound, ofCustomer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ofOther.StatusCode);
    }

    [Fact]
    public async Task A_rate_is_read_back_changed_under_its_etag_journaled_and_deleted()
    {
        var f = await StartAsync(app);

        var created = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.92m });
        var id = Id(await created.ReadAsync<JsonElement>());
        var changed = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Rates}/{id}", new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.925m }, created.Headers.ETag!.Tag);
        var stale = await f.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Rates}/{id}", null, created.Headers.ETag!.Tag);
        var read = await (await f.Manager.GetAsync($"{Rates}/{id}")).ReadAsync<JsonElement>();
        var deleted = await f.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Rates}/{id}", null, changed.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal((0.925m, "2026-03-01"), (read.GetProperty("rate").GetDecimal(), read.GetProperty("on").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["Created", "Updated", "Deleted"], await f.JournalAsync(id));
    }

    [Fact]
    public async Task A_second_rate_for_the_same_pair_and_day_conflicts_and_bad_rates_name_their_field()
    {
        var f = await StartAsync(app);
        await f.CreateAsync(Rates, new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.92m });

        var twice = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.93m });
        var nextDay = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-02", rate = 0.93m });
        var itself = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "EUR", to = "EUR", on = "2026-03-01", rate = 1 });
        var unknown = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "XYZ", to = "EUR", on = "2026-03-01", rate = 1 });
        var zero = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "GBP", to = "EUR", on = "2026-03-01", rate = 0 });
        var undated = await f.Manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "GBP", to = "EUR", rate = 1.17m });
        var customer = await f.Provider.CustomerAsync("Quay");
        var notProvider = await f.Manager.PostJsonAsync(Rates, new { providerId = customer.Id, from = "GBP", to = "EUR", on = "2026-03-01", rate = 1.17m });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Created, nextDay.StatusCode);
        await AssertRefusedAsync(itself, "to");
        await AssertRefusedAsync(unknown, "from");
        await AssertRefusedAsync(zero, "rate");
        await AssertRefusedAsync(undated, "on");
        await AssertRefusedAsync(notProvider, "providerId");
    }

    [Fact]
    public async Task A_customers_people_see_none_of_the_providers_rates_and_record_none()
    {
        var f = await StartAsync(app);
        var customer = await f.Provider.CustomerAsync("Quay");
        var id = await f.CreateAsync(Rates, new { providerId = f.ProviderId, from = "USD", to = "EUR", on = "2026-03-01", rate = 0.92m });
        var owner = await f.PersonAsync(customer.Id, Roles.ServiceOwner);
        var manager = await f.PersonAsync(customer.Id, Roles.ProviderManager);

        var list = await (await owner.GetAsync($"{Rates}?providerId={f.ProviderId}")).ReadAsync<JsonElement>();
        var one = await owner.GetAsync($"{Rates}/{id}");
        var settings = await owner.GetAsync($"{Settings}/{f.ProviderId}");
        var record = await manager.PostJsonAsync(Rates, new { providerId = f.ProviderId, from = "GBP", to = "EUR", on = "2026-03-01", rate = 1.17m });

        Assert.Empty(list.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, one.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);
        await AssertRefusedAsync(record, "providerId");
    }
}
