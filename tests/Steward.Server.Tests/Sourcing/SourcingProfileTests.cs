using System.Net;
using NodaTime;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

/// <summary>
/// The acceptance of the sourcing model: a provider manager new to Steward sets up a portfolio and
/// says who performs what, all through the API, and the profile derives the kind of sourcing and the
/// agreements it calls for.
/// </summary>
public sealed class SourcingProfileTests(StewardApp app) : IClassFixture<StewardApp>
{
    static readonly string[] IncidentAndChange = ["incident-management", "change-management"];

    [Fact]
    public async Task A_provider_team_performing_every_process_is_service_outsourcing_with_an_sla_and_olas()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Retailer");
        var team = await provider.TeamAsync("Operations");
        var service = await provider.ServiceAsync("Workplace", IncidentAndChange);
        var gold = await provider.OfferingAsync(service.Id, "Gold", new { name = "Availability", target = 99.9m, unit = "%" });
        await provider.SubscribeAsync(gold.Id, customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", team.Id);
        await provider.AssignAsync(service.Id, "change-management", team.Id);

        var profile = await provider.ProfileAsync(customer.Id);

        var sourcing = Assert.Single(profile.Services);
        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
        Assert.Equal(1, profile.Kinds[SourcingKind.ServiceOutsourcing]);
        Assert.Equal(0, profile.Mismatches);
        Assert.Equal(provider.Id, profile.Provider.Id);
        Assert.Equal("customer", profile.Customer.Role);
        Assert.Equal(IncidentAndChange, sourcing.OwnedProcesses);
        Assert.Empty(sourcing.Unassigned);
        Assert.All(sourcing.Processes, p => Assert.Equal(team.Id, p.PerformerId));
        Assert.All(sourcing.Processes, p => Assert.Equal(AssignmentSource.ServiceWide, p.Source));
        var sla = Assert.Single(sourcing.Agreements, a => a.Type is AgreementType.ServiceLevelAgreement);
        Assert.Equal(customer.Id, sla.AccountableId());
        Assert.Equal(provider.Id, sla.CounterpartyId());
        Assert.Equal(["Availability: 99.9 %"], sla.Measures);
        Assert.False(sla.InPlace);
        var olas = sourcing.Agreements.Where(a => a.Type is AgreementType.OperationalLevelAgreement).ToList();
        Assert.Equal(IncidentAndChange, olas.Select(a => a.ProcessKey));
        Assert.All(olas, a => Assert.Equal(team.Id, a.CounterpartyId()));
        Assert.All(olas, a => Assert.Equal(provider.Id, a.AccountableId()));
        Assert.All(olas, a => Assert.True(a.WholeProcess));
        Assert.Equal(3, sourcing.Agreements.Count);
    }

    [Fact]
    public async Task A_customer_keeping_one_process_through_its_own_assignment_is_process_outsourcing_for_that_customer_only()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var keeper = await provider.CustomerAsync("Keeps Changes");
        var other = await provider.CustomerAsync("Hands Over All");
        var service = await provider.SubscribedServiceAsync("Workplace", IncidentAndChange, keeper.Id, other.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);
        await provider.AssignAsync(service.Id, "change-management", provider.Id);
        var own = await provider.AssignAsync(service.Id, "change-management", keeper.Id, customerId: keeper.Id);

        var keepersProfile = await provider.ProfileAsync(keeper.Id);
        var keepers = keepersProfile.Services.Single(s => s.ServiceId == service.Id);
        var others = await provider.SourcingOfAsync(service.Id, other.Id);

        Assert.Equal(SourcingKind.ProcessOutsourcing, keepers.Kind);
        Assert.Equal(["incident-management"], keepers.OwnedProcesses);
        var change = keepers.Processes.Single(p => p.ProcessKey == "change-management");
        Assert.Equal(AssignmentSource.CustomerSpecific, change.Source);
        Assert.Equal(own.Id, change.AssignmentId);
        Assert.Equal(keeper.Id, change.AccountableId);
        Assert.Equal("customer", keepersProfile.Parties[change.PerformerId].Role);
        var pla = Assert.Single(keepers.Agreements);
        Assert.Equal(AgreementType.ProcessLevelAgreement, pla.Type);
        Assert.Equal("incident-management", pla.ProcessKey);
        Assert.Contains("Mean time to resolve", pla.Measures);
        Assert.Equal(SourcingKind.ServiceOutsourcing, others.Kind);
        Assert.Equal(AgreementType.ServiceLevelAgreement, Assert.Single(others.Agreements).Type);
    }

    [Fact]
    public async Task A_provider_lending_skills_for_one_step_of_the_customers_processes_is_knowledge_outsourcing_under_a_skills_agreement()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Runs Its Own");
        var service = await provider.SubscribedServiceAsync("Workplace", IncidentAndChange, customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", customer.Id, customerId: customer.Id);
        await provider.AssignAsync(service.Id, "change-management", customer.Id, customerId: customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id, customerId: customer.Id, activityKey: "incident-management/investigation-and-diagnosis");

        var sourcing = await provider.SourcingOfAsync(service.Id, customer.Id);

        Assert.Equal(SourcingKind.KnowledgeOutsourcing, sourcing.Kind);
        Assert.Empty(sourcing.OwnedProcesses);
        Assert.Equal(["incident-management/investigation-and-diagnosis"], sourcing.PerformedActivities);
        var skills = Assert.Single(sourcing.Agreements);
        Assert.Equal(AgreementType.SkillsAgreement, skills.Type);
        Assert.Equal(customer.Id, skills.AccountableId());
        Assert.Equal(provider.Id, skills.CounterpartyId());
        Assert.False(skills.WholeProcess);
        Assert.Equal(["incident-management/investigation-and-diagnosis"], skills.ActivityKeys);
        var step = Assert.Single(sourcing.Processes.Single(p => p.ProcessKey == "incident-management").ActivityOverrides);
        Assert.Equal("incident-management/investigation-and-diagnosis", step.ActivityKey);
        Assert.Equal(provider.Id, step.PerformerId);
        Assert.Equal(AssignmentSource.CustomerSpecific, step.Source);
    }

    [Fact]
    public async Task A_supplier_performing_one_step_calls_for_an_underpinning_contract()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Retailer");
        var supplier = await provider.SupplierAsync("Field Engineers");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);
        await provider.AssignAsync(service.Id, "incident-management", supplier.Id, activityKey: "incident-management/resolution-and-recovery");

        var sourcing = await provider.SourcingOfAsync(service.Id, customer.Id);

        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.Kind);
        var contract = Assert.Single(sourcing.Agreements, a => a.Type is AgreementType.UnderpinningContract);
        Assert.Equal(provider.Id, contract.AccountableId());
        Assert.Equal(supplier.Id, contract.CounterpartyId());
        Assert.Equal("supplier", contract.Parties[1].Role);
        Assert.Equal("incident-management", contract.ProcessKey);
        Assert.False(contract.WholeProcess);
        Assert.Equal(["incident-management/resolution-and-recovery"], contract.ActivityKeys);
    }

    [Fact]
    public async Task Processes_nobody_is_assigned_are_listed_as_unassigned_and_stay_with_the_customer()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Partly Served");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management", "change-management", "problem-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);

        var sourcing = await provider.SourcingOfAsync(service.Id, customer.Id);

        Assert.Equal(SourcingKind.ProcessOutsourcing, sourcing.Kind);
        Assert.Equal(["change-management", "problem-management"], sourcing.Unassigned);
        var change = sourcing.Processes.Single(p => p.ProcessKey == "change-management");
        Assert.Equal(AssignmentSource.InHouse, change.Source);
        Assert.Equal(customer.Id, change.AccountableId);
        Assert.Null(change.AssignmentId);
        Assert.Contains(sourcing.Evidence, e => e.Source is AssignmentSource.InHouse && e.Statement.Contains("Change management", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_the_assignments_contradict_is_a_mismatch_with_a_reason()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Believes Everything");
        var service = await provider.ServiceAsync("Workplace", IncidentAndChange);
        var offering = await provider.OfferingAsync(service.Id);
        await provider.SubscribeAsync(offering.Id, customer.Id, claimedKind: "ServiceOutsourcing");
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);

        var profile = await provider.ProfileAsync(customer.Id);

        var sourcing = Assert.Single(profile.Services);
        Assert.True(sourcing.Mismatch);
        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.ClaimedKind);
        Assert.Equal(SourcingKind.ProcessOutsourcing, sourcing.Kind);
        Assert.StartsWith("The subscription claims ServiceOutsourcing, but the assignments make it ProcessOutsourcing", sourcing.MismatchReason, StringComparison.Ordinal);
        Assert.Contains("Change management", sourcing.MismatchReason, StringComparison.Ordinal);
        Assert.Equal(1, profile.Mismatches);
    }

    [Fact]
    public async Task A_claim_the_assignments_bear_out_is_no_mismatch()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Well Informed");
        var service = await provider.ServiceAsync("Workplace", ["incident-management"]);
        var offering = await provider.OfferingAsync(service.Id);
        await provider.SubscribeAsync(offering.Id, customer.Id, claimedKind: "ServiceOutsourcing");
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);

        var sourcing = await provider.SourcingOfAsync(service.Id, customer.Id);

        Assert.False(sourcing.Mismatch);
        Assert.Null(sourcing.MismatchReason);
        Assert.Equal(SourcingKind.ServiceOutsourcing, sourcing.ClaimedKind);
    }

    [Fact]
    public async Task A_recorded_agreement_puts_the_agreement_the_sourcing_calls_for_in_place()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Signed Up");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);
        var before = await provider.SourcingOfAsync(service.Id, customer.Id);

        var recorded = await provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customer.Id, counterpartyId = provider.Id,
            serviceId = service.Id, reference = "SLA-2026-001", measures = (string[])["Availability 99.9 %"], signedOn = "2026-01-15", lastReviewedOn = "2026-06-01",
        });

        Assert.False(Assert.Single(before.Agreements).InPlace);
        var agreement = await ProviderBuilder.CreatedAsync<AgreementView>(recorded);
        var sla = Assert.Single((await provider.SourcingOfAsync(service.Id, customer.Id)).Agreements);
        Assert.True(sla.InPlace);
        Assert.Equal(agreement.Id, sla.RecordedAgreementId);
        Assert.Equal("SLA-2026-001", sla.RecordedReference);
        Assert.Equal(new LocalDate(2026, 6, 1), sla.LastReviewedOn);
    }

    [Fact]
    public async Task An_agreement_for_another_service_puts_nothing_in_place()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Two Services");
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id);
        var elsewhere = await provider.SubscribedServiceAsync("Hosting", ["incident-management"], customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id);

        var recorded = await provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = provider.Id, type = "ServiceLevelAgreement", accountableId = customer.Id, counterpartyId = provider.Id,
            serviceId = elsewhere.Id, reference = "SLA-HOSTING",
        });

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.False(Assert.Single((await provider.SourcingOfAsync(service.Id, customer.Id)).Agreements).InPlace);
    }

    [Fact]
    public async Task A_profile_finds_the_agreement_on_record_of_a_supplier_whose_team_answers_for_a_process()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Read Alone");
        var other = await provider.CustomerAsync("Read Beside");
        var supplier = await provider.SupplierAsync("Desk Partners");
        var suppliersTeam = await provider.TeamAsync("Partner desk", supplier.Id);
        var service = await provider.SubscribedServiceAsync("Workplace", ["incident-management"], customer.Id, other.Id);
        await provider.AssignAsync(service.Id, "incident-management", suppliersTeam.Id);
        await provider.AssignAsync(service.Id, "incident-management", provider.Id, activityKey: "incident-management/resolution-and-recovery");
        var skills = await ProviderBuilder.CreatedAsync<AgreementView>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = provider.Id, type = "SkillsAgreement", accountableId = supplier.Id, counterpartyId = provider.Id, reference = "SKA-DESK",
        }));
        await provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = provider.Id, type = "SkillsAgreement", accountableId = other.Id, counterpartyId = provider.Id, reference = "SKA-OTHER",
        });

        var profile = await provider.ProfileAsync(customer.Id);

        // The one-customer load reads only agreements whose accountable party can appear: here the
        // supplier, which answers for the process through its team.
        var agreement = Assert.Single(Assert.Single(profile.Services).Agreements, a => a.Type is AgreementType.SkillsAgreement);
        Assert.Equal(supplier.Id, agreement.AccountableId());
        Assert.Equal((true, (Guid?)skills.Id), (agreement.InPlace, agreement.RecordedAgreementId));
    }

    [Fact]
    public async Task A_profile_describes_each_party_once_and_lists_only_the_steps_someone_else_performs()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Lean");
        var supplier = await provider.SupplierAsync("Step Doers");
        var team = await provider.TeamAsync("Desk");
        var service = await provider.SubscribedServiceAsync("Workplace", IncidentAndChange, customer.Id);
        await provider.AssignAsync(service.Id, "incident-management", team.Id);
        await provider.AssignAsync(service.Id, "change-management", team.Id);
        await provider.AssignAsync(service.Id, "incident-management", supplier.Id, activityKey: "incident-management/resolution-and-recovery");

        var profile = await provider.ProfileAsync(customer.Id);

        var sourcing = Assert.Single(profile.Services);
        var incident = sourcing.Processes.Single(p => p.ProcessKey == "incident-management");
        var step = Assert.Single(incident.ActivityOverrides);
        Assert.Equal(("incident-management/resolution-and-recovery", supplier.Id), (step.ActivityKey, step.PerformerId));
        Assert.Empty(sourcing.Processes.Single(p => p.ProcessKey == "change-management").ActivityOverrides);
        var referenced = sourcing.Processes.SelectMany(p => new[] { p.AccountableId, p.PerformerId }.Concat(p.ActivityOverrides.Select(a => a.PerformerId)))
            .Concat(sourcing.Agreements.SelectMany(a => a.Parties.Select(x => x.PartyId))).ToHashSet();
        Assert.Equal(referenced.Order(), profile.Parties.Keys.Order());
        Assert.Equal(("Desk", "provider"), (profile.Parties[team.Id].Name, profile.Parties[team.Id].Role));
        Assert.Equal("supplier", profile.Parties[supplier.Id].Role);
    }
}
