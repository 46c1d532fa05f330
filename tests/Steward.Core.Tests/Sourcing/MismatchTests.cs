using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

public sealed class MismatchTests
{
    readonly SourcingWorld world = new();
    readonly Party acme;
    readonly Guid payroll;

    /// <summary>Payroll is process outsourcing unless a test says otherwise: the provider answers for p1, Acme keeps p2.</summary>
    public MismatchTests()
    {
        acme = world.Customer("Acme");
        payroll = world.Service("Payroll", "p1", "p2");
        world.Assign(payroll, "p1", world.Provider);
    }

    [Fact]
    public void A_claim_that_differs_from_the_derived_kind_is_a_mismatch_that_names_both_kinds()
    {
        world.Subscribe(acme, payroll, claims: SourcingKind.ServiceOutsourcing);

        var sourcing = world.Derive(payroll, acme);

        Assert.True(sourcing.Mismatch);
        Assert.Contains("ServiceOutsourcing", sourcing.MismatchReason, StringComparison.Ordinal);
        Assert.Contains("ProcessOutsourcing", sourcing.MismatchReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claim_equal_to_the_derived_kind_is_no_mismatch()
    {
        world.Subscribe(acme, payroll, claims: SourcingKind.ProcessOutsourcing);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal((SourcingKind?)SourcingKind.ProcessOutsourcing, sourcing.ClaimedKind);
        Assert.False(sourcing.Mismatch);
        Assert.Null(sourcing.MismatchReason);
    }

    [Fact]
    public void No_claim_is_no_mismatch()
    {
        world.Subscribe(acme, payroll);

        var sourcing = world.Derive(payroll, acme);

        Assert.False(sourcing.Mismatch);
    }

    /// <summary>Acme holds two offerings of Payroll; the first claims the truth, the second does not.</summary>
    [Fact]
    public void Any_subscription_claiming_another_kind_is_a_mismatch_even_when_an_earlier_one_claims_the_derived_kind()
    {
        var first = world.Subscribe(acme, payroll, claims: SourcingKind.ProcessOutsourcing);
        var second = world.Subscribe(acme, payroll, claims: SourcingKind.ServiceOutsourcing);

        var sourcing = world.Derive(payroll, acme);

        Assert.Equal([first, second], sourcing.SubscriptionIds);
        Assert.True(sourcing.Mismatch);
    }

    [Fact]
    public void The_summary_of_a_relationship_reports_its_claim_counts_and_mismatch()
    {
        world.Subscribe(acme, payroll, claims: SourcingKind.ServiceOutsourcing);
        world.Assign(payroll, "p2/b", world.Provider);

        var summary = Assert.Single(world.Model().SummariseAll());

        Assert.Equal((acme.Id, payroll, SourcingKind.ProcessOutsourcing, (SourcingKind?)SourcingKind.ServiceOutsourcing),
            (summary.CustomerId, summary.ServiceId, summary.Kind, summary.ClaimedKind));
        Assert.Equal((1, 2, 1), (summary.OwnedProcesses, summary.ProcessCount, summary.PerformedActivities));
        Assert.True(summary.Mismatch);
    }

    [Fact]
    public void Each_customer_gets_its_own_kind_in_the_summary_whether_or_not_it_has_assignments_of_its_own()
    {
        var model = MixedCustomers();

        var kinds = model.SummariseAll().Select(s => $"{model.PartyOf(s.CustomerId).Name} {Name(s.ServiceId)}: {s.Kind}").Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            "Acme Hosting: ProcessOutsourcing",
            "Acme Payroll: ProcessOutsourcing",
            "Globex Hosting: ServiceOutsourcing",
            "Globex Payroll: ProcessOutsourcing",
            "Soylent Payroll: None",
            "Umbrella Payroll: ServiceOutsourcing",
            "Vandelay Payroll: KnowledgeOutsourcing",
        ], kinds);
    }

    [Fact]
    public void The_summary_of_mixed_customers_agrees_with_deriving_each_relationship_one_by_one()
    {
        var model = MixedCustomers();

        var summaries = model.SummariseAll();

        Assert.All(summaries, s =>
        {
            var derived = model.Derive(s.ServiceId, s.CustomerId);
            Assert.Equal((derived.Kind, derived.ClaimedKind, derived.OwnedProcesses.Count, derived.Processes.Count, derived.PerformedActivities.Count),
                (s.Kind, s.ClaimedKind, s.OwnedProcesses, s.ProcessCount, s.PerformedActivities));
        });
    }

    readonly Dictionary<Guid, string> serviceNames = [];

    string Name(Guid service) => serviceNames[service];

    /// <summary>
    /// Payroll: the provider runs p1 and Initech p2 for everyone, but Umbrella gives p2 to the
    /// provider too, Soylent keeps p1, and Vandelay has Initech answer for both with the provider
    /// doing step p2/a. Hosting: the provider runs p1 and nobody is assigned p2, so Acme keeps it,
    /// while Globex has the provider run p2 as well.
    /// </summary>
    SourcingModel MixedCustomers()
    {
        var globex = world.Customer("Globex");
        var umbrella = world.Customer("Umbrella");
        var soylent = world.Customer("Soylent");
        var vandelay = world.Customer("Vandelay");
        var initech = world.Supplier("Initech");
        var hosting = world.Service("Hosting", "p1", "p2");
        serviceNames[payroll] = "Payroll";
        serviceNames[hosting] = "Hosting";
        world.Assign(payroll, "p2", initech);
        world.Assign(hosting, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider, forCustomer: umbrella);
        world.Assign(payroll, "p1", soylent, forCustomer: soylent);
        world.Assign(payroll, "p1", initech, forCustomer: vandelay);
        world.Assign(payroll, "p2/a", world.Provider, forCustomer: vandelay);
        world.Assign(hosting, "p2", world.Provider, forCustomer: globex);
        foreach (var customer in new[] { acme, globex, umbrella, soylent, vandelay })
            world.Subscribe(customer, payroll, claims: SourcingKind.ProcessOutsourcing);
        world.Subscribe(acme, hosting);
        world.Subscribe(globex, hosting);
        return world.Model();
    }
}
