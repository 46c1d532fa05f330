using NodaTime;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;

namespace Steward.Server.Sourcing;

/// <summary>A party as the API shows it; <see cref="Role"/> says what it is to the provider: provider, customer, supplier, contractor or other.</summary>
public sealed record PartyView(Guid Id, string Name, PartyType Type, Guid OrganizationId, OrganizationKind OrganizationKind, string Role)
{
    public static PartyView Of(Party p, Guid providerId, Guid? customerId) => new(p.Id, p.Name, p.Type, p.OrganizationId, p.OrganizationKind,
        p.OrganizationId == providerId ? "provider"
        : p.OrganizationId == customerId ? "customer"
        : p.OrganizationKind switch
        {
            OrganizationKind.Supplier => "supplier",
            OrganizationKind.Contractor => "contractor",
            OrganizationKind.Customer => "customer",
            _ => "other",
        });
}

/// <summary>A step of a process performed by another party than the process performer; every other step follows the process.</summary>
public sealed record ActivityOverrideView(string ActivityKey, string Name, Guid PerformerId, AssignmentSource Source, Guid? AssignmentId);

public sealed record ProcessSourcingView(string ProcessKey, string Name, Guid AccountableId, Guid PerformerId, AssignmentSource Source,
    Guid? AssignmentId, IReadOnlyList<ActivityOverrideView> ActivityOverrides);

public sealed record AgreementPartyView(Guid PartyId, string Role);

public sealed record RequiredAgreementView(AgreementType Type, IReadOnlyList<AgreementPartyView> Parties, string? ProcessKey,
    bool WholeProcess, IReadOnlyList<string> ActivityKeys, IReadOnlyList<string> Measures, IReadOnlyList<Guid> Evidence,
    bool InPlace, Guid? RecordedAgreementId, string? RecordedReference, LocalDate? LastReviewedOn);

public sealed record ServiceSourcingView(Guid ServiceId, string ServiceName, SourcingKind Kind, SourcingKind? ClaimedKind, bool Mismatch, string? MismatchReason,
    IReadOnlyList<Guid> SubscriptionIds, IReadOnlyList<string> OwnedProcesses, IReadOnlyList<string> PerformedActivities, IReadOnlyList<string> Unassigned,
    IReadOnlyList<ProcessSourcingView> Processes, IReadOnlyList<RequiredAgreementView> Agreements, IReadOnlyList<Conclusion> Evidence)
{
    /// <param name="parties">Collects every party the view refers to by id, for the profile's <c>parties</c>.</param>
    public static ServiceSourcingView Of(ServiceSourcing s, Guid providerId, Dictionary<Guid, PartyView> parties)
    {
        Guid P(Party p)
        {
            if (!parties.ContainsKey(p.Id)) parties[p.Id] = PartyView.Of(p, providerId, s.CustomerId);
            return p.Id;
        }
        return new(s.ServiceId, s.ServiceName, s.Kind, s.ClaimedKind, s.Mismatch, s.MismatchReason, s.SubscriptionIds,
            s.OwnedProcesses, s.PerformedActivities, s.Unassigned,
            s.Processes.Select(p => new ProcessSourcingView(p.ProcessKey, p.Name, P(p.Accountable), P(p.Performer), p.Source, p.AssignmentId,
                p.Activities.Where(a => a.Performer.Id != p.Performer.Id)
                    .Select(a => new ActivityOverrideView(a.ActivityKey, a.Name, P(a.Performer), a.Source, a.AssignmentId)).ToList())).ToList(),
            s.Agreements.Select(a => new RequiredAgreementView(a.Type,
                [new(P(a.Accountable.Party), a.Accountable.Role), new(P(a.Counterparty.Party), a.Counterparty.Role)],
                a.ProcessKey, a.WholeProcess, a.ActivityKeys, a.Measures, a.Evidence,
                a.Recorded is not null, a.Recorded?.Id, a.Recorded?.Reference, a.Recorded?.LastReviewedOn)).ToList(),
            s.Evidence);
    }
}

/// <summary>
/// How a provider sources every service one customer subscribes to. Processes, steps and agreements
/// name their parties by id; <see cref="Parties"/> describes each once. A process lists only the steps
/// someone else performs (<see cref="ProcessSourcingView.ActivityOverrides"/>): the rest follow the process.
/// </summary>
public sealed record SourcingProfileView(PartyView Provider, PartyView Customer, IReadOnlyDictionary<SourcingKind, int> Kinds, int Mismatches,
    IReadOnlyDictionary<Guid, PartyView> Parties, IReadOnlyList<ServiceSourcingView> Services);

public sealed record MismatchView(Guid CustomerId, string CustomerName, Guid ServiceId, string ServiceName, SourcingKind Kind, SourcingKind ClaimedKind);

public sealed record CustomerKindsView(Guid CustomerId, string CustomerName, int Services, IReadOnlyDictionary<SourcingKind, int> Kinds);

/// <summary>A provider's relationships at a glance: what the dashboard charts.</summary>
public sealed record SourcingOverviewView(PartyView Provider, int Customers, int Relationships, IReadOnlyDictionary<SourcingKind, int> Kinds,
    IReadOnlyList<MismatchView> Mismatches, IReadOnlyList<CustomerKindsView> ByCustomer);

public sealed record ScopeOperatedView(string ProcessKey, string ProcessName, bool WholeProcess, IReadOnlyList<string> ActivityKeys, PartyView Party,
    AgreementType Agreement, int Customers, bool InPlace, string? Reference);

public sealed record ScopedServiceView(Guid ServiceId, string ServiceName, bool Internal, IReadOnlyList<PartyView> Customers, IReadOnlyList<ScopeOperatedView> OperatedByOtherParties);

public sealed record ScopeExclusionView(Guid ServiceId, string ServiceName, PartyView Customer, SourcingKind Kind, string Reason);

public sealed record EvidenceItemView(AgreementType Type, PartyView Accountable, PartyView Counterparty, Guid ServiceId, string ServiceName, string? ProcessKey,
    bool AgreementInPlace, bool MeasuresDefined, LocalDate? LastReviewedOn, Guid? AgreementId);

public sealed record Iso20000ScopeView(PartyView Organization, string Statement, IReadOnlyList<ScopedServiceView> Services,
    IReadOnlyList<ScopeExclusionView> Excluded, IReadOnlyList<EvidenceItemView> Checklist)
{
    public static Iso20000ScopeView Of(Iso20000ScopeResult r)
    {
        var self = r.Organization.Id;
        PartyView P(Party p) => PartyView.Of(p, self, null);
        return new(P(r.Organization), r.Statement,
            r.Services.Select(s => new ScopedServiceView(s.ServiceId, s.ServiceName, s.Internal, s.Customers.Select(P).ToList(),
                s.OperatedByOthers.Select(o => new ScopeOperatedView(o.ProcessKey, o.ProcessName, o.WholeProcess, o.ActivityKeys, P(o.Party),
                    o.Agreement, o.Customers, o.Recorded is not null, o.Recorded?.Reference)).ToList())).ToList(),
            r.Excluded.Select(e => new ScopeExclusionView(e.ServiceId, e.ServiceName, P(e.Customer), e.Kind, e.Reason)).ToList(),
            r.Checklist.Select(c => new EvidenceItemView(c.Type, P(c.Accountable), P(c.Counterparty), c.ServiceId, c.ServiceName, c.ProcessKey,
                c.InPlace, c.MeasuresDefined, c.LastReviewedOn, c.AgreementId)).ToList());
    }
}

public sealed record MatrixColumn(string Key, string Name, LifecycleStage Stage);

public sealed record CustomerOverrideView(PartyView Customer, PartyView Performer, PartyView? Accountable, string? ActivityKey, Guid AssignmentId);

/// <summary>
/// One service × process cell. For one customer: who performs and answers for it, and where that
/// comes from. Service-wide: the assignment for every customer (none: each customer keeps it) and
/// the customers with their own.
/// </summary>
public sealed record MatrixCell(string ProcessKey, bool InService, PartyView? Performer, PartyView? Accountable, AssignmentSource? Source,
    Guid? AssignmentId, int ActivityOverrides, IReadOnlyList<CustomerOverrideView> CustomerOverrides);

public sealed record MatrixRow(Guid ServiceId, string ServiceName, ServiceType Type, ServiceLifecycle Lifecycle, SourcingKind? Kind, SourcingKind? ClaimedKind,
    bool Mismatch, IReadOnlyDictionary<SourcingKind, int> Kinds, IReadOnlyList<MatrixCell> Cells);

public sealed record ProcessServiceEntry(Guid ServiceId, string ServiceName, PartyView? Performer, PartyView? Accountable, AssignmentSource? Source,
    int ActivityOverrides, IReadOnlyList<CustomerOverrideView> Customers);

public sealed record ProcessRow(string ProcessKey, string Name, LifecycleStage Stage, IReadOnlyList<ProcessServiceEntry> Services);

/// <summary>The two views of the same data: services × processes, and processes → services (and customers).</summary>
public sealed record SourcingMatrix(PartyView Provider, PartyView? Customer, IReadOnlyList<MatrixColumn> Processes, IReadOnlyList<MatrixRow> Services,
    IReadOnlyList<ProcessRow> ByProcess);
