using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Steward.Bench;

/// <summary>
/// How fast the people pages answer in a real browser (Debian's Chromium, headless, on loopback):
/// opening the list, paging forward, jumping to the last page and searching. Each time runs from
/// the user's action until the table shows the new rows, so it includes the Blazor circuit, the
/// database queries (a count and a page) and rendering.
/// </summary>
public static class UiTimings
{
    public const string Chromium = "/usr/bin/chromium";

    public sealed record Timing(string Action, List<double> Ms)
    {
        public double P50 => Percentile(0.50);
        public double P95 => Percentile(0.95);
        double Percentile(double p)
        {
            var sorted = Ms.Order().ToArray();
            return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        }
        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"ui {Action,-34} n={Ms.Count,3}  p50={P50,7:F0} p95={P95,7:F0} max={Ms.Max(),7:F0} ms");
    }

    /// <summary>A headless Chromium with one page signed in; disposing it closes the browser.</summary>
    public sealed class Session(IPlaywright playwright, IBrowser browser, IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public async ValueTask DisposeAsync()
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    public static async Task<Session> SignInAsync(Uri baseUri, string email, string password)
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var args = Environment.UserName == "root" ? new[] { "--no-sandbox" } : [];
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = args });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUri.ToString().TrimEnd('/'), ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#signed-in-name");
        return new Session(playwright, browser, page);
    }

    public static async Task<List<Timing>> RunAsync(Uri baseUri, string email, string password, string searchTerm, int samples)
    {
        await using var session = await SignInAsync(baseUri, email, password);
        var page = session.Page;

        var open = new Timing("open /people (first 25 of all)", []);
        var next = new Timing("next page", []);
        var last = new Timing("last page", []);
        var search = new Timing("search (incl. 300 ms debounce)", []);
        for (var i = -2; i < samples; i++) // two rounds of warm-up
        {
            var t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync("/people");
            var first = await FirstRowChangedAsync(page, null);
            Keep(open, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.ClickAsync(".mud-table-pagination-actions button:nth-child(3)");
            first = await FirstRowChangedAsync(page, first);
            Keep(next, i, t0);

            t0 = Stopwatch.GetTimestamp();
            await page.ClickAsync(".mud-table-pagination-actions button:nth-child(4)");
            await FirstRowChangedAsync(page, first);
            Keep(last, i, t0);

            await page.GotoAsync("/people");
            first = await FirstRowChangedAsync(page, null);
            await page.WaitForSelectorAsync("#ui-ready", new() { State = WaitForSelectorState.Attached });
            t0 = Stopwatch.GetTimestamp();
            await page.FillAsync(".mud-table-toolbar input", searchTerm);
            await FirstRowChangedAsync(page, first);
            Keep(search, i, t0);
        }
        return [open, next, last, search];
    }

    static void Keep(Timing timing, int round, long t0)
    {
        if (round >= 0) timing.Ms.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }

    /// <summary>Waits until the table's first data row shows text other than <paramref name="before"/>; returns it.</summary>
    static async Task<string> FirstRowChangedAsync(IPage page, string? before)
    {
        var handle = await page.WaitForFunctionAsync(
            "before => { const row = document.querySelector('.mud-table-body tr td'); const text = row && row.innerText.trim(); return text && text !== before ? text : null; }",
            before, new() { Timeout = 30_000, PollingInterval = 5 });
        return await handle.JsonValueAsync<string>();
    }
}
