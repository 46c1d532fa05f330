using System.Net;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Finance.FinanceBuilder;

namespace Steward.Server.Tests.Finance;

/// <summary>/api/v1/practices: professional consulting practices with a champion, a market, services, communities and a budget.</summary>
public sealed class PracticesApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_practice_is_read_back_with_its_champion_market_services_communities_and_budget()
    {
        var f = await StartAsync(app);
        var champion = await f.PersonIdAsync(f.ProviderId, Roles.ProviderManager);
        var harbor = await f.Provider.CustomerAsync("Harbor");
        var alder = await f.Provider.CustomerAsync("Alder");
        var workplace = await f.Provider.ServiceAsync("Managed Workplace", "incident-management");
        var circle = await f.CommunityAsync("ITIL 4 Practice Circle");

        var created = await f.Manager.PostJsonAsync(Practices, new
        {
            providerId = f.ProviderId, name = "Workplace Services", championId = champion, objective = "Run the desks our customers rely on.",
            targetCustomerIds = new[] { harbor.Id, alder.Id, harbor.Id }, serviceIds = new[] { workplace.Id }, communityIds = new[] { circle },
            yearlyBudget = 420000, budgetCurrency = "EUR",
        });
        var practice = await created.ReadAsync<JsonElement>();
        var read = await f.Manager.GetAsync($"{Practices}/{Id(practice)}");
        var byService = await (await f.Manager.GetAsync($"{Practices}?serviceId={workplace.Id}")).ReadAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        var view = await read.ReadAsync<JsonElement>();
        Assert.Equal(("Workplace Services", champion, 420000m, "EUR"), (view.GetProperty("name").GetString(), view.GetProperty("championId").GetGuid(),
            view.GetProperty("yearlyBudget").GetDecimal(), view.GetProperty("budgetCurrency").GetString()));
        Assert.Equal([harbor.Id, alder.Id], view.GetProperty("targetCustomerIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([workplace.Id], view.GetProperty("serviceIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([circle], view.GetProperty("communityIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([Id(practice)], byService.GetProperty("items").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task A_service_belongs_to_one_practice_and_is_free_again_once_taken_out()
    {
        var f = await StartAsync(app);
        var champion = await f.PersonIdAsync(f.ProviderId);
        var service = await f.Provider.ServiceAsync("Database expertise", "incident-management");
        var first = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Data", championId = champion, serviceIds = new[] { service.Id } });
        var firstId = Id(await first.ReadAsync<JsonElement>());

        var second = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Platform", championId = champion, serviceIds = new[] { service.Id } });
        var released = await f.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Practices}/{firstId}", new { providerId = f.ProviderId, name = "Data", championId = champion }, first.Headers.ETag!.Tag);
        var again = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Platform", championId = champion, serviceIds = new[] { service.Id } });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("'Data'", await second.ProblemDetailAsync());
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Empty((await released.ReadAsync<JsonElement>()).GetProperty("serviceIds").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task What_a_practice_names_must_be_the_providers_or_the_field_is_named()
    {
        var f = await StartAsync(app);
        var other = await StartAsync(app);
        var champion = await f.PersonIdAsync(f.ProviderId);
        var customer = await f.Provider.CustomerAsync("Harbor");
        var customersPerson = await f.PersonIdAsync(customer.Id);
        var foreignCustomer = await other.Provider.CustomerAsync("Elsewhere");
        var foreignService = await other.Provider.ServiceAsync("Theirs", "incident-management");
        var foreignCommunity = await other.CommunityAsync("Their guild");
        object Body(object? championId = null, Guid[]? customers = null, Guid[]? services = null, Guid[]? communities = null, decimal? budget = null, string? currency = null) =>
            new { providerId = f.ProviderId, name = "P " + Guid.NewGuid().ToString("N")[..6], championId = championId ?? champion, targetCustomerIds = customers, serviceIds = services,
                communityIds = communities, yearlyBudget = budget, budgetCurrency = currency };

        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(championId: customersPerson)), "championId");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(customers: [customer.Id, foreignCustomer.Id])), "targetCustomerIds[1]");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(services: [foreignService.Id])), "serviceIds[0]");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(communities: [foreignCommunity])), "communityIds[0]");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(budget: 1000)), "budgetCurrency");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(currency: "EUR")), "yearlyBudget");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, Body(budget: 1000, currency: "EURO")), "budgetCurrency");
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, new { providerId = customer.Id, name = "X", championId = champion }), "providerId");
        await f.CreateAsync(Practices, new { providerId = f.ProviderId, name = "Workplace", championId = champion });
        await AssertRefusedAsync(await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = " workplace ", championId = champion }), "name");
    }

    [Fact]
    public async Task A_practice_with_costs_is_archived_not_deleted_and_an_unused_one_goes_with_its_services()
    {
        var f = await StartAsync(app);
        var champion = await f.PersonIdAsync(f.ProviderId);
        var service = await f.Provider.ServiceAsync("Mail", "incident-management");
        var used = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Used", championId = champion });
        var usedId = Id(await used.ReadAsync<JsonElement>());
        await f.CreateAsync(Costs, new { providerId = f.ProviderId, on = "2026-03-01", amount = 2500, currency = "EUR", category = "Practice marketing", practiceId = usedId });
        var unused = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Unused", championId = champion, serviceIds = new[] { service.Id } });

        var refused = await f.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Practices}/{usedId}", null, used.Headers.ETag!.Tag);
        var archived = await f.Manager.SendWithIfMatchAsync(HttpMethod.Post, $"{Practices}/{usedId}/archive", null, used.Headers.ETag!.Tag);
        var deleted = await f.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Practices}/{Id(await unused.ReadAsync<JsonElement>())}", null, unused.Headers.ETag!.Tag);
        var listed = await (await f.Manager.GetAsync($"{Practices}?providerId={f.ProviderId}")).ReadAsync<JsonElement>();
        var withArchived = await (await f.Manager.GetAsync($"{Practices}?providerId={f.ProviderId}&includeArchived=true")).ReadAsync<JsonElement>();
        var reuse = await f.Manager.PostJsonAsync(Practices, new { providerId = f.ProviderId, name = "Mail", championId = champion, serviceIds = new[] { service.Id } });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Equal([usedId], withArchived.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(HttpStatusCode.Created, reuse.StatusCode);
    }

    [Fact]
    public async Task A_customers_people_see_no_practice_and_roles_without_finance_change_none()
    {
        var f = await StartAsync(app);
        var customer = await f.Provider.CustomerAsync("Harbor");
        var id = await f.CreateAsync(Practices, new { providerId = f.ProviderId, name = "Workplace", championId = await f.PersonIdAsync(f.ProviderId), yearlyBudget = 1000, budgetCurrency = "EUR" });
        var owner = await f.PersonAsync(customer.Id, Roles.ServiceOwner);
        var serviceOwner = await f.PersonAsync(f.ProviderId, Roles.ServiceOwner);
        var agent = await f.PersonAsync(f.ProviderId, Roles.Agent);

        var seen = await owner.GetAsync($"{Practices}/{id}");
        var listed = await (await owner.GetAsync(Practices)).ReadAsync<JsonElement>();
        var read = await serviceOwner.GetAsync($"{Practices}/{id}");
        var changed = await serviceOwner.SendWithIfMatchAsync(HttpMethod.Post, $"{Practices}/{id}/archive", null, "*");
        var byAgent = await agent.GetAsync($"{Practices}/{id}");

        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Empty(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
    }
}
