using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>
/// The real server as a child process on a free loopback port with a fresh data directory and demo
/// data, plus one headless Chromium (the system's; Playwright never downloads a browser here).
/// </summary>
public sealed partial class StewardServer : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    readonly StringBuilder output = new();
    readonly TaskCompletionSource<string> password = new(TaskCreationOptions.RunContinuationsAsynchronously);
    Process? server;
    IPlaywright? playwright;
    string dataDirectory = "";

    public string BaseUrl { get; private set; } = "";
    public string AdminPassword { get; private set; } = "";
    IBrowser? browser;

    /// <summary>The browser; a missing Chromium fails here, with the reason, when the test was not skipped (CI=true).</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException(
        $"Chromium is missing at {ChromiumPath} and CI=true, so the browser tests fail instead of skipping. Install the chromium package on the CI image.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        // STEWARD_BASE_URL (with STEWARD_ADMIN_PASSWORD) points the tests at a running server instead,
        // e.g. one loaded with 100,000 people to look at list performance.
        if (Environment.GetEnvironmentVariable("STEWARD_BASE_URL") is { Length: > 0 } external)
        {
            BaseUrl = external.TrimEnd('/');
            AdminPassword = Environment.GetEnvironmentVariable("STEWARD_ADMIN_PASSWORD") ?? "";
            await LaunchBrowserAsync();
            return;
        }
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        dataDirectory = Directory.CreateTempSubdirectory("steward-browser-").FullName;

        var dll = Path.Combine(AppContext.BaseDirectory, "Steward.Server.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        start.Environment["Steward__DataDirectory"] = dataDirectory;
        start.Environment["Steward__DemoData"] = "true";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        await LaunchBrowserAsync();
        server = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        server.OutputDataReceived += (_, e) => Collect(e.Data, fromStdout: true);
        server.ErrorDataReceived += (_, e) => Collect(e.Data, fromStdout: false);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        // The first start replays the demo data: a person opening Steward meanwhile (recorded for PreparingPageTests).
        await WaitUntilAsync("health");
        Preparing = await OpenWhilePreparingAsync();
        await WaitUntilAsync("ready");
        AdminPassword = await password.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Preparing = Preparing with { After = await Preparing.WaitForAfterAsync() };
    }

    /// <summary>What a browser showed when it opened Steward during the first start, and where it was once the server was ready.</summary>
    public PreparingObservation? Preparing { get; private set; }

    public sealed record PreparingObservation(IPage Page, int Status, string Title, string Text, string? After)
    {
        /// <summary>The page reloads itself when /ready answers 200; the sign-in page is where it lands.</summary>
        internal async Task<string?> WaitForAfterAsync()
        {
            try
            {
                await Page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
                await Page.WaitForSelectorAsync("#email");
                return Page.Url;
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    async Task<PreparingObservation> OpenWhilePreparingAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("/");
        return new PreparingObservation(page, response?.Status ?? 0, await page.TitleAsync(), await page.InnerTextAsync("body"), null);
    }

    async Task LaunchBrowserAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    void Collect(string? line, bool fromStdout)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (fromStdout && PasswordLine().Match(line) is { Success: true } m)
            password.TrySetResult(m.Groups[1].Value);
    }

    async Task WaitUntilAsync(string probe)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (server!.HasExited)
                throw new InvalidOperationException($"The server exited with {server.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync(new Uri($"{BaseUrl}/{probe}"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(probe == "health" ? 20 : 250);
        }
        throw new TimeoutException($"/{probe} did not answer within 90 s:\n{Output}");
    }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>A fresh browser context (own cookies) with a page signed in as the given person.</summary>
    public async Task<IPage> SignedInPageAsync(string email, string secret)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", secret);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#signed-in-name");
        return page;
    }

    /// <summary>Opens a MudSelect (by a selector of its input) and clicks the option with exactly this text.</summary>
    public static async Task PickAsync(IPage page, string select, string option)
    {
        await page.Locator(select).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    /// <summary>
    /// Closes an open list (a multi-select stays open after a pick): Escape, and if the circuit was
    /// still busy with the pick and the list stayed open, a click outside it, on its overlay.
    /// </summary>
    public static async Task CloseListsAsync(IPage page)
    {
        var open = page.Locator(".mud-popover-open");
        for (var attempt = 0; attempt < 5 && await open.CountAsync() > 0; attempt++)
        {
            if (attempt == 0) await page.Keyboard.PressAsync("Escape");
            else await page.Mouse.ClickAsync(2, 2);
            try
            {
                await Assertions.Expect(open).ToHaveCountAsync(0, new() { Timeout = 1000 });
            }
            catch (PlaywrightException)
            {
                // Still open: the next attempt clicks outside.
            }
        }
        await Assertions.Expect(open).ToHaveCountAsync(0);
    }

    /// <summary>Opens a page and waits until its circuit is interactive, so that typing is not lost to the prerendered copy.</summary>
    public static async Task GotoReadyAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForSelectorAsync("#ui-ready", new() { State = WaitForSelectorState.Attached });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
        server?.Dispose();
        // Kept for reading after a failure: the server's log says what a page's circuit threw.
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "steward-browser-server.log"), Output);
        if (dataDirectory.Length == 0) return;
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s+password:\s+(\S+)\s+\(shown once")]
    private static partial Regex PasswordLine();
}

/// <summary>
/// A browser test: skipped with a reason where Chromium is not installed, but failed on CI
/// (CI=true), where a missing browser is a broken build machine rather than a developer's laptop.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (File.Exists(StewardServer.ChromiumPath)) return;
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) return;
        Skip = $"Chromium is not installed at {StewardServer.ChromiumPath}; install it (apt-get install chromium) to run the browser tests. On CI (CI=true) they fail instead.";
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<StewardServer>
{
    public const string Name = "Steward server";
}
