namespace Steward.Browser.Tests;

/// <summary>Writes screenshots of key pages for a person to look at; set STEWARD_SCREENSHOTS to a folder to enable.</summary>
[Collection(ServerCollection.Name)]
public sealed class Screenshots(StewardServer server)
{
    [BrowserFact]
    public async Task Key_pages_are_captured_when_asked()
    {
        var folder = Environment.GetEnvironmentVariable("STEWARD_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder)) return;
        Directory.CreateDirectory(folder);
        var page = await server.SignedInPageAsync("admin@steward.local", server.AdminPassword);

        foreach (var (path, file) in new[] { ("/", "home"), ("/organizations", "organizations"), ("/people", "people"), ("/teams", "teams"), ("/audit", "audit"), ("/me/tokens", "tokens"),
            ("/services", "services"), ("/subscriptions", "subscriptions"), ("/processes", "processes"), ("/incidents", "incidents"), ("/requests", "requests"), ("/portal", "portal"), ("/portal/mine", "portal-mine"), ("/catalog", "catalog"),
            ("/sla/policies", "sla-policies"), ("/sla/policies/new", "sla-policy-new"), ("/reports", "reports"), ("/reports/parties", "reports-parties") })
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await StewardServer.GotoReadyAsync(page, path);
            if (path != "/") await page.Locator("#page-title").WaitForAsync();
            await page.WaitForTimeoutAsync(1500);
            Console.WriteLine($"{path}: interactive in {started.ElapsedMilliseconds - 1500} ms or less");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file + ".png"), FullPage = true });
        }
        await TimeSearchAsync(page, folder);
        await page.Context.CloseAsync();
    }

    static async Task TimeSearchAsync(Microsoft.Playwright.IPage page, string folder)
    {
        await StewardServer.GotoReadyAsync(page, "/people");
        await page.Locator("table tbody tr a").First.WaitForAsync();
        var started = System.Diagnostics.Stopwatch.StartNew();
        await page.GetByPlaceholder("Search by name").FillAsync("Maya");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("table tbody tr a").First).ToContainTextAsync("Maya");
        Console.WriteLine($"people search: {started.ElapsedMilliseconds} ms including the 300 ms debounce");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "people-search.png") });
        await page.GetByPlaceholder("Search by name").FillAsync("");
        await page.WaitForTimeoutAsync(1000);
        var firstRow = await page.Locator("table tbody tr a").First.InnerTextAsync();
        started.Restart();
        await page.Locator(".mud-table-pagination-actions button").Nth(2).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("table tbody tr a").First).Not.ToHaveTextAsync(firstRow);
        Console.WriteLine($"people next page: {started.ElapsedMilliseconds} ms");
    }
}
