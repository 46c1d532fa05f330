using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>Each role signs in and lands on its own home, with a menu of what it may use.</summary>
[Collection(ServerCollection.Name)]
public sealed class Homes(StewardServer server)
{
    const string Password = "Steward-demo-2026!";

    /// <summary>The provider's tools, none of which a customer's person is offered.</summary>
    static readonly string[] ProviderNavigation = ["/incidents", "/requests", "/reports", "/organizations", "/people", "/teams", "/cost-rates",
        "/services", "/subscriptions", "/catalog", "/processes", "/sourcing", "/sla/policies", "/audit", "/satisfaction"];

    /// <summary>Signs in and waits until the home is live; the menu's links by address.</summary>
    async Task<(IPage Page, List<string> Menu)> HomeOfAsync(string email, string? secret = null)
    {
        var page = await server.SignedInPageAsync(email, secret ?? Password);
        await StewardServer.GotoReadyAsync(page, "/");
        await page.Locator("#main-menu").WaitForAsync();
        var menu = new List<string>();
        foreach (var link in await page.Locator("#main-menu [data-href]").AllAsync())
            menu.Add((await link.GetAttributeAsync("data-href"))!);
        return (page, menu);
    }

    static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STEWARD_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"home-{name}.png"), FullPage = true });
        }
    }

    [BrowserFact]
    public async Task A_customers_requester_lands_in_the_portal_with_only_the_portals_menu_and_searches_the_catalogue()
    {
        var (page, menu) = await HomeOfAsync("ingrid.deboer@harbor-logistics.example");

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("How can we help?");
        Assert.Equal(["/", "/incidents/new", "/portal/mine", "/portal/surveys", "/me/tokens"], menu);
        Assert.Empty(ProviderNavigation.Intersect(menu));
        await Assertions.Expect(page.Locator("#main-menu")).Not.ToContainTextAsync("Service desk");
        await Assertions.Expect(page.Locator("#report-incident")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-item='New laptop']")).ToBeVisibleAsync();
        await ShotAsync(page, "customer");

        await page.Locator("#portal-search").FillAsync("LAPTOP");
        await Assertions.Expect(page.Locator("#portal-answers [data-hit='New laptop']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#catalogue")).ToHaveCountAsync(0);
        await ShotAsync(page, "customer-search");
        await page.Locator("#portal-search").FillAsync("no such thing anywhere");
        await Assertions.Expect(page.Locator("#portal-nothing")).ToBeVisibleAsync();

        // The journal is not theirs to read, whatever address they type.
        await StewardServer.GotoReadyAsync(page, "/audit");
        await Assertions.Expect(page.Locator("#not-for-you")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_agent_lands_on_my_work()
    {
        var (page, menu) = await HomeOfAsync("priya.raman@meridian.example");

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("My work");
        foreach (var section in new[] { "#home-assigned", "#home-team-queue", "#home-clocks", "#home-approvals" })
            await Assertions.Expect(page.Locator(section)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#home-team-queue [data-team]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#home-team-queue .mud-progress-linear")).ToHaveCountAsync(0);
        Assert.Contains("/incidents", menu);
        Assert.Contains("/requests", menu);
        Assert.DoesNotContain("/cost-rates", menu);
        await ShotAsync(page, "agent");

        await StewardServer.GotoReadyAsync(page, "/cost-rates");
        await Assertions.Expect(page.Locator("#not-for-you")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_provider_manager_lands_on_the_sourcing_dashboard()
    {
        var (page, menu) = await HomeOfAsync("maya.lindqvist@meridian.example");

        await Assertions.Expect(page.Locator("#home-sourcing")).ToContainTextAsync("What Meridian Managed Services really delivers");
        await Assertions.Expect(page.Locator("#home-kinds-chart svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#home-backlog-chart svg")).ToBeVisibleAsync();
        Assert.Empty(ProviderNavigation.Except(menu));
        await ShotAsync(page, "provider-manager");

        await page.Locator("#home-sourcing").GetByText("Sourcing dashboard").ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Sourcing dashboard");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_auditor_lands_on_compliance_and_reads_without_self_service()
    {
        var (page, menu) = await HomeOfAsync("grace.liu@meridian.example");

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Compliance");
        await Assertions.Expect(page.Locator("#home-compliance-chart svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#home-scope")).ToContainTextAsync("ISO/IEC 20000-1 scope of Meridian Managed Services");
        await Assertions.Expect(page.Locator("#home-journal tbody tr").First).ToBeVisibleAsync();
        Assert.Contains("/audit", menu);
        Assert.DoesNotContain("/portal", menu);
        await ShotAsync(page, "auditor");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_service_owner_lands_on_the_services_they_own()
    {
        var (page, menu) = await HomeOfAsync("olivia.bennett@meridian.example");

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("My services and processes");
        await Assertions.Expect(page.Locator("#home-my-services [data-service='Managed Workplace']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#home-service-work")).ToBeVisibleAsync();
        Assert.Contains("/services", menu);
        await ShotAsync(page, "service-owner");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_administrator_lands_on_the_overview_with_every_tool()
    {
        var (page, menu) = await HomeOfAsync("admin@steward.local", server.AdminPassword);

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Welcome to Steward");
        await Assertions.Expect(page.Locator("#home-overview")).ToContainTextAsync("Organizations");
        await Assertions.Expect(page.Locator("#home-journal")).ToBeVisibleAsync();
        Assert.Empty(ProviderNavigation.Except(menu));
        await ShotAsync(page, "administrator");
        await page.Context.CloseAsync();
    }
}
