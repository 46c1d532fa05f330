using Microsoft.Playwright;

namespace Steward.Browser.Tests;

[Collection(ServerCollection.Name)]
public sealed class Journeys(StewardServer server)
{
    const string Admin = "admin@steward.local";

    [BrowserFact]
    public async Task An_administrator_creates_an_organization_finds_it_and_reads_its_history()
    {
        var name = $"Browser Test Org {Guid.NewGuid():N}"[..30];
        var page = await server.SignedInPageAsync(Admin, server.AdminPassword);

        await StewardServer.GotoReadyAsync(page, "/organizations/new");
        await page.Locator("#org-name").FillAsync(name);
        await page.Locator("#save").ClickAsync();
        try
        {
            await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "steward-create-organization-failed.png") });
            throw;
        }
        await StewardServer.GotoReadyAsync(page, "/organizations");
        await Lists.SearchAsync(page, name[..24]);
        var link = page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
        await link.ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();

        await Assertions.Expect(page.Locator(".history-entry").First).ToContainTextAsync("Created");
        await Assertions.Expect(page.Locator(".history-entry").First).ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_wrong_password_is_refused_with_a_visible_message()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/signin");
        await page.FillAsync("#email", "tom.okafor@meridian.example");
        await page.FillAsync("#password", "not-the-password-1A");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("#signin-error")).ToHaveTextAsync("Wrong email or password.");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_unauthenticated_visit_is_sent_to_sign_in_and_back()
    {
        var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/teams");
        await page.FillAsync("#email", "maya.lindqvist@meridian.example");
        await page.FillAsync("#password", "Steward-demo-2026!");
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync(url => url.EndsWith("/teams", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Teams");
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_new_token_is_shown_once()
    {
        var page = await server.SignedInPageAsync("tom.okafor@meridian.example", "Steward-demo-2026!");

        await StewardServer.GotoReadyAsync(page, "/me/tokens");
        await page.Locator("#token-name").FillAsync("deploy script");
        await page.Locator("#create-token").ClickAsync();

        var secret = page.Locator("#token-secret");
        await Assertions.Expect(secret).ToContainTextAsync("stw_");
        var value = await secret.InnerTextAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "deploy script" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "deploy script" })).ToBeVisibleAsync();
        Assert.DoesNotContain(value, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}

[Collection(ServerCollection.Name)]
public sealed class Editing(StewardServer server)
{
    [BrowserFact]
    public async Task A_provider_manager_edits_a_team_and_the_history_shows_the_change()
    {
        var page = await server.SignedInPageAsync("maya.lindqvist@meridian.example", "Steward-demo-2026!");
        var description = $"Edited in a browser test {Guid.NewGuid():N}";

        await StewardServer.GotoReadyAsync(page, "/teams");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await page.WaitForSelectorAsync("#team-name");
        await page.GetByLabel("Description").FillAsync(description);
        await page.Locator("#save").ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();

        var latest = page.Locator(".history-entry").First;
        await Assertions.Expect(latest).ToContainTextAsync("Updated");
        await Assertions.Expect(latest).ToContainTextAsync(description);
        await Assertions.Expect(latest).ToContainTextAsync("Maya Lindqvist");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_provider_manager_adds_a_contractors_engineer_to_a_team_and_removes_them_again()
    {
        var page = await server.SignedInPageAsync("maya.lindqvist@meridian.example", "Steward-demo-2026!");

        await StewardServer.GotoReadyAsync(page, "/teams");
        await page.GetByRole(AriaRole.Link, new() { Name = "Network Operations", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Network Operations");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        await page.GetByLabel("Add a member").FillAsync("Arjun");
        await page.GetByText("Arjun Mehta · arjun.mehta@sabine.example").ClickAsync();
        await page.Locator("#add-member").ClickAsync();

        var row = page.Locator("table tbody tr", new() { HasText = "Arjun Mehta" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByTitle("Remove Arjun Mehta").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_agent_sees_parties_without_the_buttons_that_change_them()
    {
        var page = await server.SignedInPageAsync("tom.okafor@meridian.example", "Steward-demo-2026!");

        await StewardServer.GotoReadyAsync(page, "/people");
        await Assertions.Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New person" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

[Collection(ServerCollection.Name)]
public sealed class ChangingParties(StewardServer server)
{
    const string Admin = "admin@steward.local";

    [BrowserFact]
    public async Task An_administrator_gives_a_person_a_new_skill_sees_it_listed_changes_its_level_and_removes_it()
    {
        var skill = $"Browser Skill {Guid.NewGuid():N}"[..28];
        var page = await server.SignedInPageAsync(Admin, server.AdminPassword);
        await StewardServer.GotoReadyAsync(page, "/skills/new");
        await page.Locator("#skill-name").FillAsync(skill);
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(skill);

        await Lists.OpenAsync(page, "/people", "Arjun Mehta");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Skills" }).ClickAsync();
        await page.GetByLabel("Add a skill").FillAsync(skill[..20]);
        await page.GetByText(skill).ClickAsync();
        // MudSelect puts the id on a hidden input; its visible box is the enclosing input control.
        await page.Locator(".mud-input-control.mud-select", new() { Has = page.Locator("#skill-level") }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "4", Exact = true }).ClickAsync();
        await page.Locator("#add-skill").ClickAsync();

        var row = page.Locator("table tbody tr", new() { HasText = skill });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTitle($"{skill}: level 4 of 5")).ToBeVisibleAsync();
        await row.Locator(".mud-rating-item").Nth(1).ClickAsync();
        await Assertions.Expect(row.GetByTitle($"{skill}: level 2 of 5")).ToBeVisibleAsync();
        await row.GetByTitle($"Remove {skill}").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_administrator_links_a_partner_to_the_provider_and_removes_the_link()
    {
        var name = $"Browser Partner {Guid.NewGuid():N}"[..30];
        var page = await server.SignedInPageAsync(Admin, server.AdminPassword);
        await CreateOrganizationAsync(page, name);

        await Lists.OpenAsync(page, "/organizations", "Meridian Managed Services");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Partners" }).ClickAsync();
        await page.GetByLabel("Add a partner").FillAsync(name[..24]);
        await page.GetByText($"{name} · Customer").ClickAsync();
        await page.Locator("#add-partner").ClickAsync();

        var row = page.Locator("table tbody tr", new() { HasText = name });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByTitle($"Remove the link with {name}").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_organization_without_people_is_deleted_and_leaves_the_list()
    {
        var name = $"Browser Delete {Guid.NewGuid():N}"[..30];
        var page = await server.SignedInPageAsync(Admin, server.AdminPassword);
        await CreateOrganizationAsync(page, name);
        var detail = new Uri(page.Url).AbsolutePath;

        await page.Locator("#delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/organizations", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText($"Deleted the organization '{name}'.")).ToBeVisibleAsync();
        await page.GetByPlaceholder("Search by name").FillAsync(name[..24]);
        await Assertions.Expect(page.GetByText("No organizations match.")).ToBeVisibleAsync();
        await StewardServer.GotoReadyAsync(page, detail);
        await Assertions.Expect(page.GetByText("There is no organization with this id that you may see.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Deleting_an_organization_with_people_is_refused_with_the_reason_and_the_record_stays()
    {
        var page = await server.SignedInPageAsync(Admin, server.AdminPassword);
        await Lists.OpenAsync(page, "/organizations", "Harbor Logistics");
        var detail = page.Url;

        await page.Locator("#delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        var problem = page.Locator("#form-problem");
        await Assertions.Expect(problem).ToContainTextAsync("'Harbor Logistics' still has");
        await Assertions.Expect(problem).ToContainTextAsync("archive it instead.");
        Assert.Equal(detail, page.Url);
        await StewardServer.GotoReadyAsync(page, new Uri(detail).AbsolutePath);
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync("Harbor Logistics");
        await page.Context.CloseAsync();
    }

    static async Task CreateOrganizationAsync(IPage page, string name)
    {
        await StewardServer.GotoReadyAsync(page, "/organizations/new");
        await page.Locator("#org-name").FillAsync(name);
        await page.Locator("#save").ClickAsync();
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
    }
}
