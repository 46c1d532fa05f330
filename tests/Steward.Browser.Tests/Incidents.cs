using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>An incident from the requester's report to its resolution, worked by an agent, with its clocks in view.</summary>
[Collection(ServerCollection.Name)]
public sealed class Incidents(StewardServer server)
{
    const string Requester = "peter.vance@harbor-logistics.example";
    const string Agent = "tom.okafor@meridian.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_requester_raises_an_incident_and_an_agent_works_it_through_a_pause_to_resolution_watching_the_clocks()
    {
        var title = "Depot scanner " + Guid.NewGuid().ToString("N")[..6] + " will not connect";
        var requester = await server.SignedInPageAsync(Requester, Password);
        await StewardServer.GotoReadyAsync(requester, "/incidents/new");
        await StewardServer.PickAsync(requester, "#incident-service", "Managed Workplace");
        await requester.Locator("#incident-title").FillAsync(title);
        await requester.Locator("#incident-description").FillAsync("The **scanner** at gate 4 shows *no network*.");
        await Assertions.Expect(requester.Locator("#incident-service")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f-]{36}$"));
        await Assertions.Expect(requester.Locator("#incident-title")).ToHaveValueAsync(title);
        await requester.Locator("#incident-save").ClickAsync();
        await Assertions.Expect(requester.Locator("#form-problem")).ToHaveCountAsync(0);
        await requester.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/incidents/[0-9a-f-]{36}$"));
        var url = new Uri(requester.Url).AbsolutePath;

        await Assertions.Expect(requester.Locator("#page-title")).ToHaveTextAsync(title);
        await Assertions.Expect(requester.Locator("#record-state")).ToContainTextAsync("New");
        await Assertions.Expect(requester.Locator("#record-description strong")).ToHaveTextAsync("scanner");
        await Assertions.Expect(requester.Locator("#record-clocks [data-metric='Resolution']")).ToContainTextAsync("Resolution");
        await Assertions.Expect(requester.Locator("#record-performer")).ToContainTextAsync("Performed by Service Desk under its operational level agreement");

        var agent = await server.SignedInPageAsync(Agent, Password);
        await StewardServer.GotoReadyAsync(agent, "/incidents");
        await agent.Locator("#queue-search").FillAsync(title[..20]);
        var row = agent.Locator("#incident-queue tbody tr", new() { HasText = title });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a").ClickAsync();
        await agent.WaitForURLAsync(u => u.EndsWith(url, StringComparison.Ordinal));
        await agent.WaitForSelectorAsync("#record-actions");

        await agent.Locator("#assign-me").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-assignee")).Not.ToHaveTextAsync("—");
        await agent.Locator("#record-actions [data-state='InProgress']").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("In progress");
        await Assertions.Expect(agent.Locator("#record-clocks [data-metric='FirstResponse']")).ToContainTextAsync("met");

        await agent.Locator("#record-actions [data-state='OnHold']").ClickAsync();
        await StewardServer.PickAsync(agent, "#hold-reason", "Awaiting customer");
        await agent.Locator("#confirm-hold").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("On hold: awaiting customer");
        await Assertions.Expect(agent.Locator("#record-clocks [data-metric='Resolution'] .sla-badge")).ToHaveTextAsync("paused");

        // The requester answers in public; the agent's internal note stays internal.
        await requester.ReloadAsync();
        await requester.WaitForSelectorAsync("#comment-body");
        await requester.Locator("#comment-body").FillAsync("It is the scanner at gate **4**.");
        await requester.Locator("#comment-post").ClickAsync();
        await Assertions.Expect(requester.Locator("#timeline .timeline-entry.public").First).ToContainTextAsync("gate 4");

        await agent.Locator("#comment-internal").ClickAsync();
        await agent.Locator("#comment-body").FillAsync("Suspect the depot switch.");
        await agent.Locator("#comment-post").ClickAsync();
        await Assertions.Expect(agent.Locator("#timeline .timeline-entry.internal")).ToContainTextAsync("depot switch");

        await agent.Locator("#record-actions [data-state='InProgress']").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-clocks [data-metric='Resolution'] .sla-badge")).ToContainTextAsync("due in");
        await agent.Locator("#record-actions [data-state='Resolved']").ClickAsync();
        await agent.Locator("#resolution-text").FillAsync("Replaced the patch cable at gate 4.");
        await agent.Locator("#confirm-resolve").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("Resolved");
        await Assertions.Expect(agent.Locator("#record-clocks [data-metric='Resolution'] .sla-badge")).ToHaveTextAsync("met");
        await Assertions.Expect(agent.Locator("#record-resolution")).ToContainTextAsync("patch cable");

        await requester.ReloadAsync();
        await Assertions.Expect(requester.Locator("#record-state")).ToContainTextAsync("Resolved");
        await Assertions.Expect(requester.Locator("#timeline")).Not.ToContainTextAsync("depot switch");
    }
}
