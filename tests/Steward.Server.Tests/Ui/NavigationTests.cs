using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Ui.Homes;
using Steward.Server.Ui.Layout;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>Each person's menu and home, decided from their roles (the API's policy table) and their organization's kind.</summary>
public sealed class NavigationTests
{
    static readonly string[] ProviderTools = ["/incidents", "/requests", "/reports", "/organizations", "/people", "/teams", "/skills", "/cost-rates",
        "/services", "/subscriptions", "/catalog", "/processes", "/sourcing", "/sourcing/matrix", "/sourcing/agreements", "/sourcing/review", "/sourcing/scope",
        "/sla/policies", "/sla/calendars", "/audit", "/satisfaction", "/satisfaction/surveys", "/improvements",
        "/finance", "/finance/practices", "/finance/costs", "/finance/rates"];

    static Viewer Person(OrganizationKind kind, params string[] roles) => new("Someone", roles, Roles.SeesAll(roles), kind);

    static Viewer CustomerRequester => Person(OrganizationKind.Customer, Roles.Requester);
    static Viewer CustomerServiceOwner => Person(OrganizationKind.Customer, Roles.Requester, Roles.ServiceOwner);
    static Viewer Agent => Person(OrganizationKind.Provider, Roles.Agent);
    static Viewer ContractorAgent => Person(OrganizationKind.Contractor, Roles.Agent);
    static Viewer ProviderManager => Person(OrganizationKind.Provider, Roles.ProviderManager);
    static Viewer Administrator => Person(OrganizationKind.Provider, Roles.Administrator);
    static Viewer Auditor => Person(OrganizationKind.Provider, Roles.Auditor);
    static Viewer ServiceOwner => Person(OrganizationKind.Provider, Roles.ServiceOwner);
    static Viewer ProcessOwner => Person(OrganizationKind.Provider, Roles.ProcessOwner);

    static List<string> Links(Viewer viewer) => Navigation.MenuFor(viewer).SelectMany(s => s.Items).Select(i => i.Href).ToList();

    static List<string?> Sections(Viewer viewer) => Navigation.MenuFor(viewer).Select(s => s.Title).Where(t => t is not null).ToList();

    [Fact]
    public void A_customers_requester_gets_the_portals_menu_and_none_of_the_providers_tools()
    {
        var links = Links(CustomerRequester);

        Assert.Equal(["/", "/incidents/new", "/portal/mine", "/portal/surveys", "/me/tokens"], links);
        Assert.Empty(Sections(CustomerRequester));
    }

    [Fact]
    public void A_customers_service_owner_gets_the_portals_menu_too_though_their_roles_read_more()
    {
        Assert.Equal(Links(CustomerRequester), Links(CustomerServiceOwner));
        Assert.Empty(ProviderTools.Intersect(Links(CustomerServiceOwner)));
    }

    [Fact]
    public void An_agent_gets_the_service_desk_but_neither_cost_rates_nor_the_portal_of_customers_alone()
    {
        var links = Links(Agent);

        Assert.Contains("/incidents", links);
        Assert.Contains("/requests", links);
        Assert.Contains("/audit", links);
        Assert.Contains("/portal", links);
        Assert.DoesNotContain("/cost-rates", links);
        Assert.Equal(["Self-service", "Service desk", "Knowledge", "Parties", "Portfolio", "Sourcing", "Service levels"], Sections(Agent));
    }

    [Fact]
    public void A_contractors_agent_works_in_the_workspace_like_the_providers_own()
    {
        Assert.Equal(Links(Agent), Links(ContractorAgent));
        Assert.Equal(HomeKind.MyWork, HomeChoice.For(ContractorAgent));
    }

    [Fact]
    public void A_provider_manager_and_an_administrator_get_every_tool()
    {
        Assert.Empty(ProviderTools.Except(Links(ProviderManager)));
        Assert.Empty(ProviderTools.Except(Links(Administrator)));
    }

    [Fact]
    public void An_auditor_reads_the_journal_and_cost_rates_and_keeps_tokens_to_read_through_the_API_but_gets_no_self_service()
    {
        var links = Links(Auditor);

        Assert.Contains("/audit", links);
        Assert.Contains("/cost-rates", links);
        Assert.Contains("/sourcing/scope", links);
        Assert.DoesNotContain("/portal", links);
        Assert.DoesNotContain("/portal/mine", links);
        Assert.Contains("/me/tokens", links);
    }

    [Fact]
    public void A_service_owner_reads_cost_rates_and_a_process_owner_does_not()
    {
        Assert.Contains("/cost-rates", Links(ServiceOwner));
        Assert.DoesNotContain("/cost-rates", Links(ProcessOwner));
    }

    [Fact]
    public void Finance_is_for_those_who_read_costs_and_never_in_a_customers_menu()
    {
        Assert.Contains("Finance", Sections(ServiceOwner));
        Assert.Contains("/finance", Links(Auditor));
        Assert.DoesNotContain("/finance", Links(Agent));
        Assert.DoesNotContain("/finance", Links(CustomerServiceOwner));
        Assert.False(Navigation.MayOpen(Agent, "/finance/practices"));
    }

    [Fact]
    public void Someone_of_the_provider_whose_only_role_is_to_ask_gets_the_portal()
    {
        var requester = Person(OrganizationKind.Provider, Roles.Requester);

        Assert.Equal(Audience.Portal, requester.Audience);
        Assert.Equal(HomeKind.Portal, HomeChoice.For(requester));
    }

    [Fact]
    public void An_administrator_of_a_customer_organization_sees_every_tenant_and_so_works_in_the_workspace()
    {
        var administrator = Person(OrganizationKind.Customer, Roles.Administrator);

        Assert.Equal(Audience.Workspace, administrator.Audience);
        Assert.Equal(HomeKind.Overview, HomeChoice.For(administrator));
    }

    [Fact]
    public void Each_role_lands_on_its_own_home()
    {
        Assert.Equal(HomeKind.Portal, HomeChoice.For(CustomerRequester));
        Assert.Equal(HomeKind.Portal, HomeChoice.For(CustomerServiceOwner));
        Assert.Equal(HomeKind.MyWork, HomeChoice.For(Agent));
        Assert.Equal(HomeKind.Sourcing, HomeChoice.For(ProviderManager));
        Assert.Equal(HomeKind.Overview, HomeChoice.For(Administrator));
        Assert.Equal(HomeKind.Compliance, HomeChoice.For(Auditor));
        Assert.Equal(HomeKind.Ownership, HomeChoice.For(ServiceOwner));
        Assert.Equal(HomeKind.Ownership, HomeChoice.For(ProcessOwner));
    }

    [Fact]
    public void An_agent_who_also_owns_a_process_starts_at_the_queue()
    {
        Assert.Equal(HomeKind.MyWork, HomeChoice.For(Person(OrganizationKind.Provider, Roles.Agent, Roles.ProcessOwner)));
        Assert.Equal(HomeKind.MyWork, HomeChoice.For(Person(OrganizationKind.Provider, Roles.ProcessOwner, Roles.Agent)));
    }

    [Theory]
    [InlineData("/audit", false)]
    [InlineData("/audit?entityType=Person", false)]
    [InlineData("/cost-rates/0190a000-0000-7000-8000-000000000000", false)]
    [InlineData("/portal", true)]
    [InlineData("/portal/items/0190a000-0000-7000-8000-000000000000", true)]
    [InlineData("/incidents/new", true)]
    [InlineData("/incidents/0190a000-0000-7000-8000-000000000000", true)]
    [InlineData("/", true)]
    [InlineData("/knowledge", true)]
    [InlineData("/knowledge/articles/0190a000-0000-7000-8000-000000000000", true)]
    [InlineData("/knowledge/articles/new", false)]
    [InlineData("/communities/new", false)]
    public void A_customers_requester_opens_what_the_APIs_policies_let_them_read(string path, bool opens) =>
        Assert.Equal(opens, Navigation.MayOpen(CustomerRequester, path));

    [Theory]
    [InlineData("/audit", true)]
    [InlineData("/cost-rates", true)]
    [InlineData("/portal", false)]
    [InlineData("/portal/mine", false)]
    [InlineData("/incidents/new", false)]
    [InlineData("/incidents", true)]
    public void An_auditor_reads_everything_and_raises_nothing(string path, bool opens) =>
        Assert.Equal(opens, Navigation.MayOpen(Auditor, path));

    [Theory]
    [InlineData("/audit", "read-journal")]
    [InlineData("/AUDIT/", "read-journal")]
    [InlineData("/auditors", "read")]
    [InlineData("/incidents/new", "work-records")]
    [InlineData("/incidents/new/more", "read")]
    [InlineData("/cost-rates/new", "read-costs")]
    [InlineData("portal/mine#top", "work-records")]
    [InlineData("/knowledge/articles/new", "write-knowledge")]
    [InlineData("/communities/new", "manage-communities")]
    [InlineData("/finance/costs", "read-costs")]
    public void A_page_needs_the_policy_of_its_longest_matching_area(string path, string policy) =>
        Assert.Equal(policy, Navigation.PolicyOf(path));

    [Fact]
    public void Someone_without_a_role_may_open_nothing_and_has_no_menu()
    {
        var nobody = Person(OrganizationKind.Provider);

        Assert.False(Navigation.MayOpen(nobody, "/"));
        Assert.Empty(Navigation.MenuFor(nobody));
    }
}
