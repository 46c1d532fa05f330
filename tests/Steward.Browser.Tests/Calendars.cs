using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>The business-calendar editor: the week view follows the intervals, the form refuses what the API refuses, and a due date can be tried.</summary>
[Collection(ServerCollection.Name)]
public sealed class Calendars(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_manager_adds_a_night_shift_sees_it_cross_into_Sunday_and_counts_a_due_date_over_it()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sla/calendars/new");
        var name = "Night desk " + Guid.NewGuid().ToString("N")[..6];

        await page.Locator("#calendar-name").FillAsync(name);
        await page.Locator("#add-interval").ClickAsync();
        var saturday = page.Locator(".interval-row[data-index='5']");
        await saturday.Locator(".interval-start input").FillAsync("22:00");
        await saturday.Locator(".interval-end input").FillAsync("06:00");
        await Assertions.Expect(page.Locator("#week-view [data-day='Sunday'] .week-block")).ToHaveTextAsync("Sat 22:00–06:00");
        await page.Locator("#save").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/sla/calendars/[0-9a-f-]{36}$"));

        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
        await page.Locator("#try-start").FillAsync("2026-12-05T23:00");   // Saturday night, GMT
        await page.Locator("#try-duration").FillAsync("PT4H");
        await page.Locator("#try-due").ClickAsync();
        await Assertions.Expect(page.Locator("#try-answer")).ToContainTextAsync("Sunday 6 December 2026, 03:00");

        // A Sunday morning interval that starts before the night shift ends is refused, as the API refuses it.
        await page.Locator("#add-interval").ClickAsync();
        var sunday = page.Locator(".interval-row[data-index='6']");
        await sunday.Locator(".interval-start input").FillAsync("05:00");
        await sunday.Locator(".interval-end input").FillAsync("07:00");
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#hours-problem")).ToContainTextAsync("overlap");

        await StewardServer.GotoReadyAsync(page, "/sla/calendars");
        await Assertions.Expect(page.Locator("#calendar-table tbody tr", new() { HasText = name })).ToContainTextAsync("48 h");
    }
}
