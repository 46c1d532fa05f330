namespace Steward.Browser.Tests;

/// <summary>
/// A person who opens Steward while its first start replays the demo data sees a page that says what
/// the server is doing and how far it is, not an error, and lands on the sign-in page by itself once
/// the server is ready. (The shared server fixture opened the page while it started.)
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class PreparingPage(StewardServer server)
{
    [BrowserFact]
    public void Opening_Steward_while_it_prepares_shows_the_preparing_page_then_the_sign_in_page()
    {
        var seen = server.Preparing ?? throw new InvalidOperationException("The fixture did not open the page during start-up.");

        Assert.Equal(503, seen.Status);
        Assert.Equal("Steward is preparing", seen.Title);
        Assert.Contains("Steward is preparing its database", seen.Text);
        Assert.Contains("The page opens by itself when it is done.", seen.Text);
        Assert.True(seen.After is not null, $"The preparing page did not move on to the sign-in page once the server was ready; it shows {seen.Page.Url}.");
        Assert.Contains("/signin", seen.After);
    }
}
