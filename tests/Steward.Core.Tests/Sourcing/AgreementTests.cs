using NodaTime;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

public sealed class AgreementTests
{
    static readonly string[] SkillsMeasures = ["Time to engage", "Effort spent (hours)", "Rework and reopen rate", "Skills held (qualified people)"];
    static readonly string[] StepMeasures = ["Time to engage", "Time to complete the step", "Rework rate"];

    readonly SourcingWorld world = new();
    readonly Party acme;
    readonly Party initech;
    readonly Guid payroll;

    public AgreementTests()
    {
        acme = world.Customer("Acme");
        initech = world.Supplier("Initech");
        payroll = world.Service("Payroll", "p1", "p2");
    }

    [Fact]
    public void Service_outsourcing_the_provider_does_itself_calls_for_only_an_sla_between_customer_and_provider_measured_by_the_offerings_targets()
    {
        world.Subscribe(acme, payroll, targets: [new ServiceLevelTarget("Availability", 99.9m, "%"), new ServiceLevelTarget("P1 resolution", 4, "hours")]);
        var p1 = world.Assign(payroll, "p1", world.Provider);
        var p2 = world.Assign(payroll, "p2", world.Provider);

        var sla = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal(AgreementType.ServiceLevelAgreement, sla.Type);
        Assert.Equal((acme, "customer", world.Provider, "provider"), (sla.Accountable.Party, sla.Accountable.Role, sla.Counterparty.Party, sla.Counterparty.Role));
        Assert.Equal((payroll, (string?)null, true), (sla.ServiceId, sla.ProcessKey, sla.WholeProcess));
        Assert.Equal(["Availability: 99.9 %", "P1 resolution: 4 hours"], sla.Measures);
        Assert.Equal([p1, p2], sla.Evidence);
    }

    [Fact]
    public void Process_outsourcing_calls_for_a_process_level_agreement_for_each_process_the_provider_answers_for()
    {
        world.Subscribe(acme, payroll);
        var p1 = world.Assign(payroll, "p1", world.Provider);

        var pla = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal(AgreementType.ProcessLevelAgreement, pla.Type);
        Assert.Equal((acme, world.Provider), (pla.Accountable.Party, pla.Counterparty.Party));
        Assert.Equal(("p1", true), (pla.ProcessKey, pla.WholeProcess));
        Assert.Equal(["Items handled", "Backlog"], pla.Measures);
        Assert.Equal([p1], pla.Evidence);
    }

    [Fact]
    public void Knowledge_outsourcing_calls_for_a_skills_agreement_for_the_steps_the_provider_performs()
    {
        world.Subscribe(acme, payroll);
        var step = world.Assign(payroll, "p1/b", world.Provider);

        var skills = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal(AgreementType.SkillsAgreement, skills.Type);
        Assert.Equal((acme, world.Provider, "provider"), (skills.Accountable.Party, skills.Counterparty.Party, skills.Counterparty.Role));
        Assert.Equal(("p1", false), (skills.ProcessKey, skills.WholeProcess));
        Assert.Equal(["p1/b"], skills.ActivityKeys);
        Assert.Equal(SkillsMeasures, skills.Measures);
        Assert.Equal([step], skills.Evidence);
    }

    [Fact]
    public void A_provider_performing_every_step_of_anothers_process_has_a_skills_agreement_for_the_whole_process()
    {
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider, accountable: acme);

        var skills = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal((AgreementType.SkillsAgreement, true), (skills.Type, skills.WholeProcess));
        Assert.Empty(skills.ActivityKeys);
    }

    [Fact]
    public void A_skills_agreement_for_a_providers_team_is_made_with_the_provider()
    {
        var desk = world.Team("Service desk", world.Provider);
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1/a", desk);

        var skills = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal((AgreementType.SkillsAgreement, world.Provider), (skills.Type, skills.Counterparty.Party));
    }

    [Fact]
    public void A_skills_agreement_is_made_with_whoever_answers_for_the_process_even_a_supplier()
    {
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", initech);
        world.Assign(payroll, "p1/b", world.Provider);

        var skills = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal((AgreementType.SkillsAgreement, initech, world.Provider), (skills.Type, skills.Accountable.Party, skills.Counterparty.Party));
    }

    [Fact]
    public void An_own_team_performing_a_step_calls_for_an_ola_for_that_step()
    {
        var desk = world.Team("Payroll desk", world.Provider);
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);
        var step = world.Assign(payroll, "p1/b", desk);

        var ola = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.OperationalLevelAgreement);

        Assert.Equal((world.Provider, "accountable", desk, "team"), (ola.Accountable.Party, ola.Accountable.Role, ola.Counterparty.Party, ola.Counterparty.Role));
        Assert.Equal(("p1", false), (ola.ProcessKey, ola.WholeProcess));
        Assert.Equal(["p1/b"], ola.ActivityKeys);
        Assert.Equal(StepMeasures, ola.Measures);
        Assert.Equal([step], ola.Evidence);
    }

    [Fact]
    public void An_own_team_performing_the_whole_process_calls_for_an_ola_measured_by_the_process_kpis()
    {
        var desk = world.Team("Payroll desk", world.Provider);
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", desk);

        var ola = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.OperationalLevelAgreement);

        Assert.Equal((world.Provider, desk, true), (ola.Accountable.Party, ola.Counterparty.Party, ola.WholeProcess));
        Assert.Empty(ola.ActivityKeys);
        Assert.Equal(["Items handled", "Backlog"], ola.Measures);
    }

    [Fact]
    public void A_customer_answering_for_a_process_has_an_ola_with_its_own_team()
    {
        var acmeIt = world.Team("Acme IT", acme);
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", acmeIt, forCustomer: acme);

        var ola = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal((AgreementType.OperationalLevelAgreement, acme, acmeIt), (ola.Type, ola.Accountable.Party, ola.Counterparty.Party));
    }

    [Fact]
    public void A_supplier_performing_a_step_calls_for_an_underpinning_contract_for_that_step()
    {
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);
        var step = world.Assign(payroll, "p1/a", initech);

        var uc = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.UnderpinningContract);

        Assert.Equal((world.Provider, initech, "supplier"), (uc.Accountable.Party, uc.Counterparty.Party, uc.Counterparty.Role));
        Assert.Equal(["p1/a"], uc.ActivityKeys);
        Assert.Equal(StepMeasures, uc.Measures);
        Assert.Equal([step], uc.Evidence);
    }

    [Fact]
    public void A_contractor_performing_a_whole_process_the_provider_answers_for_calls_for_an_underpinning_contract_for_all_of_it()
    {
        var hooli = world.Contractor("Hooli");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", hooli, accountable: world.Provider);

        var uc = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.UnderpinningContract);

        Assert.Equal((hooli, "p1", true), (uc.Counterparty.Party, uc.ProcessKey, uc.WholeProcess));
        Assert.Empty(uc.ActivityKeys);
    }

    [Fact]
    public void A_suppliers_team_performing_a_step_calls_for_an_underpinning_contract_with_the_supplier_organization()
    {
        var initechDesk = world.Team("Initech desk", initech);
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p1/a", initechDesk);

        var uc = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.UnderpinningContract);

        Assert.Equal(initech, uc.Counterparty.Party);
    }

    [Fact]
    public void A_recorded_agreement_with_the_same_type_parties_and_service_satisfies_the_required_one()
    {
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p2", world.Provider);
        var recorded = world.Record(AgreementType.ServiceLevelAgreement, acme, world.Provider, payroll);

        var sla = Assert.Single(world.Derive(payroll, acme).Agreements);

        Assert.Equal(recorded, sla.Recorded);
    }

    [Fact]
    public void A_recorded_agreement_without_service_or_process_covers_every_service_and_process()
    {
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p1/a", initech);
        var recorded = world.Record(AgreementType.UnderpinningContract, world.Provider, initech);

        var uc = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.UnderpinningContract);

        Assert.Equal(recorded, uc.Recorded);
    }

    [Theory]
    [InlineData("nothing", true)]
    [InlineData("type", false)]
    [InlineData("accountable", false)]
    [InlineData("counterparty", false)]
    [InlineData("service", false)]
    [InlineData("process", false)]
    public void A_recorded_agreement_that_differs_in_any_respect_does_not_satisfy_the_required_one(string differs, bool satisfied)
    {
        var hooli = world.Contractor("Hooli");
        world.Subscribe(acme, payroll);
        world.Assign(payroll, "p1", world.Provider);
        world.Assign(payroll, "p1/a", initech);
        world.Record(
            differs == "type" ? AgreementType.OperationalLevelAgreement : AgreementType.UnderpinningContract,
            differs == "accountable" ? acme : world.Provider,
            differs == "counterparty" ? hooli : initech,
            differs == "service" ? Guid.NewGuid() : payroll,
            differs == "process" ? "p2" : "p1",
            new LocalDate(2026, 3, 1));

        var uc = Assert.Single(world.Derive(payroll, acme).Agreements, a => a.Type is AgreementType.UnderpinningContract);

        Assert.Equal(satisfied, uc.Recorded is not null);
    }
}
