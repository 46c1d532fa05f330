using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>The SLA policy editor: the API's rules at the field, and a saved policy in the list.</summary>
[Collection(ServerCollection.Name)]
public sealed class SlaPolicies(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_manager_writes_targets_per_priority_is_told_which_one_is_wrong_and_saves_the_policy()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sla/policies/new");
        var name = "Weekend cover " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("#policy-name").FillAsync(name);
        var p2 = page.Locator("#policy-targets [data-priority='2']");
        await p2.Locator(".target-response input").FillAsync("PT30M");
        await p2.Locator(".target-resolution input").FillAsync("P1M");   // a month is no fixed business time
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(p2).ToContainTextAsync("Years and months");

        await p2.Locator(".target-resolution input").FillAsync("PT6H");
        // Only for the workplace service's Gold customers.
        await StewardServer.PickAsync(page, "#policy-offerings", "Managed Workplace · Gold");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("#add-escalation").ClickAsync();
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/sla/policies/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);

        await StewardServer.GotoReadyAsync(page, "/sla/policies");
        var row = page.Locator("#policy-table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("30m / 6h");
        await Assertions.Expect(row).ToContainTextAsync("round the clock");
        await Assertions.Expect(row).ToContainTextAsync("1 offering(s)");
    }
}
