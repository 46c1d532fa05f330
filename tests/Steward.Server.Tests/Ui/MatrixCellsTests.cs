using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Ui.Sourcing;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>The matrix's cells are written as HTML by hand, so what the Razor renderer did for free is checked here.</summary>
public sealed class MatrixCellsTests
{
    static readonly Guid ProviderId = Guid.NewGuid(), CustomerId = Guid.NewGuid();
    static readonly MatrixColumn Incidents = new("incident-management", "Incident management", LifecycleStage.Operation);
    static readonly MatrixColumn Changes = new("change-management", "Change management", LifecycleStage.Transition);
    static readonly Dictionary<string, int> Index = new() { [Incidents.Key] = 0, [Changes.Key] = 1 };

    static PartyView Party(string name, string role, OrganizationKind kind = OrganizationKind.Supplier) =>
        new(Guid.NewGuid(), name, PartyType.Organization, Guid.NewGuid(), kind, role);

    static MatrixRow Row(string serviceName, params MatrixCell[] cells) =>
        new(Guid.NewGuid(), serviceName, ServiceType.Business, ServiceLifecycle.Live, SourcingKind.ServiceOutsourcing, null, false,
            new Dictionary<SourcingKind, int>(), cells);

    static MatrixCell Cell(string key, PartyView? performer, PartyView? accountable = null, AssignmentSource? source = AssignmentSource.ServiceWide,
        int steps = 0, IReadOnlyList<CustomerOverrideView>? overrides = null, bool inService = true) =>
        new(key, inService, performer, accountable, source, performer is null ? null : Guid.NewGuid(), steps, overrides ?? []);

    [Fact]
    public void Names_are_encoded_so_a_party_cannot_inject_markup()
    {
        var evil = Party("<img src=x onerror=alert(1)> & \"Co\"", "supplier");
        var html = MatrixCells.Markup(Row("S", Cell(Incidents.Key, evil), Cell(Changes.Key, null, source: AssignmentSource.InHouse)),
            [Incidents, Changes], Index, forCustomer: true, "Alder");

        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Co&quot;", html);
    }

    [Fact]
    public void A_cell_names_its_process_and_is_coloured_by_the_performer()
    {
        var html = MatrixCells.Markup(Row("S", Cell(Incidents.Key, Party("Cloudrock", "supplier")), Cell(Changes.Key, null, source: AssignmentSource.InHouse)),
            [Incidents, Changes], Index, forCustomer: true, "Alder");

        Assert.Contains("<td class=\"cell party-supplier\" data-process=\"incident-management\"><button class=\"cell-button\"><span class=\"cell-performer\">Cloudrock</span>", html);
        Assert.Contains("<td class=\"cell party-none\" data-process=\"change-management\"><button class=\"cell-button\"><span class=\"cell-performer\">in-house</span>", html);
    }

    [Fact]
    public void Only_a_name_too_long_for_its_column_gets_a_tooltip()
    {
        var html = MatrixCells.Markup(Row("S", Cell(Incidents.Key, Party("Cloudrock", "supplier")), Cell(Changes.Key, Party("Meridian Managed Services", "provider"))),
            [Incidents, Changes], Index, forCustomer: false, null);

        Assert.DoesNotContain("title=\"Cloudrock\"", html);
        Assert.Contains("title=\"Meridian Managed Services\"", html);
    }

    [Fact]
    public void Badges_show_the_customers_own_assignment_other_performers_steps_and_customers_that_differ()
    {
        var alder = Party("Alder", "customer", OrganizationKind.Customer);
        var harbor = Party("Harbor", "customer", OrganizationKind.Customer);
        var desk = Party("Desk", "provider", OrganizationKind.Provider);
        var overrides = new List<CustomerOverrideView>
        {
            new(alder, desk, null, null, Guid.NewGuid()),
            new(alder, desk, null, "incident-management/logging", Guid.NewGuid()),
            new(harbor, desk, null, null, Guid.NewGuid()),
        };
        var own = MatrixCells.Markup(Row("S", Cell(Incidents.Key, desk, source: AssignmentSource.CustomerSpecific, steps: 2), Cell(Changes.Key, desk)),
            [Incidents, Changes], Index, forCustomer: true, "Harbor Logistics");
        var wide = MatrixCells.Markup(Row("S", Cell(Incidents.Key, desk, overrides: overrides), Cell(Changes.Key, desk)),
            [Incidents, Changes], Index, forCustomer: false, null);

        Assert.Contains("<span class=\"badge-own\" title=\"Harbor Logistics&#39; own assignment\">●</span>", own);
        Assert.Contains("<span class=\"badge\">+2 steps</span>", own);
        Assert.Contains("<span class=\"badge\" title=\"Alder, Harbor\">2 differ</span>", wide);
        Assert.Single(wide.Split("cell-badges").Skip(1)); // the change-management cell has nothing to mark
    }

    [Fact]
    public void A_process_outside_the_service_and_an_organization_answering_for_another_are_shown()
    {
        var supplier = Party("Cloudrock", "supplier");
        var provider = Party("Meridian", "provider", OrganizationKind.Provider);
        var html = MatrixCells.Markup(Row("Hosting", Cell(Incidents.Key, supplier, accountable: provider), Cell(Changes.Key, null, inService: false)),
            [Incidents, Changes], Index, forCustomer: true, "Alder");

        Assert.Contains("<span class=\"cell-accountable\">for Meridian</span>", html);
        Assert.Contains("<td class=\"cell cell-absent\" title=\"Hosting does not need Change management\"></td>", html);
    }
}
