using NodaTime;

namespace Steward.Core.Sourcing;

/// <summary>Work in a scoped service that a party other than the organization performs (ISO/IEC 20000-1 clause 8.2.3).</summary>
public sealed record OperatedByOther(string ProcessKey, string ProcessName, bool WholeProcess, IReadOnlyList<string> ActivityKeys,
    Party Party, AgreementType Agreement, int Customers, AgreementFacts? Recorded);

/// <summary>A service in scope: delivered whole to <see cref="Customers"/>, or internal (delivered within the organization).</summary>
public sealed record ScopedService(Guid ServiceId, string ServiceName, bool Internal, IReadOnlyList<Party> Customers, IReadOnlyList<OperatedByOther> OperatedByOthers);

/// <summary>A relationship the scope leaves out, and why.</summary>
public sealed record ScopeExclusion(Guid ServiceId, string ServiceName, Party Customer, SourcingKind Kind, string Reason);

/// <summary>One agreement the scope relies on and whether the evidence for it exists.</summary>
public sealed record EvidenceItem(AgreementType Type, Party Accountable, Party Counterparty, Guid ServiceId, string ServiceName, string? ProcessKey,
    bool InPlace, bool MeasuresDefined, LocalDate? LastReviewedOn, Guid? AgreementId);

public sealed record Iso20000ScopeResult(Party Organization, IReadOnlyList<ScopedService> Services, IReadOnlyList<ScopeExclusion> Excluded,
    string Statement, IReadOnlyList<EvidenceItem> Checklist);

/// <summary>
/// What an organization may put in the scope of its service management system: services it
/// delivers whole (service outsourcing) and its own internal services. Where it only runs a process
/// or lends skills, the customer's management system must govern that work, so it stays out.
/// </summary>
public static class Iso20000Scope
{
    /// <param name="model">The organization's sourcing model as a provider.</param>
    /// <param name="internalServices">Its live services no other organization subscribes to.</param>
    public static Iso20000ScopeResult For(SourcingModel model, Party organization, IEnumerable<(Guid Id, string Name)> internalServices)
    {
        var scoped = new List<(Guid Id, string Name, bool Internal, List<ServiceSourcing> Derived)>();
        var excluded = new List<ScopeExclusion>();
        var customers = new Dictionary<Guid, Party>();

        // The organization's subscriptions to its own services are internal delivery, listed below.
        foreach (var relationship in model.Relationships().Where(r => r.Key != organization.Id))
            foreach (var serviceId in relationship)
            {
                var derived = model.Derive(serviceId, relationship.Key);
                var customer = model.PartyOf(relationship.Key);
                if (derived.Kind is SourcingKind.ServiceOutsourcing)
                {
                    var entry = scoped.FirstOrDefault(s => s.Id == serviceId && !s.Internal);
                    if (entry.Derived is null) scoped.Add(entry = (serviceId, derived.ServiceName, false, []));
                    entry.Derived.Add(derived);
                    customers[derived.CustomerId] = customer;
                }
                else
                    excluded.Add(new(serviceId, derived.ServiceName, customer, derived.Kind, ReasonFor(derived.Kind, organization.Name, customer.Name)));
            }
        foreach (var (id, name) in internalServices)
        {
            var derived = model.Derive(id, organization.Id);
            // The organization must keep accountability for the work others operate (clause 8.2.3): an
            // internal service whose process another party answers for cannot be certified as it stands.
            var others = derived.Processes.Where(p => p.Accountable.Id != organization.Id).ToList();
            if (others.Count == 0) scoped.Add((id, name, true, [derived]));
            else excluded.Add(new(id, name, organization, derived.Kind,
                $"{string.Join(", ", others.Select(p => $"{p.Accountable.Name} is accountable for {p.Name}"))}; {Possessive(organization.Name)} service management system "
                + "must keep accountability for the processes other parties operate (clause 8.2.3). Make the organization accountable and agree the work with the other party."));
        }

        var services = scoped
            .OrderBy(s => s.Internal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new ScopedService(s.Id, s.Name, s.Internal,
                s.Internal ? [] : s.Derived.Select(d => customers[d.CustomerId]).OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
                OperatedByOthers(s.Derived, organization.Id)))
            .ToList();
        var checklist = scoped
            .SelectMany(s => s.Derived.SelectMany(d => d.Agreements.Select(a => (Service: s, Agreement: a))))
            .GroupBy(x => (x.Agreement.Type, Accountable: x.Agreement.Accountable.Party.Id, Counterparty: x.Agreement.Counterparty.Party.Id, x.Service.Id, x.Agreement.ProcessKey))
            .Select(g => g.First())
            .Select(x => new EvidenceItem(x.Agreement.Type, x.Agreement.Accountable.Party, x.Agreement.Counterparty.Party, x.Service.Id, x.Service.Name,
                x.Agreement.ProcessKey, x.Agreement.Recorded is not null,
                x.Agreement.Recorded is { Measures.Count: > 0 } || (x.Agreement.Type is AgreementType.ServiceLevelAgreement && x.Agreement.Measures.Count > 0),
                x.Agreement.Recorded?.LastReviewedOn, x.Agreement.Recorded?.Id))
            .OrderBy(e => e.ServiceName, StringComparer.Ordinal).ThenBy(e => e.Type).ThenBy(e => e.Counterparty.Name, StringComparer.Ordinal)
            .ToList();
        excluded.Sort((a, b) => string.CompareOrdinal(a.ServiceName + a.Customer.Name, b.ServiceName + b.Customer.Name));
        return new Iso20000ScopeResult(organization, services, excluded, StatementOf(organization, services, excluded), checklist);
    }

    static List<OperatedByOther> OperatedByOthers(List<ServiceSourcing> derived, Guid organizationId) =>
        derived.SelectMany(d => d.Agreements.Where(a => a.Counterparty.Party.OrganizationId != organizationId && a.ProcessKey is not null)
                .Select(a => (Agreement: a, Process: d.Processes.First(p => p.ProcessKey == a.ProcessKey))))
            .GroupBy(x => (x.Agreement.ProcessKey, Party: x.Agreement.Counterparty.Party.Id, Steps: string.Join(',', x.Agreement.ActivityKeys), x.Agreement.Type))
            .Select(g => new OperatedByOther(g.Key.ProcessKey!, g.First().Process.Name, g.First().Agreement.WholeProcess, g.First().Agreement.ActivityKeys,
                g.First().Agreement.Counterparty.Party, g.Key.Type, g.Count(), g.First().Agreement.Recorded))
            .OrderBy(o => o.ProcessName, StringComparer.Ordinal).ThenBy(o => o.Party.Name, StringComparer.Ordinal)
            .ToList();

    static string ReasonFor(SourcingKind kind, string organization, string customer) => kind switch
    {
        SourcingKind.ProcessOutsourcing => $"{organization} operates only some processes of this service; {Possessive(customer)} service management system must govern them (clause 8.2.3), so the service cannot be in {Possessive(organization)} scope.",
        SourcingKind.KnowledgeOutsourcing => $"{organization} only lends skills for steps of {Possessive(customer)} processes; {customer} stays accountable and its own management system governs the work.",
        _ => $"{organization} neither answers for nor performs any process of this service for {customer}.",
    };

    /// <summary>"Alder Health Clinics'" rather than "Alder Health Clinics's".</summary>
    static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    static string StatementOf(Party organization, List<ScopedService> services, List<ScopeExclusion> excluded)
    {
        var text = new System.Text.StringBuilder();
        if (services.Count == 0)
            text.Append($"{organization.Name} delivers no service whole and has no internal live service on record, so its service management system has nothing to certify yet.");
        else
        {
            text.Append($"The service management system of {organization.Name} covers the planning, delivery and improvement of ");
            text.Append(string.Join("; ", services.Select(s => s.Internal
                ? $"{s.ServiceName} (internal)"
                : $"{s.ServiceName} for {Counted(s.Customers.Select(c => c.Name).ToList(), "customer")}")));
            text.Append(", with every process needed to deliver them.");
            var others = services.SelectMany(s => s.OperatedByOthers.Select(o => (s.ServiceName, o))).ToList();
            if (others.Count > 0)
                text.Append($" {organization.Name} keeps accountability for the work other parties operate and controls it under clause 8.2.3: ")
                    .Append(string.Join("; ", others.Take(8).Select(x => $"{(x.o.WholeProcess ? x.o.ProcessName : $"{x.o.ActivityKeys.Count} step(s) of {x.o.ProcessName}")} of {x.ServiceName} by {x.o.Party.Name} ({Label(x.o.Agreement)})")))
                    .Append(others.Count > 8 ? $" and {others.Count - 8} more." : ".");
        }
        var relationships = excluded.Where(e => e.Customer.Id != organization.Id).ToList();
        var partial = relationships.Count(e => e.Kind is SourcingKind.ProcessOutsourcing or SourcingKind.KnowledgeOutsourcing);
        if (partial > 0)
            text.Append($" Out of scope: {partial} relationship(s) where {organization.Name} operates only processes or lends skills; the customers' own management systems govern that work.");
        if (relationships.Count > partial)
            text.Append($" {relationships.Count - partial} subscribed relationship(s) involve no work of {organization.Name} at all.");
        var ownGaps = excluded.Count - relationships.Count;
        if (ownGaps > 0)
            text.Append($" {ownGaps} internal service(s) stay out until {organization.Name} is accountable for every process of them.");
        return text.ToString();
    }

    static string Counted(List<string> names, string noun) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{names.Count} {noun}s ({string.Join(", ", names.Take(3))} and others)";

    public static string Label(AgreementType type) => type switch
    {
        AgreementType.ServiceLevelAgreement => "service level agreement",
        AgreementType.ProcessLevelAgreement => "process-level agreement",
        AgreementType.SkillsAgreement => "skills agreement",
        AgreementType.OperationalLevelAgreement => "operational level agreement",
        _ => "underpinning contract",
    };
}
