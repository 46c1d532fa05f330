using Steward.Core.Sourcing;

namespace Steward.Core.Records;

/// <summary>
/// Who performs a step of a record, from the provider's sourcing assignments for the record's
/// service, with the sourcing model's precedence: the customer's assignment for the step, else the
/// customer's assignment for the process, else the service-wide step assignment, else the
/// service-wide process assignment. Nobody assigned: the provider does it itself.
/// </summary>
public static class Routing
{
    /// <param name="candidates">The assignments of the record's service for its process and step, service-wide and for the record's customer.</param>
    /// <returns>The assignment whose performer does the step (null: the provider itself), and the organization accountable for the process.</returns>
    public static (SourcingAssignment? Performer, Guid Accountable) PerformerOf(
        IEnumerable<SourcingAssignment> candidates, Guid customerId, string processKey, string? activityKey)
    {
        SourcingAssignment? ownStep = null, ownProcess = null, wideStep = null, wideProcess = null;
        foreach (var a in candidates)
        {
            if (a.ProcessKey != processKey) continue;
            var own = a.CustomerId == customerId;
            if (a.CustomerId is not null && !own) continue;
            if (a.ActivityKey is null)
            {
                if (own) ownProcess = a; else wideProcess = a;
            }
            else if (a.ActivityKey == activityKey)
            {
                if (own) ownStep = a; else wideStep = a;
            }
        }
        var process = ownProcess ?? wideProcess;
        // Nobody answers for the process: it is the customer's own, in-house.
        var accountable = process is null ? customerId : process.AccountableId ?? process.PerformerOrganizationId;
        return (ownStep ?? ownProcess ?? wideStep ?? wideProcess, accountable);
    }

    /// <summary>
    /// The agreement a step's performer works under for the accountable organization, as the
    /// sourcing model calls for it: none for the provider's own organization, an OLA with one of the
    /// accountable organization's teams, a skills agreement when the provider performs for another
    /// accountable party, and an underpinning contract with anyone else.
    /// </summary>
    public static AgreementType? AgreementOf(Guid providerId, Guid accountableId, Guid performerOrganizationId, bool performerIsTeam)
    {
        if (performerOrganizationId == accountableId)
            return performerIsTeam ? AgreementType.OperationalLevelAgreement : null;
        if (performerOrganizationId == providerId) return AgreementType.SkillsAgreement;
        return AgreementType.UnderpinningContract;
    }
}
