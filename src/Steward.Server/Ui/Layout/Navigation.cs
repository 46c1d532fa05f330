using MudBlazor;
using Steward.Server.Api;

namespace Steward.Server.Ui.Layout;

/// <summary>One entry of the menu.</summary>
public sealed record NavItem(string Title, string Href, string Icon, bool Exact = false, bool External = false);

/// <summary>A titled group of the menu; untitled groups show their entries at the top level.</summary>
public sealed record NavSection(string? Title, string? Icon, IReadOnlyList<NavItem> Items);

/// <summary>
/// What each person may open and what their menu shows. A page's content is for whoever passes the
/// API policy of the data it shows (<see cref="Pages"/>, read from <see cref="Access"/>); the menu
/// lists, of the entries meant for the person's audience, those they may open. The layout renders
/// both: the menu, and a page's content only when <see cref="MayOpen"/> allows it.
/// </summary>
public static class Navigation
{
    /// <summary>
    /// The API policy each area of the UI needs, by path: the longest matching entry decides; an
    /// exact entry matches that path only. Paths not listed need <see cref="Access.Read"/>, as the
    /// API's reads do. A record's own page (/incidents/{id}) is for anyone its tenancy shows it to.
    /// </summary>
    static readonly (string Path, bool Exact, string Policy)[] Pages =
    [
        ("/portal", false, Access.WorkRecords),
        ("/incidents/new", true, Access.WorkRecords),
        ("/cost-rates", false, Access.ReadCosts),
        ("/audit", false, Access.ReadJournal),
        ("/communities/new", true, Access.ManageCommunities),
        ("/knowledge/articles/new", true, Access.WriteKnowledge),
        ("/satisfaction", false, Access.ReadSatisfaction),
        ("/finance", false, Access.ReadCosts),
    ];

    /// <summary>The portal's menu: customers' people and those who only ask see this and nothing of the provider's tools.</summary>
    static readonly NavSection[] PortalMenu =
    [
        new(null, null,
        [
            new("Home", "/", Icons.Material.Filled.Home, Exact: true),
            new("Report an incident", "/incidents/new", Icons.Material.Filled.ReportProblem, Exact: true),
            new("My requests and approvals", "/portal/mine", Icons.Material.Filled.Inbox),
            new("My surveys", "/portal/surveys", Icons.Material.Filled.RateReview),
        ]),
        new(null, null,
        [
            new("My tokens", "/me/tokens", Icons.Material.Filled.Key),
        ]),
    ];

    /// <summary>The workspace's menu: the provider's tools, each shown to those who may open it.</summary>
    static readonly NavSection[] WorkspaceMenu =
    [
        new(null, null, [new("Home", "/", Icons.Material.Filled.Home, Exact: true)]),
        new("Self-service", Icons.Material.Filled.Storefront,
        [
            new("Portal", "/portal", Icons.Material.Filled.Storefront, Exact: true),
            new("My requests and approvals", "/portal/mine", Icons.Material.Filled.Inbox),
            new("My surveys", "/portal/surveys", Icons.Material.Filled.RateReview),
        ]),
        new("Service desk", Icons.Material.Filled.SupportAgent,
        [
            new("Incidents", "/incidents", Icons.Material.Filled.ReportProblem),
            new("Service requests", "/requests", Icons.Material.Filled.RoomService),
            new("Reports", "/reports", Icons.Material.Filled.BarChart),
            new("Satisfaction", "/satisfaction", Icons.Material.Filled.SentimentSatisfied, Exact: true),
            new("Surveys", "/satisfaction/surveys", Icons.Material.Filled.Quiz),
            new("Improvements", "/improvements", Icons.Material.Filled.TrendingUp),
        ]),
        new("Knowledge", Icons.Material.Filled.MenuBook,
        [
            new("Knowledge base", "/knowledge", Icons.Material.Filled.MenuBook),
            new("Communities", "/communities", Icons.Material.Filled.Forum),
        ]),
        new("Parties", Icons.Material.Filled.Groups,
        [
            new("Organizations", "/organizations", Icons.Material.Filled.Business),
            new("People", "/people", Icons.Material.Filled.Person),
            new("Teams", "/teams", Icons.Material.Filled.Group),
            new("Skills", "/skills", Icons.Material.Filled.School),
            new("Cost rates", "/cost-rates", Icons.Material.Filled.Payments),
        ]),
        new("Portfolio", Icons.Material.Filled.Widgets,
        [
            new("Services", "/services", Icons.Material.Filled.MiscellaneousServices),
            new("Subscriptions", "/subscriptions", Icons.Material.Filled.Handshake),
            new("Catalogue items", "/catalog", Icons.Material.Filled.ListAlt),
            new("Process library", "/processes", Icons.Material.Filled.AccountTree),
        ]),
        new("Sourcing", Icons.Material.Filled.Hub,
        [
            new("Dashboard", "/sourcing", Icons.Material.Filled.Dashboard, Exact: true),
            new("Matrix", "/sourcing/matrix", Icons.Material.Filled.GridOn),
            new("Agreements", "/sourcing/agreements", Icons.Material.Filled.Gavel),
            new("Relationship review", "/sourcing/review", Icons.Material.Filled.FactCheck),
            new("ISO/IEC 20000 scope", "/sourcing/scope", Icons.Material.Filled.VerifiedUser),
        ]),
        new("Service levels", Icons.Material.Filled.Timer,
        [
            new("SLA policies", "/sla/policies", Icons.Material.Filled.Rule),
            new("Business calendars", "/sla/calendars", Icons.Material.Filled.CalendarMonth),
        ]),
        new("Finance", Icons.Material.Filled.AccountBalance,
        [
            new("Profit and loss", "/finance", Icons.Material.Filled.QueryStats, Exact: true),
            new("Practices", "/finance/practices", Icons.Material.Filled.Workspaces),
            new("Costs", "/finance/costs", Icons.Material.Filled.ReceiptLong),
            new("Exchange rates", "/finance/rates", Icons.Material.Filled.CurrencyExchange),
        ]),
        new(null, null,
        [
            new("Audit journal", "/audit", Icons.Material.Filled.History),
            new("My tokens", "/me/tokens", Icons.Material.Filled.Key),
            new("API docs", "/api/docs", Icons.Material.Filled.Api, External: true),
        ]),
    ];

    /// <summary>The menu of <paramref name="viewer"/>: their audience's entries that they may open, empty groups left out.</summary>
    public static IReadOnlyList<NavSection> MenuFor(Viewer viewer) =>
        (viewer.Audience is Audience.Portal ? PortalMenu : WorkspaceMenu)
            .Select(s => s with { Items = s.Items.Where(i => i.External || MayOpen(viewer, i.Href)).ToList() })
            .Where(s => s.Items.Count > 0)
            .ToList();

    /// <summary>Whether <paramref name="viewer"/> may see the content of the page at <paramref name="path"/> (query and fragment ignored).</summary>
    public static bool MayOpen(Viewer viewer, string path) => viewer.Passes(PolicyOf(path));

    /// <summary>The API policy the page at <paramref name="path"/> needs.</summary>
    public static string PolicyOf(string path)
    {
        var bare = Bare(path);
        var best = (Length: -1, Policy: Access.Read);
        foreach (var (prefix, exact, policy) in Pages)
        {
            var matches = exact
                ? string.Equals(bare, prefix, StringComparison.OrdinalIgnoreCase)
                : string.Equals(bare, prefix, StringComparison.OrdinalIgnoreCase) || bare.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase);
            if (matches && prefix.Length > best.Length) best = (prefix.Length, policy);
        }
        return best.Policy;
    }

    /// <summary>"/audit?x=1#top" and "audit/" as "/audit": the path a route matches.</summary>
    static string Bare(string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        var bare = (end < 0 ? path : path[..end]).TrimEnd('/');
        return bare.StartsWith('/') ? bare : "/" + bare;
    }
}
