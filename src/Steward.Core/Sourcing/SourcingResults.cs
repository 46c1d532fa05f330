namespace Steward.Core.Sourcing;

/// <summary>Where a conclusion comes from: a customer-specific assignment, a service-wide one, or no assignment (the customer keeps it).</summary>
public enum AssignmentSource
{
    CustomerSpecific,
    ServiceWide,
    InHouse,
}

public sealed record ActivitySourcing(string ActivityKey, string Name, Party Performer, AssignmentSource Source, Guid? AssignmentId);

public sealed record ProcessSourcing(
    string ProcessKey,
    string Name,
    Party Accountable,
    Party Performer,
    AssignmentSource Source,
    Guid? AssignmentId,
    IReadOnlyList<ActivitySourcing> Activities);

/// <summary>A party to an agreement and its role in it: provider, customer, accountable, team or supplier.</summary>
public sealed record AgreementParty(Party Party, string Role);

/// <summary>
/// An agreement the sourcing calls for. <see cref="WholeProcess"/> says the counterparty performs
/// every step of <see cref="ProcessKey"/>; otherwise <see cref="ActivityKeys"/> lists the steps.
/// <see cref="Evidence"/> lists the assignments that call for it; <see cref="Recorded"/> is the
/// agreement on record that satisfies it, if any.
/// </summary>
public sealed record RequiredAgreement(
    AgreementType Type,
    AgreementParty Accountable,
    AgreementParty Counterparty,
    Guid ServiceId,
    string? ProcessKey,
    bool WholeProcess,
    IReadOnlyList<string> ActivityKeys,
    IReadOnlyList<string> Measures,
    IReadOnlyList<Guid> Evidence,
    AgreementFacts? Recorded);

/// <summary>One conclusion of the derivation and the assignment that made it (none when the customer keeps the work).</summary>
public sealed record Conclusion(string Statement, AssignmentSource Source, Guid? AssignmentId);

/// <summary>How one service is sourced between a provider and one customer.</summary>
public sealed record ServiceSourcing(
    Guid ServiceId,
    string ServiceName,
    Guid CustomerId,
    SourcingKind Kind,
    SourcingKind? ClaimedKind,
    string? MismatchReason,
    IReadOnlyList<Guid> SubscriptionIds,
    IReadOnlyList<ProcessSourcing> Processes,
    IReadOnlyList<string> OwnedProcesses,
    IReadOnlyList<string> PerformedActivities,
    IReadOnlyList<string> Unassigned,
    IReadOnlyList<RequiredAgreement> Agreements,
    IReadOnlyList<Conclusion> Evidence)
{
    public bool Mismatch => MismatchReason is not null;
}

/// <summary>The kind of one provider–customer–service relationship, without the detail: what dashboards count.</summary>
public sealed record RelationshipSummary(Guid CustomerId, Guid ServiceId, SourcingKind Kind, SourcingKind? ClaimedKind, int OwnedProcesses, int ProcessCount, int PerformedActivities)
{
    public bool Mismatch => ClaimedKind is { } claimed && claimed != Kind;
}
