using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

public sealed class DerivedKindTests
{
    readonly SourcingWorld world = new();

    [Fact]
    public void A_provider_accountable_for_every_process_delivers_service_outsourcing()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
        Assert.Equal(["p1", "p2"], sourcing.OwnedProcesses);
    }

    [Fact]
    public void Service_outsourcing_holds_when_suppliers_and_contractors_do_the_work_the_provider_answers_for()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var hooli = world.Contractor("Hooli");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech, accountable: world.Provider);
        world.Assign(payroll, "p2", hooli, accountable: world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void A_provider_accountable_for_some_but_not_all_processes_delivers_process_outsourcing()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.ProcessOutsourcing, sourcing.Kind);
        Assert.Equal(["p1"], sourcing.OwnedProcesses);
    }

    [Fact]
    public void A_provider_that_only_performs_a_step_of_another_partys_process_delivers_knowledge_outsourcing()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1/b", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Empty(sourcing.OwnedProcesses);
        Assert.Equal(["p1/b"], sourcing.PerformedActivities);
    }

    [Fact]
    public void Performing_one_step_of_the_built_in_incident_management_is_knowledge_outsourcing()
    {
        var acme = world.Customer("Acme");
        var email = world.Service("Email", "incident-management");
        world.Subscribe(acme, email);
        world.Assign(email, "incident-management/investigation-and-diagnosis", world.Provider);

        var sourcing = world.Derive(email, acme);

        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Equal(["incident-management/investigation-and-diagnosis"], sourcing.PerformedActivities);
    }

    [Fact]
    public void A_provider_that_neither_answers_for_nor_performs_anything_delivers_none()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.None, sourcing.Kind);
    }

    [Fact]
    public void A_service_without_processes_is_none()
    {
        var acme = world.Customer("Acme");
        var empty = world.Service("Empty");
        world.Subscribe(acme, empty);

        var sourcing = world.Derive(empty, acme);

        Assert.Equal(SourcingKind.None, sourcing.Kind);
        Assert.Empty(sourcing.Processes);
    }

    [Fact]
    public void A_team_of_the_provider_performing_a_step_counts_as_the_provider_performing_it()
    {
        var acme = world.Customer("Acme");
        var desk = world.Team("Service desk", world.Provider);
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1/a", desk);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Equal(["p1/a"], sourcing.PerformedActivities);
    }

    [Fact]
    public void The_accountable_party_defaults_to_the_performing_organization()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);

        var process = Assert.Single(world.Derive(payroll, acme).Processes);

        Assert.Equal(initech, process.Accountable);
    }

    [Fact]
    public void The_accountable_party_defaults_to_the_organization_owning_the_performing_team()
    {
        var acme = world.Customer("Acme");
        var desk = world.Team("Payroll desk", world.Provider);
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", desk);

        var sourcing = world.Derive(payroll, acme);

        var process = Assert.Single(sourcing.Processes);
        Assert.Equal(world.Provider, process.Accountable);
        Assert.Equal(desk, process.Performer);
        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void A_suppliers_team_performing_a_whole_process_makes_the_supplier_accountable_not_the_provider()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var initechDesk = world.Team("Initech desk", initech);
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initechDesk);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(initech, Assert.Single(sourcing.Processes).Accountable);
        Assert.Equal(SourcingKind.None, sourcing.Kind);
    }

    [Fact]
    public void A_named_accountable_party_overrides_the_performer_as_the_one_who_answers()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider, accountable: acme);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(acme, Assert.Single(sourcing.Processes).Accountable);
        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Equal(["p1/a", "p1/b"], sourcing.PerformedActivities);
    }

    [Fact]
    public void A_process_nobody_is_assigned_stays_in_house_with_the_customer()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p2", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        var p1 = sourcing.Processes[0];
        Assert.Equal((acme, acme, AssignmentSource.InHouse, (Guid?)null), (p1.Accountable, p1.Performer, p1.Source, p1.AssignmentId));
        Assert.All(p1.Activities, a => Assert.Equal((acme, AssignmentSource.InHouse), (a.Performer, a.Source)));
        Assert.Equal(["p1"], sourcing.Unassigned);
    }

    /// <summary>
    /// A provider subscribing to its own service (or deriving an internal one) is the customer, so
    /// it keeps, and answers for, every process nobody is assigned.
    /// </summary>
    [Fact]
    public void A_provider_that_is_its_own_customer_answers_for_the_processes_nobody_is_assigned()
    {
        var hosting = world.Service("Hosting", "p1", "p2");
        world.Subscribe(world.Provider, hosting);
        world.Assign(hosting, "p1", world.Provider);

        var sourcing = world.Derive(hosting, world.Provider);

        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
        Assert.Equal(["p2"], sourcing.Unassigned);
    }

    /// <summary>
    /// The agreements treat a process without steps as one step (and call for a skills agreement
    /// with the provider here), so the kind should count that step as performed too.
    /// </summary>
    [Fact]
    public void A_provider_performing_a_process_without_steps_that_another_party_answers_for_delivers_knowledge_outsourcing()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p0");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p0", world.Provider, accountable: acme);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(AgreementType.SkillsAgreement, Assert.Single(sourcing.Agreements).Type);
        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void A_customers_profile_covers_exactly_the_services_it_subscribes_to_in_name_order()
    {
        var acme = world.Customer("Acme");
        var globex = world.Customer("Globex");
        var payroll = world.Service("Payroll", "p1");
        var email = world.Service("Email", "p1");
        var hosting = world.Service("Hosting", "p2");
        world.Subscribe(acme, payroll);
        world.Subscribe(acme, hosting);
        world.Subscribe(globex, email);

        var profile = world.Model().ProfileOf(acme.Id);

        Assert.Equal([hosting, payroll], profile.Select(s => s.ServiceId));
        Assert.All(profile, s => Assert.Equal(acme.Id, s.CustomerId));
    }
}
