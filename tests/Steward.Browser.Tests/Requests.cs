using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>A catalogue request from the portal: submitted by a requester, approved by the customer's IT coordinator, fulfilled task by task by the service desk.</summary>
[Collection(ServerCollection.Name)]
public sealed class Requests(StewardServer server)
{
    const string Requester = "ingrid.deboer@harbor-logistics.example";
    const string Coordinator = "peter.vance@harbor-logistics.example";
    const string Agent = "tom.okafor@meridian.example";
    const string Password = "Steward-demo-2026!";

    [BrowserFact]
    public async Task A_requester_submits_a_catalogue_request_the_coordinator_approves_it_and_the_desk_completes_its_tasks()
    {
        var title = "Laptop for the Rotterdam planner " + Guid.NewGuid().ToString("N")[..6];
        var requester = await server.SignedInPageAsync(Requester, Password);
        await StewardServer.GotoReadyAsync(requester, "/portal");
        var card = requester.Locator("[data-item='New laptop']");
        await Assertions.Expect(card).ToContainTextAsync("Needs approval: IT coordinator");
        await card.GetByText("Request", new() { Exact = true }).ClickAsync();
        await requester.WaitForURLAsync(new Regex("/portal/items/[0-9a-f-]{36}$"));
        await requester.WaitForSelectorAsync("#request-submit");

        // The form refuses a cost centre that is not in the item's pattern, at its question.
        await requester.Locator("#request-title").FillAsync(title);
        await StewardServer.PickAsync(requester, "#answer-model", "Developer");
        await requester.Locator("#answer-neededBy").FillAsync("2027-01-11");
        await requester.Locator("#answer-neededBy").PressAsync("Tab");
        await StewardServer.PickAsync(requester, "#answer-forPerson", "Kofi Mensah");
        await requester.Locator("#answer-costCentre").FillAsync("4101");
        await requester.Locator("#answer-costCentre").PressAsync("Tab");
        await requester.Locator("#request-submit").ClickAsync();
        await Assertions.Expect(requester.Locator("[data-field='costCentre']")).ToContainTextAsync("not in the expected form");

        await requester.Locator("#answer-costCentre").FillAsync("CC-4101");
        await requester.Locator("#answer-costCentre").PressAsync("Tab");
        await requester.Locator("#request-submit").ClickAsync();
        await requester.WaitForURLAsync(new Regex("/requests/[0-9a-f-]{36}$"));
        var url = new Uri(requester.Url).AbsolutePath;
        await Assertions.Expect(requester.Locator("#page-title")).ToHaveTextAsync(title);
        await Assertions.Expect(requester.Locator("#record-state")).ToContainTextAsync("Awaiting approval");
        await Assertions.Expect(requester.Locator("#request-answers [data-key='forPerson']")).ToContainTextAsync("Kofi Mensah");
        await Assertions.Expect(requester.Locator("#request-answers [data-key='neededBy']")).ToContainTextAsync("2027-01-11");
        await Assertions.Expect(requester.Locator("#request-approvals")).ToContainTextAsync("Peter Vance");
        await Assertions.Expect(requester.Locator("#approve")).ToHaveCountAsync(0);

        // The coordinator is told in the bell, finds it waiting for their approval and approves it.
        var coordinator = await server.SignedInPageAsync(Coordinator, Password);
        await StewardServer.GotoReadyAsync(coordinator, "/portal/mine");
        await Assertions.Expect(coordinator.Locator("#notification-count")).Not.ToHaveAttributeAsync("data-unread", "0");
        var waiting = coordinator.Locator("#pending-approvals tbody tr", new() { HasText = title });
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await coordinator.Locator("#notification-bell button").ClickAsync();
        var told = coordinator.Locator(".notification.unread", new() { HasText = title });
        await Assertions.Expect(told).ToContainTextAsync("waits for your approval (IT coordinator)");
        await told.ClickAsync();
        await coordinator.WaitForURLAsync(u => u.EndsWith(url, StringComparison.Ordinal));
        await coordinator.Locator("#decision-comment").FillAsync("Kofi starts on the 11th.");
        await coordinator.Locator("#approve").ClickAsync();
        await Assertions.Expect(coordinator.Locator("#record-state")).ToContainTextAsync("In progress");
        await Assertions.Expect(coordinator.Locator("#request-approvals")).ToContainTextAsync("Kofi starts on the 11th.");

        // The service desk works the tasks in order; the last one done resolves the request.
        var agent = await server.SignedInPageAsync(Agent, Password);
        await StewardServer.GotoReadyAsync(agent, url);
        var tasks = agent.Locator("#request-tasks");
        await Assertions.Expect(tasks.Locator("[data-task='1']")).ToHaveAttributeAsync("data-state", "Open");
        await Assertions.Expect(tasks.Locator("[data-task='2']")).ToHaveAttributeAsync("data-state", "Waiting");
        for (var order = 1; order <= 3; order++)
        {
            await tasks.Locator($"[data-task='{order}'] [data-action='complete']").ClickAsync();
            await Assertions.Expect(tasks.Locator($"[data-task='{order}']")).ToHaveAttributeAsync("data-state", "Done");
        }
        await Assertions.Expect(agent.Locator("#record-state")).ToContainTextAsync("Resolved");
        await Assertions.Expect(agent.Locator("#record-resolution")).ToContainTextAsync("every task is done");

        // The requester is told, sees it fulfilled and confirms.
        await requester.ReloadAsync();
        await Assertions.Expect(requester.Locator("#record-state")).ToContainTextAsync("Resolved");
        await requester.Locator("#notification-bell button").ClickAsync();
        var resolvedNote = requester.Locator(".notification.unread", new() { HasText = title }).Filter(new() { HasText = "is resolved" });
        await Assertions.Expect(resolvedNote).ToHaveCountAsync(1);
        await Assertions.Expect(requester.Locator(".notification.unread", new() { HasText = title }).Filter(new() { HasText = "is approved" })).ToHaveCountAsync(1);
        await requester.Keyboard.PressAsync("Escape");
        await requester.Locator("#record-actions [data-state='Closed']").ClickAsync();
        await Assertions.Expect(requester.Locator("#record-state")).ToContainTextAsync("Closed");
    }
}
