using NodaTime;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

/// <summary>
/// Northwind delivers Payroll whole to Acme and Globex, runs only p1 of Hosting for Acme, lends a
/// step of Support to Globex, and runs Intranet for itself. (Intranet's process is assigned to
/// Northwind explicitly: an internal service with an unassigned process is a case of its own.)
/// </summary>
public sealed class Iso20000ScopeTests
{
    readonly SourcingWorld world = new();
    readonly Party acme;
    readonly Party globex;
    readonly Party initech;
    readonly Guid payroll;
    readonly Guid intranet;

    public Iso20000ScopeTests()
    {
        acme = world.Customer("Acme");
        globex = world.Customer("Globex");
        initech = world.Supplier("Initech");
        payroll = world.Service("Payroll", "p1", "p2");
        var hosting = world.Service("Hosting", "p1", "p2");
        var support = world.Service("Support", "p1");
        intranet = world.Service("Intranet", "p1");
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);
        world.Assign(hosting, "p1", world.Provider);
        world.Assign(support, "p1/a", world.Provider);
        world.Assign(intranet, "p1", world.Provider);
        world.Subscribe(acme, payroll);
        world.Subscribe(globex, payroll);
        world.Subscribe(acme, hosting);
        world.Subscribe(globex, support);
    }

    Iso20000ScopeResult Scope() => Iso20000Scope.For(world.Model(), world.Provider, [(intranet, "Intranet")]);

    [Fact]
    public void A_service_delivered_whole_is_in_scope_with_its_customers()
    {
        var scope = Scope();

        var delivered = Assert.Single(scope.Services, s => !s.Internal);
        Assert.Equal("Payroll", delivered.ServiceName);
        Assert.Equal([acme, globex], delivered.Customers);
    }

    [Fact]
    public void An_internal_service_is_in_scope_as_internal()
    {
        var scope = Scope();

        var own = Assert.Single(scope.Services, s => s.Internal);
        Assert.Equal((intranet, "Intranet"), (own.ServiceId, own.ServiceName));
        Assert.Empty(own.Customers);
    }

    /// <summary>
    /// Nobody is assigned p2 of Intranet, so the customer keeps it, and for an internal service the
    /// customer is the organization itself: it answers for every process, with no assignment to cite.
    /// </summary>
    [Fact]
    public void An_internal_service_with_a_process_nobody_is_assigned_is_in_scope_as_internal()
    {
        var wiki = world.Service("Wiki", "p1", "p2");
        world.Assign(wiki, "p1", world.Provider);

        var scope = Iso20000Scope.For(world.Model(), world.Provider, [(wiki, "Wiki")]);

        Assert.True(Assert.Single(scope.Services, s => s.ServiceId == wiki).Internal);
    }

    /// <summary>
    /// The organization must keep accountability for what others operate (8.2.3): a supplier that
    /// answers for a process of an internal service takes that service out of the scope, with a reason.
    /// </summary>
    [Fact]
    public void An_internal_service_whose_process_another_party_answers_for_is_excluded_with_the_reason()
    {
        var wiki = world.Service("Wiki", "p1", "p2");
        world.Assign(wiki, "p1", world.Provider);
        world.Assign(wiki, "p2", initech);

        var scope = Iso20000Scope.For(world.Model(), world.Provider, [(wiki, "Wiki")]);

        Assert.DoesNotContain(scope.Services, s => s.ServiceId == wiki);
        var excluded = Assert.Single(scope.Excluded, e => e.ServiceId == wiki);
        Assert.Equal(world.Provider, excluded.Customer);
        Assert.Contains("Initech is accountable for", excluded.Reason, StringComparison.Ordinal);
        Assert.Contains("1 internal service(s) stay out", scope.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void An_internal_service_a_supplier_operates_for_the_organization_stays_in_scope_with_the_supplier_listed()
    {
        var wiki = world.Service("Wiki", "p1");
        world.Assign(wiki, "p1", initech, accountable: world.Provider);

        var scope = Iso20000Scope.For(world.Model(), world.Provider, [(wiki, "Wiki")]);

        var scoped = Assert.Single(scope.Services, s => s.ServiceId == wiki);
        var operated = Assert.Single(scoped.OperatedByOthers);
        Assert.Equal((initech, AgreementType.UnderpinningContract), (operated.Party, operated.Agreement));
    }

    [Fact]
    public void Process_and_knowledge_outsourcing_relationships_are_excluded_with_a_reason()
    {
        var scope = Scope();

        Assert.Equal(
            [("Hosting", acme, SourcingKind.ProcessOutsourcing), ("Support", globex, SourcingKind.KnowledgeOutsourcing)],
            scope.Excluded.Select(e => (e.ServiceName, e.Customer, e.Kind)));
        Assert.All(scope.Excluded, e => Assert.Contains(e.Customer.Name, e.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void A_service_delivered_whole_to_one_customer_only_is_in_scope_for_that_customer_and_excluded_for_the_other()
    {
        world.Assign(payroll, "p2", acme, forCustomer: acme);

        var scope = Scope();

        Assert.Equal([globex], Assert.Single(scope.Services, s => s.ServiceName == "Payroll").Customers);
        Assert.Contains(scope.Excluded, e => (e.ServiceName, e.Customer, e.Kind) == ("Payroll", acme, SourcingKind.ProcessOutsourcing));
    }

    [Fact]
    public void A_suppliers_step_is_operated_by_others_under_an_underpinning_contract()
    {
        world.Assign(payroll, "p1/b", initech);

        var scope = Scope();

        var other = Assert.Single(Assert.Single(scope.Services, s => s.ServiceName == "Payroll").OperatedByOthers);
        Assert.Equal(("p1", "Process one", false, initech, AgreementType.UnderpinningContract, 2),
            (other.ProcessKey, other.ProcessName, other.WholeProcess, other.Party, other.Agreement, other.Customers));
        Assert.Equal(["p1/b"], other.ActivityKeys);
    }

    [Fact]
    public void A_step_done_by_a_suppliers_team_is_operated_by_the_supplier()
    {
        world.Assign(payroll, "p1/b", world.Team("Initech desk", initech));

        var scope = Scope();

        var other = Assert.Single(Assert.Single(scope.Services, s => s.ServiceName == "Payroll").OperatedByOthers);
        Assert.Equal((initech, AgreementType.UnderpinningContract), (other.Party, other.Agreement));
    }

    [Fact]
    public void An_own_teams_work_is_not_operated_by_others_though_its_ola_is_on_the_checklist()
    {
        var desk = world.Team("Payroll desk", world.Provider);
        world.Assign(payroll, "p1/b", desk);

        var scope = Scope();

        Assert.Empty(Assert.Single(scope.Services, s => s.ServiceName == "Payroll").OperatedByOthers);
        Assert.Contains(scope.Checklist, e => (e.Type, e.Counterparty) == (AgreementType.OperationalLevelAgreement, desk));
    }

    [Fact]
    public void The_statement_names_the_organization_and_the_services_in_scope()
    {
        var scope = Scope();

        Assert.StartsWith("The service management system of Northwind covers", scope.Statement, StringComparison.Ordinal);
        Assert.Contains("Payroll for Acme, Globex; Intranet (internal)", scope.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting", scope.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checklist_has_in_place_only_the_agreements_with_a_matching_record_and_its_last_review()
    {
        world.Assign(payroll, "p1/b", initech);
        var contract = world.Record(AgreementType.UnderpinningContract, world.Provider, initech, payroll, "p1", new LocalDate(2026, 3, 1));

        var checklist = Scope().Checklist.Where(e => e.ServiceId == payroll);

        Assert.Equal(
            [
                (AgreementType.ServiceLevelAgreement, "Acme", false, (LocalDate?)null, (Guid?)null),
                (AgreementType.ServiceLevelAgreement, "Globex", false, null, null),
                (AgreementType.UnderpinningContract, "Northwind", true, new LocalDate(2026, 3, 1), contract.Id),
            ],
            checklist.Select(e => (e.Type, e.Accountable.Name, e.InPlace, e.LastReviewedOn, e.AgreementId)).OrderBy(e => e.Type).ThenBy(e => e.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void The_checklist_leaves_out_the_agreements_of_excluded_relationships()
    {
        var scope = Scope();

        Assert.DoesNotContain(scope.Checklist, e => e.ServiceName is "Hosting" or "Support");
    }
}
