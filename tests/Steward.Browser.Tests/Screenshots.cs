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

        foreach (var (path, file) in new[] { ("/", "home"), ("/organizations", "organizations"), ("/people", "people"), ("/teams", "teams"), ("/audit", "audit"), ("/me/tokens", "tokens") })
        {
            await StewardServer.GotoReadyAsync(page, path);
            await page.WaitForTimeoutAsync(1500);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file + ".png"), FullPage = true });
        }
        await page.Context.CloseAsync();
    }
}
