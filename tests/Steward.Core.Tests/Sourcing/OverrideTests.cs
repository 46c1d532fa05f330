using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

public sealed class OverrideTests
{
    readonly SourcingWorld world = new();

    [Fact]
    public void A_customer_specific_assignment_gives_the_provider_a_process_a_supplier_runs_for_everyone_else()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);
        world.Assign(payroll, "p2", world.Provider);
        var acmes = world.Assign(payroll, "p1", world.Provider, forCustomer: acme);

        var sourcing = world.Derive(payroll, acme);

        var p1 = sourcing.Processes[0];
        Assert.Equal((world.Provider, AssignmentSource.CustomerSpecific, (Guid?)acmes), (p1.Accountable, p1.Source, p1.AssignmentId));
        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void A_customer_specific_assignment_takes_a_process_back_from_the_provider()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);
        world.Assign(payroll, "p1", acme, forCustomer: acme);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(acme, sourcing.Processes[0].Accountable);
        Assert.Equal(SourcingKind.ProcessOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void A_customer_specific_assignment_leaves_other_customers_on_the_service_wide_one()
    {
        var acme = world.Customer("Acme");
        var globex = world.Customer("Globex");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1", "p2");
        world.Subscribe(acme, payroll);
        world.Subscribe(globex, payroll);
        var wide = world.Assign(payroll, "p1", initech);
        world.Assign(payroll, "p2", world.Provider);
        world.Assign(payroll, "p1", world.Provider, forCustomer: acme);

        var sourcing = world.Derive(payroll, globex);

        var p1 = sourcing.Processes[0];
        Assert.Equal((initech, AssignmentSource.ServiceWide, (Guid?)wide), (p1.Accountable, p1.Source, p1.AssignmentId));
        Assert.Equal(SourcingKind.ProcessOutsourcing, sourcing.Kind);
    }

    [Fact]
    public void An_activity_assignment_takes_one_step_away_from_the_process_performer()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        var process = world.Assign(payroll, "p1", world.Provider);
        var step = world.Assign(payroll, "p1/b", initech);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(
            [("p1/a", world.Provider, (Guid?)process), ("p1/b", initech, step)],
            sourcing.Processes[0].Activities.Select(a => (a.ActivityKey, a.Performer, a.AssignmentId)));
        Assert.Equal(world.Provider, sourcing.Processes[0].Accountable);
    }

    [Fact]
    public void An_activity_assignment_gives_the_provider_one_step_of_a_process_a_supplier_answers_for()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);
        world.Assign(payroll, "p1/a", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Equal(["p1/a"], sourcing.PerformedActivities);
    }

    [Fact]
    public void A_customer_process_assignment_masks_the_service_wide_activity_assignments_of_that_process()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1/a", world.Provider);
        world.Assign(payroll, "p1", initech, forCustomer: acme);

        var sourcing = world.Derive(payroll, acme);

        Assert.All(sourcing.Processes[0].Activities, a => Assert.Equal((initech, AssignmentSource.CustomerSpecific), (a.Performer, a.Source)));
        Assert.Equal(SourcingKind.None, sourcing.Kind);
    }

    [Fact]
    public void A_customer_activity_assignment_does_not_mask_service_wide_assignments_of_the_other_steps()
    {
        var acme = world.Customer("Acme");
        var initech = world.Supplier("Initech");
        var hooli = world.Contractor("Hooli");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);
        world.Assign(payroll, "p1/b", world.Provider);
        world.Assign(payroll, "p1/a", hooli, forCustomer: acme);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(
            [(hooli, AssignmentSource.CustomerSpecific), (world.Provider, AssignmentSource.ServiceWide)],
            sourcing.Processes[0].Activities.Select(a => (a.Performer, a.Source)));
    }

    [Fact]
    public void A_step_assigned_without_any_process_assignment_leaves_the_rest_of_the_process_with_the_customer()
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1/a", world.Provider);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal(
            [(world.Provider, AssignmentSource.ServiceWide), (acme, AssignmentSource.InHouse)],
            sourcing.Processes[0].Activities.Select(a => (a.Performer, a.Source)));
        Assert.Equal(acme, sourcing.Processes[0].Accountable);
        Assert.Equal(["p1"], sourcing.Unassigned);
    }

    /// <summary>
    /// Who performs step p1/a for Acme, given which of the four layers assign it. Each layer names
    /// its own organization so the winner is plain: customer activity > customer process >
    /// service-wide activity > service-wide process > the customer itself.
    /// </summary>
    [Theory]
    [InlineData(true, true, true, true, "Alpha")]
    [InlineData(true, false, false, false, "Alpha")]
    [InlineData(false, true, true, true, "Bravo")]
    [InlineData(false, true, true, false, "Bravo")]
    [InlineData(false, false, true, true, "Charlie")]
    [InlineData(false, false, false, true, "Delta")]
    [InlineData(false, false, false, false, "Acme")]
    public void The_most_specific_assignment_performs_a_step(
        bool customerActivity, bool customerProcess, bool serviceWideActivity, bool serviceWideProcess, string performer)
    {
        var acme = world.Customer("Acme");
        var payroll = world.Service("Payroll", "p1");
        world.Subscribe(acme, payroll);
        if (customerActivity) world.Assign(payroll, "p1/a", world.Supplier("Alpha"), forCustomer: acme);
        if (customerProcess) world.Assign(payroll, "p1", world.Supplier("Bravo"), forCustomer: acme);
        if (serviceWideActivity) world.Assign(payroll, "p1/a", world.Supplier("Charlie"));
        if (serviceWideProcess) world.Assign(payroll, "p1", world.Supplier("Delta"));

        var step = world.Derive(payroll, acme).Processes[0].Activities[0];

        Assert.Equal(performer, step.Performer.Name);
    }
}
