using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>
/// A survey set up in the editor, answered from the bell in one click after an incident is
/// resolved, and seen in the satisfaction report (with the follow-up the low rating opened on the record).
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class Satisfaction(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string Agent = "tom.okafor@meridian.example";
    const string Requester = "kofi.mensah@harbor-logistics.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_requester_answers_a_survey_from_the_bell_and_the_manager_sees_it_in_the_report()
    {
        // The manager asks Harbor Logistics' requesters about every incident resolved from now on.
        var manager = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(manager, "/satisfaction/surveys/new");
        var name = "Depot incidents " + Guid.NewGuid().ToString("N")[..6];
        await manager.Locator("#survey-name").FillAsync(name);
        await StewardServer.PickAsync(manager, "#survey-customers", "Harbor Logistics");
        // The customers' list closes before the kinds are clicked: its popover would take the click.
        await StewardServer.CloseListsAsync(manager);
        await manager.Locator("#survey-kinds label", new() { HasText = "Incidents" }).ClickAsync();
        await manager.Locator("#save").ClickAsync();
        await manager.WaitForURLAsync(new Regex("/satisfaction/surveys/[0-9a-f-]{36}$"));
        var surveyId = new Uri(manager.Url).AbsolutePath.Split('/')[^1];

        // The requester reports an incident; the service desk resolves it.
        var title = "Label printer " + Guid.NewGuid().ToString("N")[..6] + " jams";
        var requester = await server.SignedInPageAsync(Requester, Password);
        await StewardServer.GotoReadyAsync(requester, "/incidents/new");
        await StewardServer.PickAsync(requester, "#incident-service", "Managed Workplace");
        await requester.Locator("#incident-title").FillAsync(title);
        await requester.Locator("#incident-save").ClickAsync();
        await requester.WaitForURLAsync(new Regex("/incidents/[0-9a-f-]{36}$"));
        var url = new Uri(requester.Url).AbsolutePath;

        var agent = await server.SignedInPageAsync(Agent, Password);
        await StewardServer.GotoReadyAsync(agent, url);
        await agent.Locator("#record-actions [data-state='Resolved']").ClickAsync();
        await agent.Locator("#resolution-text").FillAsync("Cleared the jam and cleaned the rollers.");
        await agent.Locator("#confirm-resolve").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("Resolved");

        // One click in the bell opens the survey; the requester rates the work 2 of 5.
        // This survey names the customer and the kind, so it asks about the incident rather than the demo's survey of every incident.
        await StewardServer.GotoReadyAsync(requester, "/portal/surveys");
        var invited = requester.Locator("#my-surveys tbody tr", new() { HasText = title }).Filter(new() { HasText = name });
        await Assertions.Expect(invited).ToHaveCountAsync(1);
        var invitationId = await invited.GetAttributeAsync("data-invitation");
        await requester.Locator("#notification-bell button").ClickAsync();
        await requester.Locator($".notification.unread[href$='/{invitationId}'], .notification.unread [href$='/{invitationId}']").ClickAsync();
        await requester.WaitForURLAsync(new Regex($"/surveys/invitations/{invitationId}$"));
        await Assertions.Expect(requester.Locator("#survey-about")).ToContainTextAsync(title);
        await requester.Locator("#survey-rating [data-rating='2']").ClickAsync();
        await requester.Locator("#survey-recommend [data-recommend='4']").ClickAsync();
        await requester.Locator("#survey-comment").FillAsync("It jammed again the next morning.");
        await requester.Locator("#survey-send").ClickAsync();
        await Assertions.Expect(requester.Locator("#survey-thanks")).ToContainTextAsync("2 of 5");
        await StewardServer.GotoReadyAsync(requester, "/portal/surveys");
        await Assertions.Expect(requester.Locator("#my-surveys tbody tr", new() { HasText = title }).Filter(new() { HasText = name })).ToHaveCountAsync(0);

        // The manager reads it in the report, by party and as a download.
        await StewardServer.GotoReadyAsync(manager, $"/satisfaction?survey={surveyId}");
        await Assertions.Expect(manager.Locator("#summary-responses [data-value]")).ToHaveTextAsync("1");
        await Assertions.Expect(manager.Locator("#summary-mean [data-value]")).ToHaveTextAsync("2.00");
        await Assertions.Expect(manager.Locator("#summary-nps [data-value]")).ToHaveTextAsync("-100.0");
        var total = manager.Locator("#satisfaction-table tr.report-total");
        await Assertions.Expect(total.Locator("[data-cell='distribution']")).ToHaveTextAsync("0 / 1 / 0 / 0 / 0");
        await Assertions.Expect(manager.Locator("#satisfaction-table tbody tr:not(.report-total)")).ToHaveCountAsync(1);
        await Assertions.Expect(manager.Locator("#satisfaction-chart svg").First).ToBeVisibleAsync();
        await Assertions.Expect(manager.Locator("#follow-ups tbody tr", new() { HasText = title })).ToHaveCountAsync(1);
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.Locator("[data-export='satisfaction-csv']").ClickAsync());
        Assert.Matches("^steward-satisfaction-by-party-[0-9]{4}-[0-9]{2}-[0-9]{2}-to-[0-9]{4}-[0-9]{2}-[0-9]{2}\\.csv$", download.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("Key,Performed by,Organization,Accountable,Agreement,Invitations,Responses", text.TrimStart('\uFEFF'), StringComparison.Ordinal);

        // The relationship's sourcing profile shows it beside the kinds of sourcing.
        await StewardServer.GotoReadyAsync(manager, "/sourcing");
        await manager.Locator("#customers").GetByRole(AriaRole.Link, new() { Name = "Harbor Logistics" }).ClickAsync();
        await Assertions.Expect(manager.Locator("#profile-satisfaction-parties tbody tr", new() { HasText = "Service Desk" }).First).ToContainTextAsync("Operational level agreement");
        await Assertions.Expect(manager.Locator("#profile-satisfaction-services tbody tr", new() { HasText = "Managed Workplace" })).ToHaveCountAsync(1);

        // The follow-up is on the record for the service desk.
        await StewardServer.GotoReadyAsync(agent, url);
        await Assertions.Expect(agent.Locator("#record-satisfaction")).ToContainTextAsync("2 of 5");
        await Assertions.Expect(agent.Locator("#record-satisfaction")).ToContainTextAsync("It jammed again the next morning.");
        await Assertions.Expect(agent.Locator("#record-satisfaction [data-follow-up='Open']")).ToContainTextAsync("Follow-up open");
        await agent.Locator("#follow-up-outcome").FillAsync("Replaced the rollers; called Kofi.");
        await agent.Locator("#follow-up-complete").ClickAsync();
        await Assertions.Expect(agent.Locator("#record-satisfaction [data-follow-up='Done']")).ToContainTextAsync("Replaced the rollers");
        await manager.Context.CloseAsync();
        await requester.Context.CloseAsync();
        await agent.Context.CloseAsync();
    }
}
