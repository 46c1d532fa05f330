using System.Collections.Concurrent;
using Steward.Core.Portfolio;
using Steward.Core.Processes;

namespace Steward.Core.Sourcing;

/// <summary>
/// The sourcing of one provider's services, from which every conclusion of the model is derived.
/// Built from plain facts (no database), so the rules are specified and tested here alone.
/// </summary>
/// <remarks>
/// Precedence, for one service S and customer C:
/// <list type="bullet">
/// <item>A process is performed and answered for by C's assignment for it, else the service-wide
/// one, else by C itself (in-house, "unassigned").</item>
/// <item>An activity is performed by C's assignment for that activity, else C's process assignment,
/// else the service-wide activity assignment, else the service-wide process assignment, else C.
/// So a customer-specific layer masks the whole service-wide layer below it.</item>
/// <item>The accountable organization of an assignment defaults to the performer, or to the
/// organization owning the performing team.</item>
/// </list>
/// A provider has many customers on the same service-wide assignments, so the model derives what
/// does not depend on the customer once: a process with a service-wide assignment, which no
/// assignment of the customer touches, comes out the same for every customer (the customer only
/// enters where nobody is assigned), and its part of the derivation (the process, its evidence, the
/// agreements its steps call for) is derived on first use and shared by every customer's result.
/// Likewise a process nobody is assigned any part of is derived once per customer profile, not once
/// per service, and the agreements the assigned steps of a kept process call for group the same way
/// for every customer who performs none of them. Results are immutable, so sharing them is safe.
/// With recorded agreements looked up by their parties instead of scanned, deriving every
/// relationship of 1,000 customers x 50 services went from 9.5 s to 0.5 s (docs/performance.md,
/// issue 4); ReferenceSourcingModel in the tests is the straightforward derivation the results are
/// checked against.
/// </remarks>
public sealed class SourcingModel
{
    static readonly IReadOnlyList<string> SkillsMeasures = Array.AsReadOnly(["Time to engage", "Effort spent (hours)", "Rework and reopen rate", "Skills held (qualified people)"]);
    static readonly IReadOnlyList<string> StepMeasures = Array.AsReadOnly(["Time to engage", "Time to complete the step", "Rework rate"]);
    static readonly Dictionary<string, AssignmentFacts> None = [];

    readonly Guid providerId;
    readonly ProcessCatalog catalog;
    readonly IReadOnlyDictionary<Guid, Party> parties;
    readonly Dictionary<Guid, ServiceFacts> services;
    readonly Dictionary<Guid, Dictionary<string, AssignmentFacts>> serviceWide = [];
    readonly Dictionary<(Guid Service, Guid Customer), Dictionary<string, AssignmentFacts>> customerSpecific = [];
    readonly Dictionary<(Guid Service, Guid Customer), List<SubscriptionFacts>> subscriptions = [];
    /// <summary>The services each customer subscribes to, in the order of <see cref="subscriptions"/>: a profile reads one customer's without walking everyone's.</summary>
    readonly Dictionary<Guid, List<Guid>> subscribedServices = [];
    /// <summary>The recorded agreements by type, accountable and counterparty, each list in the order given: a required agreement takes the first that also fits its service and process.</summary>
    readonly Dictionary<(AgreementType Type, Guid Accountable, Guid Counterparty), List<AgreementFacts>> recorded = [];
    readonly Dictionary<string, IReadOnlyList<string>> kpis;
    /// <summary>An offering's targets as SLA measures, by the targets list (the loader gives every subscription of an offering the same one; facts do not change once the model is built).</summary>
    readonly ConcurrentDictionary<IReadOnlyList<ServiceLevelTarget>, IReadOnlyList<string>> measures = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<Guid, ServicePlan> plans = [];

    /// <summary>
    /// A service's processes, by position in its process keys: the catalog's definition, the
    /// service-wide assignment of the process and of each of its steps (resolved once instead of
    /// looked up by key for every customer), and the customer-independent part once derived.
    /// </summary>
    sealed class ServicePlan(int processes)
    {
        public readonly ProcessDefinition?[] Definitions = new ProcessDefinition?[processes];
        public readonly AssignmentFacts?[] Process = new AssignmentFacts?[processes];
        public readonly AssignmentFacts?[][] Steps = new AssignmentFacts?[processes][];
        /// <summary>Each step with a service-wide assignment as derived: the same for every customer the assignment applies to.</summary>
        public readonly ActivitySourcing?[][] Sourced = new ActivitySourcing?[processes][];
        public int AssignedProcesses;
        /// <summary>
        /// The organizations performing the process's service-wide steps (null when the facts do not
        /// name one): for any other customer that keeps the process, its steps group the same way, so
        /// the groups in <see cref="InHouseGroups"/> are worked out once.
        /// </summary>
        public readonly Guid[]?[] StepOrganizations = new Guid[]?[processes];
        public readonly IReadOnlyList<StepGroup>?[] InHouseGroups = new IReadOnlyList<StepGroup>?[processes];
        /// <summary>Whether any service-wide assignment names a step of the process.</summary>
        public readonly bool[] StepAssigned = new bool[processes];
        public readonly Derivation?[] Shared = new Derivation?[processes];
    }

    /// <summary>
    /// What one customer's derivations share across its services (a profile derives them together):
    /// the processes nobody is assigned any part of, which do not depend on the service, and the
    /// customer's in-house steps and "keeps it in-house" conclusions.
    /// </summary>
    sealed class CustomerScope
    {
        public readonly Dictionary<string, Derivation> InHouse = new(StringComparer.Ordinal);
        public readonly Dictionary<ActivityDefinition, ActivitySourcing> Steps = new(ReferenceEqualityComparer.Instance);
        public readonly Dictionary<string, Conclusion> Kept = new(StringComparer.Ordinal);
    }

    /// <param name="parties">Every organization and team the assignments, services and subscriptions name.</param>
    public SourcingModel(Guid providerId, ProcessCatalog catalog, IReadOnlyDictionary<Guid, Party> parties,
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
            {
                this.subscriptions[(s.ServiceId, s.CustomerId)] = list = [];
                if (!subscribedServices.TryGetValue(s.CustomerId, out var of)) subscribedServices[s.CustomerId] = of = [];
                of.Add(s.ServiceId);
            }
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
        foreach (var s in this.services.Values)
        {
            var wide = serviceWide.GetValueOrDefault(s.Id) ?? None;
            var plan = plans[s.Id] = new ServicePlan(s.ProcessKeys.Count);
            for (var i = 0; i < s.ProcessKeys.Count; i++)
            {
                var definition = plan.Definitions[i] = catalog.Find(s.ProcessKeys[i]);
                plan.Process[i] = wide.GetValueOrDefault(s.ProcessKeys[i]);
                if (plan.Process[i] is not null) plan.AssignedProcesses++;
                var steps = plan.Steps[i] = new AssignmentFacts?[definition?.Activities.Count ?? 0];
                var sourced = plan.Sourced[i] = new ActivitySourcing?[steps.Length];
                List<Guid>? organizations = [];
                for (var j = 0; j < steps.Length; j++)
                {
                    if ((steps[j] = wide.GetValueOrDefault(definition!.Activities[j].Key)) is not { } step) continue;
                    plan.StepAssigned[i] = true;
                    // A performer the facts do not name is left to fail the derivation that needs it, as before.
                    if (parties.TryGetValue(step.PerformerId, out var performer))
                    {
                        sourced[j] = new ActivitySourcing(definition.Activities[j].Key, definition.Activities[j].Name, performer, SourceOf(step), step.Id);
                        organizations?.Add(performer.OrganizationId);
                    }
                    else organizations = null;
                }
                plan.StepOrganizations[i] = organizations?.ToArray();
            }
        }
        foreach (var r in recordedAgreements ?? [])
        {
            if (!recorded.TryGetValue((r.Type, r.AccountableId, r.CounterpartyId), out var list)) recorded[(r.Type, r.AccountableId, r.CounterpartyId)] = list = [];
            list.Add(r);
        }
        kpis = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var p in catalog.All) kpis[p.Key] = p.Kpis.Select(k => k.Name).ToList().AsReadOnly();
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
    public IReadOnlyList<ServiceSourcing> ProfileOf(Guid customerId)
    {
        var scope = new CustomerScope();
        return (subscribedServices.GetValueOrDefault(customerId) ?? []).Where(services.ContainsKey)
            .Select(s => Derive(s, customerId, withAgreements: true, scope))
            .OrderBy(s => s.ServiceName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The kind of every customer–service relationship of the provider. A service's derivation for a
    /// customer with no assignments of its own does not depend on which customer it is (work nobody
    /// is assigned stays with "the customer", who is never the provider), so it is derived once per
    /// service and shared; only customers with their own assignments are derived one by one.
    /// </summary>
    public IReadOnlyList<RelationshipSummary> SummariseAll()
    {
        var sharedKinds = new Dictionary<Guid, ServiceSourcing>();
        var result = new List<RelationshipSummary>(subscriptions.Count);
        foreach (var (key, subs) in subscriptions)
        {
            if (!services.ContainsKey(key.Service)) continue;
            ServiceSourcing derived;
            if (key.Customer == providerId || customerSpecific.ContainsKey(key)) derived = Derive(key.Service, key.Customer, withAgreements: false);
            else if (!sharedKinds.TryGetValue(key.Service, out derived!)) sharedKinds[key.Service] = derived = Derive(key.Service, key.Customer, withAgreements: false);
            result.Add(new RelationshipSummary(key.Customer, key.Service, derived.Kind, ClaimAgainst(subs, derived.Kind), derived.OwnedProcesses.Count,
                derived.Processes.Count, derived.PerformedActivities.Count));
        }
        return result;
    }

    /// <summary>How service <paramref name="serviceId"/> is sourced for customer <paramref name="customerId"/>.</summary>
    public ServiceSourcing Derive(Guid serviceId, Guid customerId) => Derive(serviceId, customerId, withAgreements: true);

    /// <summary>
    /// What processes add up to in one derivation: the whole service's for one customer, or one
    /// process's contribution, which is kept and added to every customer's derivation it holds for.
    /// </summary>
    /// <param name="owned">How many processes can be the provider's: those with an assignment.</param>
    sealed class Derivation(int processes, int owned)
    {
        public readonly List<ProcessSourcing> Processes = new(processes);
        public readonly List<string> Owned = new(Math.Min(processes, owned));
        public readonly List<string> Performed = [];
        public readonly List<string> Unassigned = [];
        public readonly List<Conclusion> Evidence = new(processes + processes / 2);
        /// <summary>What the steps call for (OLAs, skills agreements, underpinning contracts), in process order; room for an SLA in front.</summary>
        public readonly List<RequiredAgreement> Agreements = new(processes > 1 ? processes : 0);

        /// <summary>Adds the contribution of one process.</summary>
        public void Add(Derivation part, bool withAgreements)
        {
            Processes.Add(part.Processes[0]);
            if (part.Owned.Count > 0) Owned.Add(part.Owned[0]);
            if (part.Unassigned.Count > 0) Unassigned.Add(part.Unassigned[0]);
            if (part.Performed.Count > 0) Performed.AddRange(part.Performed);
            if (part.Evidence.Count == 1) Evidence.Add(part.Evidence[0]);
            else if (part.Evidence.Count > 1) Evidence.AddRange(part.Evidence);
            if (withAgreements && part.Agreements.Count > 0) Agreements.AddRange(part.Agreements);
        }
    }

    ServiceSourcing Derive(Guid serviceId, Guid customerId, bool withAgreements, CustomerScope? scope = null)
    {
        var service = services[serviceId];
        var customer = PartyOf(customerId);
        var own = customerSpecific.GetValueOrDefault((serviceId, customerId)) ?? None;
        var plan = plans[serviceId];

        var keys = service.ProcessKeys;
        var derivation = new Derivation(keys.Count, plan.AssignedProcesses + own.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var definition = plan.Definitions[i];
            if (own.Count > 0 && Touches(own, key, definition))
            {
                // The customer's own assignments mask the service-wide ones of the process (or of a step).
                var ownProcess = own.GetValueOrDefault(key);
                var steps = new AssignmentFacts?[plan.Steps[i].Length];
                for (var j = 0; j < steps.Length; j++)
                    steps[j] = own.GetValueOrDefault(definition!.Activities[j].Key) ?? (ownProcess is null ? plan.Steps[i][j] : null);
                AddProcess(derivation, serviceId, key, definition, ownProcess ?? plan.Process[i], steps, null, i, customer, withAgreements, scope);
            }
            else if (plan.Process[i] is { } wide)
            {
                // Assigned for every customer and not touched by this customer's own assignments: the
                // customer does not enter it, so any customer's derivation of it is everyone's.
                var part = Volatile.Read(ref plan.Shared[i]);
                if (part is null)
                {
                    part = new Derivation(1, 1);
                    AddProcess(part, serviceId, key, definition, wide, plan.Steps[i], plan, i, customer, withAgreements: true, null);
                    part = Interlocked.CompareExchange(ref plan.Shared[i], part, null) ?? part;
                }
                derivation.Add(part, withAgreements);
            }
            else if (scope is not null && !plan.StepAssigned[i])
            {
                // Nobody is assigned any part of it: the customer's in-house process, the same in each of its services.
                if (!scope.InHouse.TryGetValue(key, out var part))
                {
                    part = new Derivation(1, 1);
                    AddProcess(part, serviceId, key, definition, null, plan.Steps[i], plan, i, customer, withAgreements: true, scope);
                    if (part.Agreements.Count == 0) scope.InHouse[key] = part;
                }
                derivation.Add(part, withAgreements);
            }
            else AddProcess(derivation, serviceId, key, definition, null, plan.Steps[i], plan, i, customer, withAgreements, scope);
        }

        var processes = derivation.Processes;
        var owned = derivation.Owned;
        var performed = derivation.Performed;
        var kind = processes.Count == 0 ? SourcingKind.None
            : owned.Count == processes.Count ? SourcingKind.ServiceOutsourcing
            : owned.Count > 0 ? SourcingKind.ProcessOutsourcing
            : performed.Count > 0 ? SourcingKind.KnowledgeOutsourcing
            : SourcingKind.None;
        var subs = subscriptions.GetValueOrDefault((serviceId, customerId)) ?? [];
        var claimed = ClaimAgainst(subs, kind);
        var mismatch = claimed is { } c && c != kind ? MismatchReason(c, kind, service, customer, processes, owned, performed) : null;
        var agreements = withAgreements ? AgreementsOf(service, customer, kind, processes, subs, derivation.Agreements) : [];
        var subscriptionIds = new List<Guid>(subs.Count);
        foreach (var sub in subs) subscriptionIds.Add(sub.Id);
        return new ServiceSourcing(serviceId, service.Name, customerId, kind, claimed, mismatch, subscriptionIds,
            processes, owned, performed, derivation.Unassigned, agreements, derivation.Evidence);
    }

    /// <summary>Whether the customer's own assignments name the process or one of its steps.</summary>
    static bool Touches(Dictionary<string, AssignmentFacts> own, string processKey, ProcessDefinition? definition)
    {
        if (own.ContainsKey(processKey)) return true;
        foreach (var activity in definition?.Activities ?? [])
            if (own.ContainsKey(activity.Key)) return true;
        return false;
    }

    /// <summary>
    /// Derives one process of the service for the customer and adds it to <paramref name="derivation"/>.
    /// <paramref name="processAssignment"/> is the assignment that applies to the whole process and
    /// <paramref name="steps"/> the one that applies to each step of <paramref name="definition"/>, if any.
    /// With <paramref name="plan"/>, they are the service-wide ones of process <paramref name="index"/> of the plan.
    /// </summary>
    void AddProcess(Derivation derivation, Guid serviceId, string key, ProcessDefinition? definition, AssignmentFacts? processAssignment,
        AssignmentFacts?[] steps, ServicePlan? plan, int index, Party customer, bool withAgreements, CustomerScope? scope)
    {
        var sourced = plan?.Sourced[index];
        var source = SourceOf(processAssignment);
        var performer = processAssignment is null ? customer : PartyOf(processAssignment.PerformerId);
        var accountable = processAssignment is null ? customer : PartyOf(processAssignment.AccountableId ?? performer.OrganizationId);

        var definitions = definition?.Activities ?? [];
        var activities = new List<ActivitySourcing>(definitions.Count);
        for (var j = 0; j < definitions.Count; j++)
        {
            var activity = definitions[j];
            if (sourced?[j] is { } derived)
                activities.Add(derived);
            else if (steps[j] is { } step)
                activities.Add(new ActivitySourcing(activity.Key, activity.Name, PartyOf(step.PerformerId), SourceOf(step), step.Id));
            else if (processAssignment is not null || scope is null)
                activities.Add(new ActivitySourcing(activity.Key, activity.Name, performer, source, processAssignment?.Id));
            else
            {
                // The customer's own step: the same in whichever of its services it comes up.
                if (!scope.Steps.TryGetValue(activity, out var own)) scope.Steps[activity] = own = new ActivitySourcing(activity.Key, activity.Name, customer, source, null);
                activities.Add(own);
            }
        }
        var process = new ProcessSourcing(key, definition?.Name ?? key, accountable, performer, source, processAssignment?.Id, activities);
        derivation.Processes.Add(process);

        var evidence = derivation.Evidence;
        if (processAssignment is null)
        {
            derivation.Unassigned.Add(key);
            if (scope is null || !scope.Kept.TryGetValue(key, out var kept))
            {
                kept = new($"No assignment: {customer.Name} keeps {process.Name} in-house.", source, null);
                if (scope is not null) scope.Kept[key] = kept;
            }
            evidence.Add(kept);
        }
        if (accountable.Id == providerId)
        {
            derivation.Owned.Add(key);
            evidence.Add(new($"{accountable.Name} is accountable for {process.Name}.", source, processAssignment?.Id));
        }
        else if (activities.Count == 0 && performer.OrganizationId == providerId)
        {
            // A process without steps is performed as one step.
            derivation.Performed.Add(key);
            evidence.Add(new($"{performer.Name} performs {process.Name}, which {accountable.Name} is accountable for.", source, processAssignment?.Id));
        }
        else
        {
            foreach (var step in activities)
            {
                if (step.Performer.OrganizationId != providerId) continue;
                derivation.Performed.Add(step.ActivityKey);
                evidence.Add(new($"{step.Performer.Name} performs '{step.Name}' of {process.Name}, which {accountable.Name} is accountable for.", step.Source, step.AssignmentId));
            }
        }
        if (!withAgreements) return;
        if (plan is not null && processAssignment is null && customer.Type is PartyType.Organization
            && plan.StepOrganizations[index] is { } performers && Array.IndexOf(performers, customer.Id) < 0)
        {
            // The customer keeps the process and performs none of its assigned steps: the steps group
            // the same way for every such customer; only the accountable party (the customer) differs.
            var groups = Volatile.Read(ref plan.InHouseGroups[index]);
            if (groups is null)
            {
                groups = GroupSteps(process);
                groups = Interlocked.CompareExchange(ref plan.InHouseGroups[index], groups, null) ?? groups;
            }
            AddStepAgreements(derivation.Agreements, serviceId, process, groups);
        }
        else AddStepAgreements(derivation.Agreements, serviceId, process);
    }

    /// <summary>One group of a process's steps: those whose performer calls for the same agreement with the accountable organization.</summary>
    sealed class StepGroup(AgreementType type, AgreementParty counterparty)
    {
        public readonly AgreementType Type = type;
        public readonly AgreementParty Counterparty = counterparty;
        public readonly List<string> Keys = [];
        public readonly List<Guid> Evidence = [];
        public int Steps;
    }

    /// <summary>
    /// Who does which steps for the accountable organization: an agreement per counterparty, in the
    /// order the counterparties first perform a step. A process without steps counts as one step.
    /// </summary>
    void AddStepAgreements(List<RequiredAgreement> result, Guid serviceId, ProcessSourcing p, IReadOnlyList<StepGroup>? groups = null)
    {
        groups ??= GroupSteps(p);
        if (groups.Count == 0) return;
        var count = Math.Max(1, p.Activities.Count);
        var accountable = new AgreementParty(p.Accountable, "accountable");
        foreach (var group in groups)
        {
            var whole = group.Steps == count;
            result.Add(Require(group.Type, accountable, group.Counterparty, serviceId, p.ProcessKey, whole,
                whole ? [] : group.Keys,
                group.Type is AgreementType.SkillsAgreement ? SkillsMeasures : whole ? KpisOf(p.ProcessKey) : StepMeasures,
                group.Evidence));
        }
    }

    /// <summary>The process's steps by the agreement their performer calls for with the accountable organization, in order of first appearance.</summary>
    IReadOnlyList<StepGroup> GroupSteps(ProcessSourcing p)
    {
        var count = Math.Max(1, p.Activities.Count);
        StepGroup? only = null;
        List<StepGroup>? more = null;
        for (var i = 0; i < count; i++)
        {
            var (key, performer, assignmentId) = p.Activities.Count > 0
                ? (p.Activities[i].ActivityKey, p.Activities[i].Performer, p.Activities[i].AssignmentId)
                : ((string?)null, p.Performer, p.AssignmentId);
            if (CounterpartyOf(p.Accountable, performer) is not { } counterparty) continue;
            var group = only is not null && only.Type == counterparty.Type && only.Counterparty.Party.Id == counterparty.Party.Id ? only
                : more?.Find(g => g.Type == counterparty.Type && g.Counterparty.Party.Id == counterparty.Party.Id);
            if (group is null)
            {
                group = new StepGroup(counterparty.Type, new AgreementParty(counterparty.Party, counterparty.Role));
                if (only is null) only = group;
                else (more ??= [only]).Add(group);
            }
            group.Steps++;
            if (key is not null) group.Keys.Add(key);
            if (assignmentId is { } id && !group.Evidence.Contains(id)) group.Evidence.Add(id);
        }
        return more ?? (only is null ? [] : [only]);
    }

    /// <summary>The agreements of the relationship: an SLA or PLAs with the customer, then <paramref name="stepAgreements"/> (which it returns, extended).</summary>
    List<RequiredAgreement> AgreementsOf(ServiceFacts service, Party customer, SourcingKind kind, List<ProcessSourcing> processes, List<SubscriptionFacts> subs,
        List<RequiredAgreement> stepAgreements)
    {
        var provider = PartyOf(providerId);
        // A provider delivering to itself (its internal services) agrees nothing with itself.
        if (customer.Id == providerId) kind = SourcingKind.None;
        if (kind is SourcingKind.ServiceOutsourcing)
        {
            var evidence = new List<Guid>(processes.Count);
            foreach (var p in processes)
                if (p.AssignmentId is { } id && !evidence.Contains(id)) evidence.Add(id);
            stepAgreements.Insert(0, Require(AgreementType.ServiceLevelAgreement, new(customer, "customer"), new(provider, "provider"), service.Id, null, true, [],
                TargetsOf(subs), evidence));
        }
        if (kind is SourcingKind.ProcessOutsourcing)
        {
            var (accountable, counterparty) = (new AgreementParty(customer, "customer"), new AgreementParty(provider, "provider"));
            var at = 0;
            foreach (var p in processes)
                if (p.Accountable.Id == providerId)
                    stepAgreements.Insert(at++, Require(AgreementType.ProcessLevelAgreement, accountable, counterparty, service.Id, p.ProcessKey, true, [],
                        KpisOf(p.ProcessKey), [p.AssignmentId!.Value]));
        }
        return stepAgreements;
    }

    /// <summary>The service levels the subscriptions promise, as an SLA measures them; the same offering's targets are written once.</summary>
    IReadOnlyList<string> TargetsOf(List<SubscriptionFacts> subs)
    {
        if (subs.Count != 1) return subs.SelectMany(s => s.Targets).Select(t => t.ToString()).Distinct().ToList();
        var targets = subs[0].Targets;
        if (!measures.TryGetValue(targets, out var written))
            measures[targets] = written = targets.Select(t => t.ToString()).Distinct().ToList().AsReadOnly();
        return written;
    }

    /// <summary>
    /// The agreement the accountable organization needs with whoever performs a step: none with
    /// itself, an OLA with its own team, a skills agreement with the provider when the provider is
    /// not accountable, and an underpinning contract with anyone else.
    /// </summary>
    (AgreementType Type, Party Party, string Role)? CounterpartyOf(Party accountable, Party performer)
    {
        if (performer.OrganizationId == accountable.Id)
            return performer.Type is PartyType.Team ? (AgreementType.OperationalLevelAgreement, performer, "team") : null;
        if (performer.OrganizationId == providerId)
            return (AgreementType.SkillsAgreement, PartyOf(providerId), "provider");
        return (AgreementType.UnderpinningContract, PartyOf(performer.OrganizationId), "supplier");
    }

    RequiredAgreement Require(AgreementType type, AgreementParty accountable, AgreementParty counterparty, Guid serviceId, string? processKey,
        bool whole, IReadOnlyList<string> activityKeys, IReadOnlyList<string> measures, IReadOnlyList<Guid> evidence) =>
        new(type, accountable, counterparty, serviceId, processKey, whole, activityKeys, measures, evidence,
            RecordedFor(type, accountable.Party.Id, counterparty.Party.Id, serviceId, processKey));

    /// <summary>The first agreement on record of that type between those parties whose service and process, where set, are these.</summary>
    AgreementFacts? RecordedFor(AgreementType type, Guid accountableId, Guid counterpartyId, Guid serviceId, string? processKey)
    {
        if (!recorded.TryGetValue((type, accountableId, counterpartyId), out var candidates)) return null;
        foreach (var r in candidates)
            if ((r.ServiceId is null || r.ServiceId == serviceId) && (r.ProcessKey is null || r.ProcessKey == processKey))
                return r;
        return null;
    }

    IReadOnlyList<string> KpisOf(string processKey) => kpis.TryGetValue(processKey, out var names) ? names : [];

    /// <summary>The claim to report: one that contradicts the derived kind if any subscription makes one, else the first claim.</summary>
    static SourcingKind? ClaimAgainst(List<SubscriptionFacts> subs, SourcingKind derived)
    {
        SourcingKind? first = null;
        foreach (var s in subs)
        {
            if (s.ClaimedKind is not { } claimed) continue;
            if (claimed != derived) return claimed;
            first ??= claimed;
        }
        return first;
    }

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
