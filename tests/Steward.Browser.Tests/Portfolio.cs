using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

[Collection(ServerCollection.Name)]
public sealed class Portfolio(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string DemoPassword = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_provider_manager_builds_a_service_subscribes_a_customer_and_cannot_drop_a_process_that_sourcing_uses()
    {
        var name = $"Browser Service {Guid.NewGuid():N}"[..30];
        var page = await server.SignedInPageAsync(Manager, DemoPassword);

        await StewardServer.GotoReadyAsync(page, "/services/new");
        await page.Locator("#service-name").FillAsync(name);
        await page.Locator("#processes-none").ClickAsync();
        await page.GetByLabel("Incident management", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Change management", new() { Exact = true }).CheckAsync();
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
        var serviceId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        await page.GetByRole(AriaRole.Tab, new() { Name = "Processes (2)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Change management", Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Offerings") }).ClickAsync();
        await page.Locator("#add-offering").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("#offering-name").FillAsync("Standard");
        await dialog.Locator(".target-name input").FillAsync("Availability");
        await dialog.Locator(".target-value input").FillAsync("99.5");
        await dialog.Locator(".target-unit input").FillAsync("%");
        await dialog.Locator("#save-offering").ClickAsync();
        var card = page.Locator(".offering-card", new() { HasText = "Standard" });
        await Assertions.Expect(card).ToContainTextAsync("Availability");
        await Assertions.Expect(card).ToContainTextAsync("99.5 %");

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new("^Subscriptions") }).ClickAsync();
        await page.Locator("#new-subscription").ClickAsync();
        await page.WaitForSelectorAsync("#subscription-customer");
        await page.Locator("#subscription-customer").FillAsync("Kestrel");
        await page.GetByText("Kestrel Financial", new() { Exact = true }).ClickAsync();
        // On a busy machine the pick reaches the circuit after the click returns: saving before it would send no customer.
        await Assertions.Expect(page.Locator("#subscription-customer")).ToHaveValueAsync("Kestrel Financial");
        await page.Locator("#subscription-amount").FillAsync("1500");
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains($"/services/{serviceId}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#subscription-table")).ToContainTextAsync("Kestrel Financial");
        await Assertions.Expect(page.Locator("#subscription-table")).ToContainTextAsync("1,500.00 EUR per month");

        await StewardServer.GotoReadyAsync(page, "/services");
        await page.Locator("#customer-filter").FillAsync("Kestrel");
        await page.GetByText("Kestrel Financial", new() { Exact = true }).ClickAsync();
        var row = page.Locator("#customer-service-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Standard");

        using (var api = await ApiClientAsync(page))
        {
            var service = await api.GetFromJsonAsync<JsonElement>($"/api/v1/services/{serviceId}");
            var assigned = await api.PostAsJsonAsync("/api/v1/sourcing/assignments", new
            {
                serviceId, processKey = "change-management", performerId = service.GetProperty("providerId").GetGuid(),
            });
            Assert.True(assigned.IsSuccessStatusCode, await assigned.Content.ReadAsStringAsync());
        }
        await StewardServer.GotoReadyAsync(page, $"/services/{serviceId}/edit");
        await page.GetByLabel("Change management", new() { Exact = true }).UncheckAsync();
        await page.Locator("#save").ClickAsync();

        await Assertions.Expect(page.Locator("#form-problem")).ToContainTextAsync(
            "Sourcing assignments of this service still name change-management; delete them before removing the process.");
        Assert.EndsWith("/edit", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_auditor_reads_the_portfolio_without_the_buttons_that_change_it()
    {
        var page = await server.SignedInPageAsync("grace.liu@meridian.example", DemoPassword);

        await Lists.OpenAsync(page, "/services", "Managed Workplace");
        await Assertions.Expect(page.Locator("#sourcing-matrix")).ToBeVisibleAsync();

        await Assertions.Expect(page.Locator("#edit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#delete")).ToHaveCountAsync(0);
        await StewardServer.GotoReadyAsync(page, "/services");
        await Assertions.Expect(page.Locator("#new-service")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_customers_service_owner_sees_only_the_services_it_subscribes_to()
    {
        var page = await server.SignedInPageAsync("peter.vance@harbor-logistics.example", DemoPassword);

        await StewardServer.GotoReadyAsync(page, "/services");

        var rows = page.Locator("#service-table tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("Managed Workplace");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#new-service")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    /// <summary>An API client acting as the signed-in person, with a token they create on their tokens page (as a user would).</summary>
    async Task<HttpClient> ApiClientAsync(IPage page)
    {
        await StewardServer.GotoReadyAsync(page, "/me/tokens");
        await page.Locator("#token-name").FillAsync($"browser test {Guid.NewGuid():N}"[..24]);
        await page.Locator("#create-token").ClickAsync();
        var secret = page.Locator("#token-secret");
        await Assertions.Expect(secret).ToContainTextAsync("stw_");
        var client = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await secret.InnerTextAsync()).Trim());
        return client;
    }
}
