using Microsoft.Playwright;

namespace Steward.Browser.Tests;

/// <summary>The sourcing pages on the demo data: Meridian serves Harbor whole, Alder with some processes, Kestrel with skills.</summary>
[Collection(ServerCollection.Name)]
public sealed class Sourcing(StewardServer server)
{
    const string Manager = "maya.lindqvist@meridian.example";
    const string Password = "Steward-demo-2026!";

    /// <summary>
    /// Opens a MudSelect by the id on its input, picks the option with this text and waits until the
    /// select shows it: a click on a list still rendering in a cold circuit can miss, and a save that
    /// follows would then save nothing.
    /// </summary>
    static async Task PickAsync(IPage page, string selectId, string option)
    {
        var input = page.Locator($"#{selectId}");
        for (var attempt = 1; ; attempt++)
        {
            await page.Locator(".mud-input-control.mud-select", new() { Has = input }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
            try
            {
                await Assertions.Expect(input).ToHaveValueAsync(option, new() { Timeout = 2000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                // Try again: the popover closed with the missed click.
            }
        }
    }

    [BrowserFact]
    public async Task A_provider_manager_assigns_a_process_in_the_matrix_and_the_derived_kind_changes()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing/matrix");
        await PickAsync(page, "pick-customer", "Kestrel Financial");
        var row = page.Locator("#sourcing-matrix tbody tr[data-service='Database Expertise on Demand']");
        await Assertions.Expect(row.Locator(".kind-chip")).ToHaveTextAsync("Knowledge outsourcing");

        await row.Locator("td[data-process='incident-management'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#assignment-fallback")).ToContainTextAsync("Kestrel Financial keeps Incident management in-house");
        await PickAsync(page, "assignment-performer", "Platform Engineering (Meridian Managed Services)");
        await page.Locator("#assignment-save").ClickAsync();

        await Assertions.Expect(page.Locator("#assignment-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(row.Locator(".kind-chip")).ToHaveTextAsync("Process outsourcing");
        await Assertions.Expect(row.Locator(".mismatch-flag")).ToContainTextAsync("claimed Knowledge outsourcing");
        var cell = row.Locator("td[data-process='incident-management']");
        await Assertions.Expect(cell).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("party-provider-team"));
        await Assertions.Expect(cell.Locator(".badge-own")).ToHaveCountAsync(1);

        // The profile reads the same assignments: Meridian now answers for incident management for Kestrel.
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await page.Locator("#customers").GetByRole(AriaRole.Link, new() { Name = "Kestrel Financial" }).ClickAsync();
        var service = page.Locator("[data-service='Database Expertise on Demand']");
        await Assertions.Expect(service.Locator(".kind-chip")).ToHaveTextAsync("Process outsourcing");
        await Assertions.Expect(service.Locator("[data-mismatch]")).ToContainTextAsync("claims KnowledgeOutsourcing");

        // Removing the customer's own assignment again gives the knowledge outsourcing back.
        await StewardServer.GotoReadyAsync(page, "/sourcing/matrix");
        await PickAsync(page, "pick-customer", "Kestrel Financial");
        await row.Locator("td[data-process='incident-management'] button").ClickAsync();
        await PickAsync(page, "assignment-performer", "No assignment of this customer's own");
        await page.Locator("#assignment-save").ClickAsync();
        await Assertions.Expect(row.Locator(".kind-chip")).ToHaveTextAsync("Knowledge outsourcing");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Of_two_people_editing_one_cell_the_later_save_is_refused_as_stale_and_changes_nothing()
    {
        var first = await server.SignedInPageAsync(Manager, Password);
        var second = await server.SignedInPageAsync("olivia.bennett@meridian.example", Password);
        var cell = "#sourcing-matrix tbody tr[data-service='Managed Workplace'] td[data-process='change-management']";
        foreach (var page in new[] { first, second })
        {
            await StewardServer.GotoReadyAsync(page, "/sourcing/matrix");
            await page.Locator(cell + " button").ClickAsync();
            await Assertions.Expect(page.Locator("#assignment-dialog")).ToBeVisibleAsync();
        }

        await PickAsync(second, "assignment-accountable", "Cloudrock Hosting");
        await second.Locator("#assignment-save").ClickAsync();
        await Assertions.Expect(second.Locator(cell + " .cell-accountable")).ToHaveTextAsync("for Cloudrock Hosting");
        await PickAsync(first, "assignment-performer", "Service Desk (Meridian Managed Services)");
        await first.Locator("#assignment-save").ClickAsync();

        await Assertions.Expect(first.Locator("#assignment-dialog #form-problem")).ToContainTextAsync("Someone else changed this record");
        await StewardServer.GotoReadyAsync(first, "/sourcing/matrix");
        await Assertions.Expect(first.Locator(cell + " .cell-performer")).ToHaveTextAsync("Change Advisory Board");
        await Assertions.Expect(first.Locator(cell + " .cell-accountable")).ToHaveTextAsync("for Cloudrock Hosting");

        await second.Locator(cell + " button").ClickAsync();
        await PickAsync(second, "assignment-accountable", "The performer's organization");
        await second.Locator("#assignment-save").ClickAsync();
        await Assertions.Expect(second.Locator(cell + " .cell-accountable")).ToHaveCountAsync(0);
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_dashboard_charts_the_kinds_and_lists_the_contradicted_claim()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing");

        await Assertions.Expect(page.Locator("#kinds-chart svg")).ToBeVisibleAsync();
        var alder = page.Locator("#mismatches tbody tr", new() { HasText = "Alder Health Clinics" });
        await Assertions.Expect(alder).ToContainTextAsync("Managed Workplace");
        await alder.GetByRole(AriaRole.Link, new() { Name = "Why" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-service='Managed Workplace'] [data-mismatch]")).ToContainTextAsync("others answer for Access management");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_relationship_review_opens_from_the_profile_and_prints_without_its_controls()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing");
        await page.Locator("#mismatches tbody tr", new() { HasText = "Alder Health Clinics" }).GetByRole(AriaRole.Link, new() { Name = "Why" }).ClickAsync();
        await page.Locator("#open-review").ClickAsync();

        var workplace = page.Locator("[data-service='Managed Workplace']");
        await Assertions.Expect(page.Locator("#review-summary")).ToContainTextAsync("Alder Health Clinics");
        await Assertions.Expect(workplace.Locator(".review-agree tr[data-agreement]").First).ToBeVisibleAsync();
        await Assertions.Expect(workplace.Locator(".review-measure tr[data-measure='sla-compliance']")).ToBeVisibleAsync();
        await Assertions.Expect(workplace.Locator(".review-guidance li").First).ToBeVisibleAsync();
        // The provider manager reads costs: the relationship's P&L has its section (or says what finance setting it waits for).
        await Assertions.Expect(page.Locator("#review-pnl")).ToContainTextAsync("Profit and loss");

        // Printing is the browser's: the page asks for it and hides its own controls on paper.
        await page.EvaluateAsync("() => { window.__printed = false; window.print = () => { window.__printed = true; }; }");
        await page.Locator("#print").ClickAsync();
        await page.WaitForFunctionAsync("() => window.__printed === true");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("#print")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#review-summary")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_scope_page_puts_the_whole_service_in_and_leaves_the_partial_ones_out()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing/scope");

        await Assertions.Expect(page.Locator("#scope-services tr[data-service='Managed Workplace']")).ToContainTextAsync("Harbor Logistics");
        await Assertions.Expect(page.Locator("#scope-services tr[data-service='Hosting Platform']")).ToContainTextAsync("internal");
        await Assertions.Expect(page.Locator("#scope-excluded tr[data-service='Clinical Systems Support']")).ToContainTextAsync("Alder Health Clinics");
        await Assertions.Expect(page.Locator("#scope-statement")).ToContainTextAsync("Managed Workplace for Harbor Logistics");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_customers_requester_sees_only_their_own_relationship_and_cannot_change_it()
    {
        var page = await server.SignedInPageAsync("oliver.grant@kestrel-financial.example", Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing/matrix");

        var row = page.Locator("#sourcing-matrix tbody tr[data-service='Database Expertise on Demand']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#sourcing-matrix tbody tr")).ToHaveCountAsync(1);
        await row.Locator("td[data-process='problem-management'] button").ClickAsync();
        await Assertions.Expect(page.Locator("#assignment-dialog")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#assignment-save")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");

        await StewardServer.GotoReadyAsync(page, "/sourcing/scope");
        await Assertions.Expect(page.Locator("#scope-statement")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_missing_agreement_is_recorded_from_the_gap_list_and_the_scope_then_finds_it_in_place()
    {
        var page = await server.SignedInPageAsync(Manager, Password);
        await StewardServer.GotoReadyAsync(page, "/sourcing/agreements");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Called for, not on record" }).ClickAsync();
        var gap = page.Locator("#missing-agreements tbody tr", new() { HasText = "Sabine Consulting" }).Filter(new() { HasText = "information-security-management" });
        await gap.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await page.Locator("#agreement-reference").FillAsync("SAB-SEC-2026");
        await page.Locator("#agreement-save").ClickAsync();

        await Assertions.Expect(page.Locator("#agreement-dialog")).ToHaveCountAsync(0);
        await Assertions.Expect(gap).ToHaveCountAsync(0);
        await StewardServer.GotoReadyAsync(page, "/sourcing/scope");
        await Assertions.Expect(page.Locator("#scope-services tr[data-service='Managed Workplace']")).ToContainTextAsync("SAB-SEC-2026");

        await StewardServer.GotoReadyAsync(page, "/sourcing/agreements");
        await page.Locator("#agreements tbody tr", new() { HasText = "SAB-SEC-2026" }).ClickAsync();
        await page.Locator("#agreement-delete").ClickAsync();
        await page.Locator(".mud-dialog", new() { HasText = "from the register" }).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#agreements tbody tr", new() { HasText = "SAB-SEC-2026" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
