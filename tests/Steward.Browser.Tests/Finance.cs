using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>
/// The provider manager sets the reporting currency, reads the P&amp;L and drills a labour figure
/// down to the work log behind it; sets up a practice and books a cost to it, and finds both in the
/// P&amp;L by practice.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class Finance(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task The_manager_drills_the_pnl_down_to_a_work_log_and_opens_its_incident()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/finance/rates");
        await page.Locator("#reporting-currency-code").FillAsync("EUR");
        await page.Locator("#reporting-currency-save").ClickAsync();
        await Assertions.Expect(page.Locator("#reporting-currency-code")).ToHaveValueAsync("EUR");

        await StewardServer.GotoReadyAsync(page, "/finance");
        await Assertions.Expect(page.Locator("#pnl-chart svg").First).ToBeVisibleAsync();
        // The demo logs work on every incident it resolves over the last 90 days, costed by the desk's rates.
        await page.Locator("#pnl-table tbody tr:not(.report-total) [data-drill='labour']").First.ClickAsync();
        var entry = page.Locator("#drill-rows tbody tr a").First;
        await Assertions.Expect(entry).ToContainTextAsync(new Regex("^INC\\d+: .+, \\d+ min$"));
        await entry.ClickAsync();
        await page.WaitForURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#record-state")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task The_manager_sets_up_a_practice_books_a_cost_to_it_and_reads_both_in_the_pnl_by_practice()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/finance/rates");
        await page.Locator("#reporting-currency-code").FillAsync("EUR");
        await page.Locator("#reporting-currency-save").ClickAsync();
        await Assertions.Expect(page.Locator("#reporting-currency-code")).ToHaveValueAsync("EUR");

        var name = "Security Practice " + Guid.NewGuid().ToString("N")[..6];
        await StewardServer.GotoReadyAsync(page, "/finance/practices/new");
        await page.Locator("#practice-name").FillAsync(name);
        await StewardServer.PickAsync(page, "#practice-champion", "Maya Lindqvist");
        await StewardServer.PickAsync(page, "#practice-services", "Security Monitoring");
        await StewardServer.CloseListsAsync(page);
        await page.Locator("#practice-budget").FillAsync("36500");
        await page.Locator("#practice-currency").FillAsync("EUR");
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(new Regex("/finance/practices/[0-9a-f-]{36}$"));

        await StewardServer.GotoReadyAsync(page, "/finance/costs");
        await page.Locator("#cost-amount").FillAsync("2500");
        await page.Locator("#cost-category").FillAsync("Practice marketing");
        await StewardServer.PickAsync(page, "#cost-practice", name);
        await page.Locator("#cost-save").ClickAsync();
        await Assertions.Expect(page.Locator("#costs tbody tr", new() { HasText = "Practice marketing" })).ToHaveCountAsync(1);

        await StewardServer.GotoReadyAsync(page, "/finance");
        // A select showing a value hides its input: open it by its field.
        await page.Locator("div.mud-select", new() { Has = page.Locator("#pnl-by") }).Last.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Practice", new() { Exact = true }).ClickAsync();
        var row = page.Locator("#pnl-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row.Locator("[data-cell='other']")).ToHaveTextAsync("2,500.00");
        // 36,500 a year is 100 a day: the default period is the last 90 days.
        await Assertions.Expect(row.Locator("[data-cell='budget']")).ToHaveTextAsync("9,000.00");
    }
}
