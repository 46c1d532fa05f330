using Steward.Core.Processes;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

/// <summary>
/// The derivation as it was first written (commit b5f3242, with the fixes of fd1ebe9): every
/// relationship derived from scratch, with no shared parts and no indexes. Kept as the oracle that
/// <see cref="SharedDerivationTests"/> compares <see cref="SourcingModel"/> with, so that its
/// shortcuts provably change no result. A change to the rules is made in both.
/// </summary>
sealed class ReferenceSourcingModel
{
    static readonly string[] SkillsMeasures = ["Time to engage", "Effort spent (hours)", "Rework and reopen rate", "Skills held (qualified people)"];
    static readonly string[] StepMeasures = ["Time to engage", "Time to complete the step", "Rework rate"];

    readonly Guid providerId;
    readonly ProcessCatalog catalog;
    readonly IReadOnlyDictionary<Guid, Party> parties;
    readonly Dictionary<Guid, ServiceFacts> services;
    readonly Dictionary<Guid, Dictionary<string, AssignmentFacts>> serviceWide = [];
    readonly Dictionary<(Guid Service, Guid Customer), Dictionary<string, AssignmentFacts>> customerSpecific = [];
    readonly Dictionary<(Guid Service, Guid Customer), List<SubscriptionFacts>> subscriptions = [];
    readonly IReadOnlyList<AgreementFacts> recorded;
    static readonly Dictionary<string, AssignmentFacts> None = [];

    /// <param name="parties">Every organization and team the assignments, services and subscriptions name.</param>
    public ReferenceSourcingModel(Guid providerId, ProcessCatalog catalog, IReadOnlyDictionary<Guid, Party> parties,
        IEnumerable<ServiceFacts> services, IEnumerable<SubscriptionFacts> subscriptions, IEnumerable<AssignmentFacts> assignments,
        IEnumerable<AgreementFacts>? recordedAgreements = null)
    {
        this.providerId = providerId;
        this.catalog = catalog;
        this.parties = parties;
        this.services = services.ToDictionary(s => s.Id);
        foreach (var s in subscriptions)
        {
            if (!this.subscriptions.TryGetValue((s.ServiceId, s.CustomerId), out var list))
                this.subscriptions[(s.ServiceId, s.CustomerId)] = list = [];
            list.Add(s);
        }
        foreach (var a in assignments)
        {
            Dictionary<string, AssignmentFacts>? layer;
            if (a.CustomerId is { } c)
            {
                if (!customerSpecific.TryGetValue((a.ServiceId, c), out layer)) customerSpecific[(a.ServiceId, c)] = layer = new(StringComparer.Ordinal);
            }
            else if (!serviceWide.TryGetValue(a.ServiceId, out layer)) serviceWide[a.ServiceId] = layer = new(StringComparer.Ordinal);
            layer[a.ActivityKey ?? a.ProcessKey] = a;
        }
        recorded = recordedAgreements?.ToList() ?? [];
    }

    public Guid ProviderId => providerId;
    public ProcessCatalog Catalog => catalog;
    public IReadOnlyCollection<ServiceFacts> Services => services.Values;

    /// <summary>The assignment for every customer of the service for a process or activity key, if any.</summary>
    public AssignmentFacts? ServiceWideAssignment(Guid serviceId, string key) =>
        serviceWide.TryGetValue(serviceId, out var layer) ? layer.GetValueOrDefault(key) : null;

    /// <summary>The customer-specific assignments of a service, for every customer.</summary>
    public IEnumerable<AssignmentFacts> CustomerAssignments(Guid serviceId) =>
        customerSpecific.Where(c => c.Key.Service == serviceId).SelectMany(c => c.Value.Values);

    /// <summary>The customers subscribing to any of the provider's services, with the services each subscribes to.</summary>
    public IEnumerable<IGrouping<Guid, Guid>> Relationships() =>
        subscriptions.Keys.Where(k => services.ContainsKey(k.Service)).GroupBy(k => k.Customer, k => k.Service);

    /// <summary>How each service the customer subscribes to is sourced, in service-name order.</summary>
    public IReadOnlyList<ServiceSourcing> ProfileOf(Guid customerId) =>
        subscriptions.Keys.Where(k => k.Customer == customerId && services.ContainsKey(k.Service))
            .Select(k => Derive(k.Service, customerId))
            .OrderBy(s => s.ServiceName, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The kind of every customer–service relationship of the provider. A service's derivation for a
    /// customer with no assignments of its own does not depend on which customer it is (work nobody
    /// is assigned stays with "the customer", who is never the provider), so it is derived once per
    /// service and shared; only customers with their own assignments are derived one by one.
    /// </summary>
    public IReadOnlyList<RelationshipSummary> SummariseAll()
    {
        var shared = new Dictionary<Guid, ServiceSourcing>();
        var result = new List<RelationshipSummary>(subscriptions.Count);
        foreach (var (key, subs) in subscriptions)
        {
            if (!services.ContainsKey(key.Service)) continue;
            ServiceSourcing derived;
            if (key.Customer == providerId || customerSpecific.ContainsKey(key)) derived = Derive(key.Service, key.Customer, withAgreements: false);
            else if (!shared.TryGetValue(key.Service, out derived!)) shared[key.Service] = derived = Derive(key.Service, key.Customer, withAgreements: false);
            result.Add(new RelationshipSummary(key.Customer, key.Service, derived.Kind, ClaimAgainst(subs, derived.Kind), derived.OwnedProcesses.Count,
                derived.Processes.Count, derived.PerformedActivities.Count));
        }
        return result;
    }

    /// <summary>How service <paramref name="serviceId"/> is sourced for customer <paramref name="customerId"/>.</summary>
    public ServiceSourcing Derive(Guid serviceId, Guid customerId) => Derive(serviceId, customerId, withAgreements: true);

    ServiceSourcing Derive(Guid serviceId, Guid customerId, bool withAgreements)
    {
        var service = services[serviceId];
        var customer = PartyOf(customerId);
        var wide = serviceWide.GetValueOrDefault(serviceId) ?? None;
        var own = customerSpecific.GetValueOrDefault((serviceId, customerId)) ?? None;

        var processes = new List<ProcessSourcing>(service.ProcessKeys.Count);
        var owned = new List<string>();
        var performed = new List<string>();
        var unassigned = new List<string>();
        var evidence = new List<Conclusion>();
        foreach (var key in service.ProcessKeys)
        {
            var definition = catalog.Find(key);
            var ownProcess = own.GetValueOrDefault(key);
            var processAssignment = ownProcess ?? wide.GetValueOrDefault(key);
            var source = SourceOf(processAssignment);
            var performer = processAssignment is null ? customer : PartyOf(processAssignment.PerformerId);
            var accountable = processAssignment is null ? customer : PartyOf(processAssignment.AccountableId ?? performer.OrganizationId);

            var activities = new List<ActivitySourcing>(definition?.Activities.Count ?? 0);
            foreach (var activity in definition?.Activities ?? [])
            {
                var step = own.GetValueOrDefault(activity.Key) ?? (ownProcess is null ? wide.GetValueOrDefault(activity.Key) : null);
                activities.Add(step is null
                    ? new ActivitySourcing(activity.Key, activity.Name, performer, source, processAssignment?.Id)
                    : new ActivitySourcing(activity.Key, activity.Name, PartyOf(step.PerformerId), SourceOf(step), step.Id));
            }
            var process = new ProcessSourcing(key, definition?.Name ?? key, accountable, performer, source, processAssignment?.Id, activities);
            processes.Add(process);

            if (processAssignment is null)
            {
                unassigned.Add(key);
                evidence.Add(new($"No assignment: {customer.Name} keeps {process.Name} in-house.", source, null));
            }
            if (accountable.Id == providerId)
            {
                owned.Add(key);
                evidence.Add(new($"{accountable.Name} is accountable for {process.Name}.", source, processAssignment?.Id));
            }
            else if (activities.Count == 0 && performer.OrganizationId == providerId)
            {
                // A process without steps is performed as one step.
                performed.Add(key);
                evidence.Add(new($"{performer.Name} performs {process.Name}, which {accountable.Name} is accountable for.", source, processAssignment?.Id));
            }
            else
            {
                foreach (var step in activities.Where(a => a.Performer.OrganizationId == providerId))
                {
                    performed.Add(step.ActivityKey);
                    evidence.Add(new($"{step.Performer.Name} performs '{step.Name}' of {process.Name}, which {accountable.Name} is accountable for.", step.Source, step.AssignmentId));
                }
            }
        }

        var kind = processes.Count == 0 ? SourcingKind.None
            : owned.Count == processes.Count ? SourcingKind.ServiceOutsourcing
            : owned.Count > 0 ? SourcingKind.ProcessOutsourcing
            : performed.Count > 0 ? SourcingKind.KnowledgeOutsourcing
            : SourcingKind.None;
        var subs = subscriptions.GetValueOrDefault((serviceId, customerId)) ?? [];
        var claimed = ClaimAgainst(subs, kind);
        var mismatch = claimed is { } c && c != kind ? MismatchReason(c, kind, service, customer, processes, owned, performed) : null;
        var agreements = withAgreements ? AgreementsOf(service, customer, kind, processes, subs) : [];
        return new ServiceSourcing(serviceId, service.Name, customerId, kind, claimed, mismatch, subs.Select(s => s.Id).ToList(),
            processes, owned, performed, unassigned, agreements, evidence);
    }

    List<RequiredAgreement> AgreementsOf(ServiceFacts service, Party customer, SourcingKind kind, List<ProcessSourcing> processes, List<SubscriptionFacts> subs)
    {
        var provider = PartyOf(providerId);
        var result = new List<RequiredAgreement>();
        // A provider delivering to itself (its internal services) agrees nothing with itself.
        if (customer.Id == providerId) kind = SourcingKind.None;
        if (kind is SourcingKind.ServiceOutsourcing)
            result.Add(Require(AgreementType.ServiceLevelAgreement, new(customer, "customer"), new(provider, "provider"), service.Id, null, true, [],
                subs.SelectMany(s => s.Targets).Select(t => t.ToString()).Distinct().ToList(),
                processes.Select(p => p.AssignmentId).OfType<Guid>().Distinct().ToList()));
        if (kind is SourcingKind.ProcessOutsourcing)
            foreach (var p in processes.Where(p => p.Accountable.Id == providerId))
                result.Add(Require(AgreementType.ProcessLevelAgreement, new(customer, "customer"), new(provider, "provider"), service.Id, p.ProcessKey, true, [],
                    KpisOf(p.ProcessKey), [p.AssignmentId!.Value]));

        foreach (var p in processes)
        {
            // Who does which steps for the accountable organization: a process without steps counts as one step.
            var steps = p.Activities.Count > 0
                ? p.Activities.Select(a => (Key: (string?)a.ActivityKey, a.Performer, a.AssignmentId))
                : [(Key: (string?)null, p.Performer, p.AssignmentId)];
            foreach (var group in steps.GroupBy(s => CounterpartyOf(p.Accountable, s.Performer)))
            {
                if (group.Key is not { } counterparty) continue;
                var keys = group.Select(s => s.Key).OfType<string>().ToList();
                var whole = group.Count() == Math.Max(1, p.Activities.Count);
                result.Add(Require(counterparty.Type, new(p.Accountable, "accountable"), counterparty.Party, service.Id, p.ProcessKey, whole,
                    whole ? [] : keys,
                    counterparty.Type is AgreementType.SkillsAgreement ? [.. SkillsMeasures] : whole ? KpisOf(p.ProcessKey) : [.. StepMeasures],
                    group.Select(s => s.AssignmentId).OfType<Guid>().Distinct().ToList()));
            }
        }
        return result;
    }

    /// <summary>
    /// The agreement the accountable organization needs with whoever performs a step: none with
    /// itself, an OLA with its own team, a skills agreement with the provider when the provider is
    /// not accountable, and an underpinning contract with anyone else.
    /// </summary>
    (AgreementType Type, AgreementParty Party)? CounterpartyOf(Party accountable, Party performer)
    {
        if (performer.OrganizationId == accountable.Id)
            return performer.Type is PartyType.Team ? (AgreementType.OperationalLevelAgreement, new(performer, "team")) : null;
        if (performer.OrganizationId == providerId)
            return (AgreementType.SkillsAgreement, new(PartyOf(providerId), "provider"));
        return (AgreementType.UnderpinningContract, new(PartyOf(performer.OrganizationId), "supplier"));
    }

    RequiredAgreement Require(AgreementType type, AgreementParty accountable, AgreementParty counterparty, Guid serviceId, string? processKey,
        bool whole, List<string> activityKeys, List<string> measures, List<Guid> evidence) =>
        new(type, accountable, counterparty, serviceId, processKey, whole, activityKeys, measures, evidence,
            recorded.FirstOrDefault(r => r.Type == type && r.AccountableId == accountable.Party.Id && r.CounterpartyId == counterparty.Party.Id
                && (r.ServiceId is null || r.ServiceId == serviceId) && (r.ProcessKey is null || r.ProcessKey == processKey)));

    List<string> KpisOf(string processKey) => catalog.Find(processKey)?.Kpis.Select(k => k.Name).ToList() ?? [];

    /// <summary>The claim to report: one that contradicts the derived kind if any subscription makes one, else the first claim.</summary>
    static SourcingKind? ClaimAgainst(List<SubscriptionFacts> subs, SourcingKind derived) =>
        subs.Select(s => s.ClaimedKind).FirstOrDefault(k => k is not null && k != derived)
        ?? subs.Select(s => s.ClaimedKind).FirstOrDefault(k => k is not null);

    static AssignmentSource SourceOf(AssignmentFacts? a) => a switch
    {
        null => AssignmentSource.InHouse,
        { CustomerId: null } => AssignmentSource.ServiceWide,
        _ => AssignmentSource.CustomerSpecific,
    };

    /// <summary>The organization or team with this id, from the facts the model was built with.</summary>
    public Party PartyOf(Guid id) => parties.TryGetValue(id, out var party) ? party
        : throw new KeyNotFoundException($"The sourcing facts do not name party {id}.");

    string MismatchReason(SourcingKind claimed, SourcingKind derived, ServiceFacts service, Party customer,
        List<ProcessSourcing> processes, List<string> owned, List<string> performed)
    {
        var provider = PartyOf(providerId).Name;
        var kept = processes.Where(p => p.Accountable.Id != providerId).Select(p => p.Name).ToList();
        var facts = derived switch
        {
            SourcingKind.ServiceOutsourcing => $"{provider} is accountable for all {processes.Count} processes of {service.Name}",
            SourcingKind.ProcessOutsourcing => $"{provider} is accountable for {owned.Count} of {processes.Count} processes of {service.Name}; others answer for {Names(kept)}",
            SourcingKind.KnowledgeOutsourcing => $"{provider} is accountable for no process of {service.Name} and only performs {performed.Count} step(s) ({Names(performed)})",
            _ => processes.Count == 0 ? $"{service.Name} has no processes" : $"{provider} neither answers for nor performs any process of {service.Name} for {customer.Name}",
        };
        return $"The subscription claims {claimed}, but the assignments make it {derived}: {facts}.";
    }

    static string Names(List<string> names) => names.Count <= 4 ? string.Join(", ", names) : string.Join(", ", names.Take(4)) + $" and {names.Count - 4} more";
}
