using NodaTime;
using Steward.Core.Records;
using Steward.Core.Satisfaction;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Satisfaction;

/// <summary>
/// Whose work a rating is about: the party that performed the step the record was resolved in (not
/// closure's, which resolving routes it to), the organization accountable for the process as the
/// sourcing model's precedence names it, and nothing recomputed afterwards.
/// </summary>
public sealed class AttributionTests
{
    static readonly Guid Provider = Guid.NewGuid(), Customer = Guid.NewGuid(), Other = Guid.NewGuid(), Service = Guid.NewGuid();
    static readonly Guid Desk = Guid.NewGuid(), Supplier = Guid.NewGuid(), SupplierTeam = Guid.NewGuid();
    const string Incident = "incident-management";
    const string Investigation = "incident-management/investigation-and-diagnosis";

    static WorkRecord Record(Guid? service = null) => new()
    {
        Kind = RecordKind.Incident, Number = "INC000007", Sequence = 7, ProviderId = Provider, CustomerId = Customer, ServiceId = service ?? Service,
        Title = "Mail down", ProcessKey = Incident, ActivityKey = Investigation, PerformerId = SupplierTeam, PerformerOrganizationId = Supplier,
        PerformerAgreement = AgreementType.UnderpinningContract, State = RecordState.InProgress,
    };

    static SourcingAssignment Assign(string? activity, Guid performerOrganization, Guid? team = null, Guid? accountable = null, Guid? customer = null) => new()
    {
        ProviderId = Provider, ServiceId = Service, CustomerId = customer, ProcessKey = Incident, ActivityKey = activity,
        PerformerOrganizationId = performerOrganization, PerformerTeamId = team, AccountableId = accountable,
    };

    [Fact]
    public void The_performer_is_the_one_of_the_step_the_record_was_resolved_in_not_closures()
    {
        var record = Record();
        var step = ResolvingStep.Of(record);
        // Resolving moves the record to closure and routes it to the desk.
        record.State = RecordState.Resolved;
        record.ActivityKey = "incident-management/closure";
        record.PerformerId = Desk;
        record.PerformerOrganizationId = Provider;
        record.PerformerAgreement = AgreementType.OperationalLevelAgreement;

        var about = Attribution.AtResolution(record, step, [Assign(null, Provider, Desk, Provider), Assign(Investigation, Supplier, SupplierTeam)], SourcingKind.ServiceOutsourcing);

        Assert.Equal((SupplierTeam, Supplier, AgreementType.UnderpinningContract), (about.PerformerId, about.PerformerOrganizationId, about.PerformerAgreement));
        Assert.Equal(Provider, about.AccountableId);
        Assert.Equal((Service, Customer, SourcingKind.ServiceOutsourcing), (about.ServiceId, about.CustomerId, about.SourcingKind));
    }

    [Fact]
    public void The_accountable_party_is_named_by_the_process_assignment_the_customer_s_own_before_the_service_wide_one()
    {
        var record = Record();
        var assignments = new[] { Assign(null, Provider, Desk, Provider), Assign(null, Customer, customer: Customer), Assign(null, Other, customer: Other) };

        var about = Attribution.AtResolution(record, ResolvingStep.Of(record), assignments, SourcingKind.KnowledgeOutsourcing);

        Assert.Equal(Customer, about.AccountableId);
    }

    [Fact]
    public void A_process_assignment_without_an_accountable_party_makes_its_performer_accountable()
    {
        var record = Record();

        var about = Attribution.AtResolution(record, ResolvingStep.Of(record), [Assign(null, Supplier, SupplierTeam)], SourcingKind.None);

        Assert.Equal(Supplier, about.AccountableId);
    }

    [Fact]
    public void Nobody_assigned_the_process_leaves_it_with_the_customer_in_house()
    {
        var record = Record();

        var about = Attribution.AtResolution(record, ResolvingStep.Of(record), [Assign(Investigation, Supplier, SupplierTeam)], SourcingKind.None);

        Assert.Equal(Customer, about.AccountableId);
        Assert.Equal(SupplierTeam, about.PerformerId);
    }

    [Fact]
    public void A_record_without_a_service_has_no_kind_of_sourcing_and_its_customer_answers_for_it()
    {
        var record = Record();
        record.ServiceId = null;

        var about = Attribution.AtResolution(record, ResolvingStep.Of(record), [], SourcingKind.ServiceOutsourcing);

        Assert.Equal((Customer, (SourcingKind?)null, (Guid?)null), (about.AccountableId, about.SourcingKind, about.ServiceId));
    }

    [Fact]
    public void The_attribution_travels_from_the_invitation_to_the_response_unchanged()
    {
        var record = Record();
        var about = Attribution.AtResolution(record, ResolvingStep.Of(record), [Assign(null, Provider, Desk, Provider)], SourcingKind.ProcessOutsourcing);
        var survey = new Survey { ProviderId = Provider, Name = "After resolution", AsksRecommend = true };
        var person = Guid.NewGuid();
        var invitation = SurveyInvitation.For(survey, person, about, Instant.FromUtc(2026, 11, 30, 9, 0), record);

        var response = invitation.Answer(person, Instant.FromUtc(2026, 11, 30, 10, 0), 4, 9, null).Response!;

        Assert.Equal((record.Id, RecordKind.Incident, Service, Customer), (response.RecordId!.Value, response.RecordKind!.Value, response.ServiceId!.Value, response.CustomerId));
        Assert.Equal((SupplierTeam, Supplier, AgreementType.UnderpinningContract, Provider, SourcingKind.ProcessOutsourcing),
            (response.PerformerId!.Value, response.PerformerOrganizationId!.Value, response.PerformerAgreement!.Value, response.AccountableId!.Value, response.SourcingKind!.Value));
        Assert.Equal(invitation.InvitedAt, response.InvitedAt);
    }
}
