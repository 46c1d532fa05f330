using System.Diagnostics;
using Microsoft.Playwright;

namespace Steward.Bench;

/// <summary>
/// The sourcing pages in a real browser (Debian's Chromium, headless, on loopback) against a server
/// holding the data set (seed it with <c>sourcing-seed</c>). "Interactive" is measured from the
/// navigation until the circuit is up (<c>#ui-ready</c>) and the page shows its data: the matrix its
/// rows and kinds, the dialog its steps, the dashboard its chart, the profile its services. Each page is
/// a full load (a new circuit) except the customer switch, which navigates inside the running circuit
/// as the page's customer picker does.
/// </summary>
public static class SourcingUiTimings
{
    public static async Task<List<UiTimings.Timing>> RunAsync(Uri baseUri, string email, string password, Guid provider, IReadOnlyList<Guid> customers, int samples)
    {
        await using var session = await UiTimings.SignInAsync(baseUri, email, password);
        var page = session.Page;
        var floor = new UiTimings.Timing("floor: home page, full load", []);
        var oneCustomer = new UiTimings.Timing("matrix, one customer: interactive", []);
        var switched = new UiTimings.Timing("matrix, switch customer in the page", []);
        var dialog = new UiTimings.Timing("matrix cell dialog: open with steps", []);
        var wide = new UiTimings.Timing("matrix, every customer: interactive", []);
        var dashboard = new UiTimings.Timing("dashboard: interactive with chart", []);
        var profile = new UiTimings.Timing("profile, one customer: interactive", []);
        for (var i = -2; i < samples; i++) // two rounds of warm-up
        {
            var customer = customers[(i + 2) % customers.Count];
            // What any page costs to load and start its circuit here, for comparison: a small page of the same app.
            var t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync("/");
            await InteractiveAsync(page, ".mud-main-content h4");
            Keep(floor, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync($"/sourcing/matrix?provider={provider}&customer={customer}");
            await InteractiveAsync(page, "#sourcing-matrix tbody tr .kind-chip");
            Keep(oneCustomer, i, t0);

            // What a manager does all day: pick another customer on the page; the circuit is already up.
            var other = customers[(i + 3) % customers.Count];
            t0 = Stopwatch.GetTimestamp();
            await page.EvaluateAsync("url => Blazor.navigateTo(url)", $"/sourcing/matrix?provider={provider}&customer={other}");
            await page.WaitForSelectorAsync($"#sourcing-matrix[data-customer='{other}'] tbody tr .kind-chip", new() { Timeout = 60_000 });
            Keep(switched, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.Locator("#sourcing-matrix tbody tr td.cell button").First.ClickAsync();
            await page.Locator("#assignment-dialog [data-step]").First.WaitForAsync();
            Keep(dialog, i, t0);
            await page.Keyboard.PressAsync("Escape");

            t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync($"/sourcing/matrix?provider={provider}");
            await InteractiveAsync(page, "#sourcing-matrix tbody tr .kind-bar");
            Keep(wide, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync($"/sourcing?provider={provider}");
            await InteractiveAsync(page, "#kinds-chart svg");
            Keep(dashboard, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync($"/sourcing/profile?provider={provider}&customer={customer}");
            await InteractiveAsync(page, "[data-service] .kind-chip");
            Keep(profile, i, t0);
        }
        return [floor, oneCustomer, switched, dialog, wide, dashboard, profile];
    }

    /// <summary>The circuit is up and, in the interactive render, the data is on the page (not the prerendered copy).</summary>
    static async Task InteractiveAsync(IPage page, string dataSelector)
    {
        await page.WaitForSelectorAsync("#ui-ready", new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.WaitForSelectorAsync(dataSelector, new() { Timeout = 60_000 });
        await page.WaitForSelectorAsync(".mud-progress-linear", new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });
    }

    static void Keep(UiTimings.Timing timing, int round, long t0)
    {
        if (round >= 0) timing.Ms.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }
}
