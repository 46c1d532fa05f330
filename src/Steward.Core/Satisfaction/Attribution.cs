using Steward.Core.Records;
using Steward.Core.Sourcing;

namespace Steward.Core.Satisfaction;

/// <summary>
/// The step a record was in when it was resolved and the party the sourcing model had routed it to:
/// taken before the move, because resolving hands the record on to closure (and its performer).
/// </summary>
public sealed record ResolvingStep(string? ActivityKey, Guid? PerformerId, Guid? PerformerOrganizationId, AgreementType? PerformerAgreement)
{
    public static ResolvingStep Of(WorkRecord record) =>
        new(record.ActivityKey, record.PerformerId, record.PerformerOrganizationId, record.PerformerAgreement);
}

/// <summary>
/// Whose work a rating is about, as the sourcing model named the parties when the record was
/// resolved: the party that performed the resolving step (a team or an organization) and the
/// agreement it worked under, the organization accountable for the record's process, and the
/// derived kind of sourcing of the customer's relationship for the service. Stored with the
/// invitation and copied to the response, never recomputed: a later change of the assignments
/// does not move old ratings to new parties.
/// </summary>
public sealed record Attribution(
    Guid? ServiceId,
    Guid CustomerId,
    Guid? PerformerId,
    Guid? PerformerOrganizationId,
    AgreementType? PerformerAgreement,
    Guid? AccountableId,
    SourcingKind? SourcingKind)
{
    /// <param name="record">The record as resolved (its service, customer and process).</param>
    /// <param name="step">The step it was resolved in, taken before the move.</param>
    /// <param name="serviceAssignments">The provider's sourcing assignments of the record's service (service-wide and per customer).</param>
    /// <param name="kind">The derived kind of the customer's relationship for the service, when there is a service.</param>
    public static Attribution AtResolution(WorkRecord record, ResolvingStep step, IEnumerable<SourcingAssignment> serviceAssignments, SourcingKind? kind)
    {
        // As the workflow routes: without a service nobody is assigned, and the process is the customer's own.
        var accountable = record.ServiceId is null
            ? record.CustomerId
            : Routing.PerformerOf(serviceAssignments, record.CustomerId, record.ProcessKey, step.ActivityKey).Accountable;
        return new(record.ServiceId, record.CustomerId, step.PerformerId, step.PerformerOrganizationId, step.PerformerAgreement,
            accountable, record.ServiceId is null ? null : kind);
    }

    /// <summary>A periodic survey asks about the relationship as a whole: no record, no step, no party.</summary>
    public static Attribution OfRelationship(Guid customerId) => new(null, customerId, null, null, null, null, null);
}
