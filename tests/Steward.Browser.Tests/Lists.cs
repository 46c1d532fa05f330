using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>Steps on the searchable list pages that several journeys share.</summary>
static class Lists
{
    /// <summary>
    /// Types into a list's search box and waits until the table shows only matching rows. Clicking
    /// before the debounced reload lands would hit the unfiltered rows, which the reload then moves:
    /// the click falls on another row or on empty space.
    /// </summary>
    public static async Task SearchAsync(IPage page, string text)
    {
        await page.GetByPlaceholder("Search by name").FillAsync(text);
        var rows = page.Locator("table tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasNotText = text })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First).ToContainTextAsync(text);
    }

    /// <summary>Finds a record through its list's search and opens it.</summary>
    public static async Task OpenAsync(IPage page, string list, string name)
    {
        await StewardServer.GotoReadyAsync(page, list);
        await SearchAsync(page, name);
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
    }
}
