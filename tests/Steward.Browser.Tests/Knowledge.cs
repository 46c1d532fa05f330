using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>
/// The knowledge base as its people use it: a provider's manager sets up a community, an agent
/// writes an article, two reviewers review it (one asks for changes first), the quorum publishes
/// it, and it is suggested on an incident and to a customer typing in the portal, who never sees
/// an Internal article.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class Knowledge(StewardServer server)
{
    const string Password = "Steward-demo-2026!";
    const string Manager = "maya.lindqvist@meridian.example";
    const string Author = "tom.okafor@meridian.example";
    const string Reviewer = "priya.raman@meridian.example";
    const string Moderator = "lucas.moreau@meridian.example";
    const string Customer = "peter.vance@harbor-logistics.example";

    [BrowserFact]
    public async Task An_article_is_reviewed_by_two_peers_published_and_suggested_on_an_incident_and_to_a_customer_who_never_sees_an_internal_one()
    {
        // Words nobody else's data holds, so that suggestions and searches find only this test's articles.
        var word = "zorb" + Guid.NewGuid().ToString("N")[..6];
        var secret = "quax" + Guid.NewGuid().ToString("N")[..6];
        var communityName = $"Workplace practice {word}";
        var published = $"Badge printer {word} jams after the update";
        var hidden = $"Internal runbook {word} {secret}";

        var manager = await server.SignedInPageAsync(Manager, Password);
        var communityUrl = await CreateCommunityAsync(manager, communityName);
        await AddMemberAsync(manager, "Tom Okafor", "Reviewer");
        await AddMemberAsync(manager, "Priya Raman", "Reviewer");
        await AddMemberAsync(manager, "Lucas Moreau", "Moderator");
        await SnapAsync(manager, "knowledge-community-members");

        var author = await server.SignedInPageAsync(Author, Password);
        var articleUrl = await WriteAsync(author, communityUrl, published, $"When the badge printer {word} jams, restart the spooler.", customers: true);
        await author.Locator("#article-submit").ClickAsync();
        await Assertions.Expect(author.Locator("#article-notice")).ToContainTextAsync("is in review");
        await StewardServer.GotoReadyAsync(author, articleUrl + "/review");
        await Assertions.Expect(author.Locator("#review-refused")).ToContainTextAsync("You wrote version 1");
        await Assertions.Expect(author.Locator("#review-form")).ToHaveCountAsync(0);

        var reviewer = await server.SignedInPageAsync(Reviewer, Password);
        await StewardServer.GotoReadyAsync(reviewer, "/");
        await reviewer.Locator($"#home-reviews [data-review='{published}'] a").ClickAsync();
        await reviewer.WaitForURLAsync(u => u.EndsWith(articleUrl + "/review", StringComparison.Ordinal));
        await ReviewAsync(reviewer, articleUrl, approve: false, "Say which spooler and how to restart it.");
        await Assertions.Expect(reviewer.Locator("#article-notice")).ToContainTextAsync("asked for changes");

        await StewardServer.GotoReadyAsync(author, articleUrl + "/review");
        var critique = author.Locator("#critiques [data-reviewer='Priya Raman']");
        await Assertions.Expect(critique).ToContainTextAsync("Say which spooler");
        await Assertions.Expect(author.Locator("#review-text")).ToContainTextAsync("restart the spooler");
        await SnapAsync(author, "knowledge-critique-beside-text");
        await author.Locator("#article-edit").ClickAsync();
        await author.WaitForSelectorAsync("#article-body-input");
        await author.Locator("#article-body-input").FillAsync($"When the badge printer {word} jams, restart the Windows print spooler service (spoolsv).");
        await author.Locator("#article-save").ClickAsync();
        await author.WaitForURLAsync(new Regex("/knowledge/articles/[0-9a-f-]{36}$"));
        await author.WaitForSelectorAsync("#article-submit");
        await author.Locator("#article-submit").ClickAsync();
        await Assertions.Expect(author.Locator("#article-notice")).ToContainTextAsync("is in review");

        await ReviewAsync(reviewer, articleUrl, approve: true, "Clear now.");
        await Assertions.Expect(reviewer.Locator("#article-notice")).ToContainTextAsync("You approved version 1");
        var moderator = await server.SignedInPageAsync(Moderator, Password);
        await ReviewAsync(moderator, articleUrl, approve: true, null);
        await Assertions.Expect(moderator.Locator("#article-notice")).ToContainTextAsync("completed the quorum");
        await Assertions.Expect(moderator.Locator("[data-state='Published']").First).ToBeVisibleAsync();

        // An Internal article with the same words, which a moderator publishes below the quorum.
        var hiddenUrl = await WriteAsync(author, communityUrl, hidden, $"Only for the desk: the badge printer {word} admin password is in the vault ({secret}).", customers: false);
        await author.Locator("#article-submit").ClickAsync();
        await Assertions.Expect(author.Locator("#article-notice")).ToContainTextAsync("is in review");
        await StewardServer.GotoReadyAsync(moderator, hiddenUrl);
        await Assertions.Expect(moderator.Locator("#article-publish")).ToContainTextAsync("Publish as moderator (0 of 2 approvals)");
        await moderator.Locator("#article-publish").ClickAsync();
        await Assertions.Expect(moderator.Locator("#article-notice")).ToContainTextAsync("is published");

        await StewardServer.GotoReadyAsync(author, "/");
        await Assertions.Expect(author.Locator($"#home-recent-articles [data-article='{published}']")).ToBeVisibleAsync();

        // A customer searches the portal, then types what is wrong: the article for customers comes up, the Internal one does not.
        var customer = await server.SignedInPageAsync(Customer, Password);
        await StewardServer.GotoReadyAsync(customer, "/");
        await customer.Locator("#portal-search").FillAsync($"badge {word}");
        await Assertions.Expect(customer.Locator($"#portal-answers [data-source='Answers from the knowledge base'] [data-hit='{published}']")).ToBeVisibleAsync();
        await Assertions.Expect(customer.Locator("#portal-answers")).Not.ToContainTextAsync(secret);
        await customer.Locator("#portal-search").FillAsync(secret);
        await Assertions.Expect(customer.Locator("#portal-nothing")).ToBeVisibleAsync();
        await StewardServer.GotoReadyAsync(customer, "/incidents/new");
        await StewardServer.PickAsync(customer, "#incident-service", "Managed Workplace");
        await customer.Locator("#incident-title").PressSequentiallyAsync($"The badge printer {word} is jammed");
        var suggestions = customer.Locator("#knowledge-suggestions");
        await Assertions.Expect(suggestions.Locator($"[data-suggested='{published}']")).ToBeVisibleAsync();
        await Assertions.Expect(suggestions).Not.ToContainTextAsync(secret);
        await SnapAsync(customer, "knowledge-portal-suggestions");
        await customer.Locator("#incident-save").ClickAsync();
        await customer.WaitForURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        var incidentUrl = new Uri(customer.Url).AbsolutePath;
        await Assertions.Expect(customer.Locator("#record-knowledge")).Not.ToContainTextAsync(secret);

        // The agent opening the incident sees both suggested, and resolves it with the published one.
        await StewardServer.GotoReadyAsync(author, incidentUrl);
        var suggested = author.Locator("#suggested-articles");
        await Assertions.Expect(suggested.Locator($"[data-suggested='{published}']")).ToBeVisibleAsync();
        await Assertions.Expect(suggested.Locator($"[data-suggested='{hidden}']")).ToBeVisibleAsync();
        await suggested.Locator($"[data-suggested='{published}'] [data-link='used']").ClickAsync();
        await Assertions.Expect(author.Locator($"#linked-articles [data-linked='{published}'] [data-relation='UsedToResolve']")).ToBeVisibleAsync();
        await SnapAsync(author, "knowledge-record-panel");

        // The next time, the article solves it in the portal and no incident is logged.
        await StewardServer.GotoReadyAsync(customer, "/incidents/new");
        await customer.Locator("#incident-title").PressSequentiallyAsync($"badge printer {word} jammed again");
        await customer.Locator($"#knowledge-suggestions [data-solved='{published}']").ClickAsync();
        await customer.WaitForURLAsync(new Regex("/knowledge/articles/[0-9a-f-]{36}\\?solved=true$"));
        await Assertions.Expect(customer.Locator("#solved-banner")).ToBeVisibleAsync();
        await Assertions.Expect(customer.Locator("#article-body")).ToContainTextAsync("spoolsv");
        await SnapAsync(customer, "knowledge-article-solved");

        // The customer finds the Internal article neither by search nor by its address.
        await StewardServer.GotoReadyAsync(customer, $"/knowledge?q={secret}");
        await Assertions.Expect(customer.Locator("#knowledge-empty")).ToBeVisibleAsync();
        await StewardServer.GotoReadyAsync(customer, $"/knowledge?q={word}");
        await Assertions.Expect(customer.Locator($"#knowledge-results [data-article='{published}']")).ToBeVisibleAsync();
        await Assertions.Expect(customer.Locator("#knowledge-results")).Not.ToContainTextAsync(secret);
        await SnapAsync(customer, "knowledge-search");
        await StewardServer.GotoReadyAsync(customer, hiddenUrl);
        await Assertions.Expect(customer.GetByText("No article with this id is in your reach")).ToBeVisibleAsync();

        // Editing the published article drafts version 2; the customer still reads version 1, and history compares them.
        await StewardServer.GotoReadyAsync(author, articleUrl);
        await Assertions.Expect(author.Locator("#article-edit")).ToContainTextAsync("Write a new version");
        await author.Locator("#article-edit").ClickAsync();
        await Assertions.Expect(author.Locator("#editor-new-version")).ToContainTextAsync("Version 1 is published");
        var body = author.Locator("#article-body-input");
        await body.FillAsync(await body.InputValueAsync() + "\n\nIf it jams again, replace the ribbon.");
        await author.Locator("#article-save").ClickAsync();
        await Assertions.Expect(author.Locator("#working-notice")).ToContainTextAsync("readers keep seeing version 1");
        await author.GetByRole(AriaRole.Tab, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(author.Locator("#diff-lines .diff-added", new() { HasText = "replace the ribbon" })).ToHaveCountAsync(1);
        await SnapAsync(author, "knowledge-history-diff");
        await customer.GotoAsync(articleUrl);
        await Assertions.Expect(customer.Locator("#article-body")).ToContainTextAsync("spoolsv");
        await Assertions.Expect(customer.Locator("#article-body")).Not.ToContainTextAsync("ribbon");

        // The customer says it helped; the moderator retires the Internal article, which leaves the members' search too.
        await customer.Locator("#feedback-yes").ClickAsync();
        await customer.Locator("#feedback-comment").FillAsync("Worked at depot 3.");
        await customer.Locator("#feedback-send").ClickAsync();
        await Assertions.Expect(customer.Locator("#feedback-sent")).ToContainTextAsync("Thank you");
        await StewardServer.GotoReadyAsync(moderator, hiddenUrl);
        await moderator.Locator("#article-retire").ClickAsync();
        await Assertions.Expect(moderator.Locator("#article-notice")).ToContainTextAsync("retired");
        await Assertions.Expect(moderator.Locator("#article-edit")).ToHaveCountAsync(0);
        await StewardServer.GotoReadyAsync(author, $"/knowledge?q={secret}");
        await Assertions.Expect(author.Locator("#knowledge-empty")).ToBeVisibleAsync();
        await StewardServer.GotoReadyAsync(author, "/");
        await SnapAsync(author, "knowledge-home-agent");

        // The community's measures count what happened, and export as the API does.
        await StewardServer.GotoReadyAsync(manager, communityUrl + "/measures");
        await Assertions.Expect(manager.Locator("#measures-totals [data-stat='Published']")).ToHaveTextAsync("2");
        await Assertions.Expect(manager.Locator("#measures-totals [data-stat='Deflections']")).ToHaveTextAsync("1");
        await Assertions.Expect(manager.Locator("#measures-totals [data-stat='Helpful']")).ToHaveTextAsync("100.0 %");
        await SnapAsync(manager, "knowledge-measures");
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.Locator("[data-export='buckets-csv']").ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Period start,Published,", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);

        // The manager's home shows the review turnaround beside the sourcing dashboard.
        await StewardServer.GotoReadyAsync(manager, "/");
        await Assertions.Expect(manager.Locator("#home-turnaround-median")).ToHaveTextAsync(new Regex("^[0-9.]+ (min|h|days)$"));

        foreach (var page in new[] { manager, author, reviewer, moderator, customer }) await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task An_agent_writes_a_known_error_from_a_resolved_incident_and_the_draft_is_tied_to_it()
    {
        var word = "plix" + Guid.NewGuid().ToString("N")[..6];
        var manager = await server.SignedInPageAsync(Manager, Password);
        var communityUrl = await CreateCommunityAsync(manager, $"Known errors {word}");
        await AddMemberAsync(manager, "Tom Okafor", "Member");

        var agent = await server.SignedInPageAsync(Author, Password);
        await StewardServer.GotoReadyAsync(agent, "/incidents/new");
        await StewardServer.PickAsync(agent, "#incident-customer", "Harbor Logistics");
        await StewardServer.PickAsync(agent, "#incident-service", "Managed Workplace");
        var title = $"Scanner {word} drops its network";
        await agent.Locator("#incident-title").FillAsync(title);
        await agent.Locator("#incident-description").FillAsync("The scanner loses Wi-Fi every hour.");
        await agent.Locator("#incident-save").ClickAsync();
        await agent.WaitForURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        var incidentUrl = new Uri(agent.Url).AbsolutePath;
        await Assertions.Expect(agent.Locator("#write-article-from-record")).ToHaveCountAsync(0);
        await agent.Locator("#record-actions [data-state='InProgress']").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("In progress");
        await agent.Locator("#record-actions [data-state='Resolved']").ClickAsync();
        await agent.Locator("#resolution-text").FillAsync("Turned off power saving on the scanner's Wi-Fi adapter.");
        await agent.Locator("#confirm-resolve").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("Resolved");

        await agent.Locator("#write-article-from-record").ClickAsync();
        await Assertions.Expect(agent.Locator("#editor-from-record")).ToContainTextAsync("Prefilled from INC");
        await Assertions.Expect(agent.Locator("#article-title")).ToHaveValueAsync(title);
        await Assertions.Expect(agent.Locator("#article-body-input")).ToHaveValueAsync(new Regex("## Workaround\\s+Turned off power saving"));
        await Assertions.Expect(agent.Locator("#article-kind")).ToHaveValueAsync("KnownErrorWorkaround");
        await agent.Locator("#article-save").ClickAsync();
        await agent.WaitForURLAsync(new Regex("/knowledge/articles/[0-9a-f-]{36}$"));
        await Assertions.Expect(agent.Locator("[data-kind='KnownErrorWorkaround']").First).ToBeVisibleAsync();
        await Assertions.Expect(agent.Locator("[data-state='Draft']").First).ToBeVisibleAsync();

        await StewardServer.GotoReadyAsync(agent, incidentUrl);
        await Assertions.Expect(agent.Locator($"#linked-articles [data-linked='{title}'] [data-relation='Related']")).ToBeVisibleAsync();
        await SnapAsync(agent, "knowledge-written-from-record");
        await StewardServer.GotoReadyAsync(agent, communityUrl);
        await Assertions.Expect(agent.Locator($"#community-articles [data-article='{title}']")).ToBeVisibleAsync();

        // An Interpretation names what it reads; a clause the library does not hold is refused with the reason, beside the field.
        await agent.Locator("#new-article").ClickAsync();
        await agent.WaitForSelectorAsync("#article-title");
        await agent.Locator("#article-title").FillAsync($"Reading clause 8 {word}");
        await agent.Locator("#article-body-input").FillAsync("What the standard asks of incident management, in our words.");
        await ChooseAsync(agent, "#article-kind", "Interpretation");
        await StewardServer.PickAsync(agent, "#article-framework", "ISO/IEC 20000-1");
        await agent.Locator("#article-clause").FillAsync("8.99");
        await agent.Locator("#article-save").ClickAsync();
        await Assertions.Expect(agent.Locator("#form-problem")).ToContainTextAsync("Clause 8.99");
        await agent.Locator("#article-clause").FillAsync("4.1");
        await agent.Locator("#article-save").ClickAsync();
        await agent.WaitForURLAsync(new Regex("/knowledge/articles/[0-9a-f-]{36}$"));
        await Assertions.Expect(agent.Locator("#article-reference")).ToHaveTextAsync("ISO/IEC 20000-1 clause 4.1");
        await manager.Context.CloseAsync();
        await agent.Context.CloseAsync();
    }

    /// <summary>With STEWARD_SCREENSHOTS set to a folder, keeps what the page shows for a person to look at (as Screenshots does).</summary>
    static async Task SnapAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("STEWARD_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.WaitForTimeoutAsync(500);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Creates the community and answers its page's path.</summary>
    static async Task<string> CreateCommunityAsync(IPage page, string name)
    {
        await StewardServer.GotoReadyAsync(page, "/communities/new");
        await page.Locator("#community-name").FillAsync(name);
        await page.Locator("#community-purpose").FillAsync("How the desk keeps workplace devices running.");
        await page.Locator("#community-save").ClickAsync();
        await Assertions.Expect(page.Locator("#form-problem")).ToHaveCountAsync(0);
        try { await page.WaitForURLAsync(new Regex("/communities/[0-9a-f-]{36}$")); }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "steward-create-community-failed.png"), FullPage = true });
            throw;
        }
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(name);
        var path = new Uri(page.Url).AbsolutePath;
        await page.GetByRole(AriaRole.Tab, new() { Name = "Members (0)" }).ClickAsync();
        return path;
    }

    static async Task AddMemberAsync(IPage page, string person, string role)
    {
        await page.Locator("#member-search").FillAsync(person.Split(' ')[0]);
        await page.GetByText($"{person} · Meridian Managed Services").ClickAsync();
        await ChooseAsync(page, "#member-role", role);
        await Assertions.Expect(page.Locator("#member-role")).ToHaveValueAsync(role);
        await page.Locator("#add-member").ClickAsync();
        await Assertions.Expect(page.Locator($"#community-members [data-member='{person}']")).ToHaveCountAsync(1);
    }

    /// <summary>Writes a draft in the community and answers the article's path, with its page open.</summary>
    static async Task<string> WriteAsync(IPage page, string communityUrl, string title, string body, bool customers)
    {
        await StewardServer.GotoReadyAsync(page, communityUrl);
        await page.Locator("#new-article").ClickAsync();
        await page.WaitForSelectorAsync("#article-title");
        await page.Locator("#article-title").FillAsync(title);
        await page.Locator("#article-body-input").FillAsync(body);
        if (customers) await ChooseAsync(page, "#article-audience-input", "Customers");
        await StewardServer.PickAsync(page, "#article-services-input", "Managed Workplace");
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("#article-tags-input").FillAsync("printers, badges");
        await page.Locator("#article-save").ClickAsync();
        await page.WaitForURLAsync(new Regex("/knowledge/articles/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#page-title")).ToHaveTextAsync(title);
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Picks an option of a MudSelect that already has a value: its id is on a hidden input, so the visible box is clicked.</summary>
    static async Task ChooseAsync(IPage page, string select, string option)
    {
        await page.Locator(".mud-input-control.mud-select", new() { Has = page.Locator(select) }).ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
    }

    static async Task ReviewAsync(IPage page, string articleUrl, bool approve, string? comment)
    {
        await StewardServer.GotoReadyAsync(page, articleUrl + "/review");
        await page.WaitForSelectorAsync("#review-form");
        if (comment is not null) await page.Locator("#review-comment").FillAsync(comment);
        await page.Locator(approve ? "#review-approve" : "#review-request-changes").ClickAsync();
    }
}
