using Steward.Core.Sourcing;

namespace Steward.Core.Measures;

/// <summary>What an agreement's measures are counted over: its customer, service and process, and the party it binds.</summary>
public sealed record AgreementScope(Guid? ServiceId, Guid? CustomerId, string? ProcessKey, Guid? PartyId);

/// <summary>
/// Turns an agreement on record into the scope its measures are computed for, so that "95 %
/// SLA compliance" on an SLA with Harbor is Harbor's records of that service, and on an
/// underpinning contract the supplier's own clocks.
/// </summary>
public static class AgreementMeasures
{
    public static AgreementScope ScopeOf(AgreementRecord agreement) => agreement.Type switch
    {
        // The provider answers to the customer for the whole service or process: the customer's records.
        AgreementType.ServiceLevelAgreement or AgreementType.ProcessLevelAgreement =>
            new(agreement.ServiceId, agreement.AccountableId == agreement.ProviderId ? null : agreement.AccountableId, agreement.ProcessKey, null),
        // The provider lends its people for steps of the customer's process: their work on the customer's records.
        AgreementType.SkillsAgreement =>
            new(agreement.ServiceId, agreement.AccountableId == agreement.ProviderId ? null : agreement.AccountableId, agreement.ProcessKey, agreement.CounterpartyId),
        // A team (OLA) or a supplier (UC) performs steps for the accountable organization: that party's own work, for every customer.
        _ => new(agreement.ServiceId, null, agreement.ProcessKey, agreement.CounterpartyId),
    };
}
