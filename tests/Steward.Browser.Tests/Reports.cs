using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>The reports over the demo's ninety days: charts and rows on first start, the per-party page, a download, and a customer's narrower view.</summary>
[Collection(ServerCollection.Name)]
public sealed class Reports(StewardServer server)
{
    const string Agent = "tom.okafor@meridian.example";
    const string Requester = "peter.vance@harbor-logistics.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task An_agent_sees_compliance_charts_and_rows_each_partys_results_and_downloads_the_export()
    {
        var page = await server.SignedInPageAsync(Agent, Password);
        await StewardServer.GotoReadyAsync(page, "/reports");

        await Assertions.Expect(page.Locator("#compliance-chart svg").First).ToBeVisibleAsync();
        var rows = page.Locator("#compliance-table tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "Managed Workplace" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Filter(new() { HasText = "Clinical Systems Support" })).ToHaveCountAsync(1);
        await Assertions.Expect(rows.Last).ToContainTextAsync("Total");
        await Assertions.Expect(rows.Last.Locator("[data-cell='resolution']")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9]+\\.[0-9] %$"));

        await page.Locator(".mud-tab", new() { HasText = "Backlog and ageing" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ageing-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#flow-chart svg").First).ToBeVisibleAsync();

        await StewardServer.GotoReadyAsync(page, "/reports/parties");
        var parties = page.Locator("#parties-table tr.report-party");
        await Assertions.Expect(parties.Filter(new() { HasText = "Network Operations" })).ToHaveCountAsync(1);
        await Assertions.Expect(parties.Filter(new() { HasText = "Sabine Consulting" }).First).ToContainTextAsync("Underpinning contract");
        await Assertions.Expect(page.Locator("#parties-chart svg").First).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-export='parties-csv']").ClickAsync());
        Assert.Matches("^steward-parties-[0-9]{4}-[0-9]{2}-[0-9]{2}-to-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.csv$", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Party,Organization,Agreement,", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("Network Operations", text, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_requester_sees_only_the_own_organizations_records()
    {
        var page = await server.SignedInPageAsync(Requester, Password);
        await StewardServer.GotoReadyAsync(page, "/reports?by=customer");

        var rows = page.Locator("#compliance-table tbody tr:not(.report-total)");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Harbor Logistics");
        await Assertions.Expect(page.Locator("#report-customer")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
