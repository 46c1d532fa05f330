using Steward.Core.Parties;
using Steward.Core.Portfolio;

namespace Steward.Core.Sourcing;

public enum PartyType
{
    Organization,
    Team,
}

/// <summary>An organization, or a team of one, that can perform work or answer for it.</summary>
public sealed record Party(Guid Id, string Name, PartyType Type, Guid OrganizationId, OrganizationKind OrganizationKind)
{
    public static Party Of(Organization o) => new(o.Id, o.Name, PartyType.Organization, o.Id, o.Kind);

    public static Party Of(Team t, OrganizationKind ownerKind) => new(t.Id, t.Name, PartyType.Team, t.OrganizationId, ownerKind);
}

/// <summary>What the derivation needs of a service: its processes.</summary>
public sealed record ServiceFacts(Guid Id, string Name, IReadOnlyList<string> ProcessKeys,
    ServiceType Type = ServiceType.Business, ServiceLifecycle Lifecycle = ServiceLifecycle.Live);

/// <summary>What the derivation needs of a subscription: who, which service, what the contract claims and promises.</summary>
public sealed record SubscriptionFacts(Guid Id, Guid ServiceId, Guid CustomerId, string OfferingName, SourcingKind? ClaimedKind, IReadOnlyList<ServiceLevelTarget> Targets);

/// <summary>One sourcing assignment; <see cref="PerformerId"/> names an organization or a team.</summary>
public sealed record AssignmentFacts(Guid Id, Guid ServiceId, Guid? CustomerId, string ProcessKey, string? ActivityKey, Guid PerformerId, Guid? AccountableId)
{
    public static AssignmentFacts Of(SourcingAssignment a) =>
        new(a.Id, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey, a.PerformerId, a.AccountableId);
}

/// <summary>An agreement on record; it satisfies a required agreement with the same type, parties and (when set) service and process.</summary>
public sealed record AgreementFacts(Guid Id, AgreementType Type, Guid AccountableId, Guid CounterpartyId, Guid? ServiceId, string? ProcessKey,
    string Reference, IReadOnlyList<string> Measures, NodaTime.LocalDate? LastReviewedOn);
