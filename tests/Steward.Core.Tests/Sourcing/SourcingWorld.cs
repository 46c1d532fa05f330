using NodaTime;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

/// <summary>
/// The facts of one provider's sourcing, written one line at a time. The catalog is the built-in
/// library plus three tiny processes of the provider's own, so that a test can name every step:
/// p1 (steps p1/a and p1/b; KPIs "Items handled" and "Backlog"), p2 (p2/a and p2/b; KPI "On time")
/// and p0, which has no steps at all.
/// </summary>
sealed class SourcingWorld
{
    static readonly ProcessCatalog Catalog = new(
    [
        Tailored("p0", "Process zero", [], []),
        Tailored("p1", "Process one", ["a", "b"], ["Items handled", "Backlog"]),
        Tailored("p2", "Process two", ["a", "b"], ["On time"]),
    ]);

    readonly Dictionary<Guid, Party> parties = [];
    readonly List<ServiceFacts> services = [];
    readonly List<SubscriptionFacts> subscriptions = [];
    readonly List<AssignmentFacts> assignments = [];
    readonly List<AgreementFacts> agreements = [];

    public SourcingWorld(string providerName = "Northwind") =>
        Provider = Organization(providerName, OrganizationKind.Provider);

    public Party Provider { get; }

    public Party Customer(string name) => Organization(name, OrganizationKind.Customer);

    public Party Supplier(string name) => Organization(name, OrganizationKind.Supplier);

    public Party Contractor(string name) => Organization(name, OrganizationKind.Contractor);

    public Party Organization(string name, OrganizationKind kind)
    {
        var id = Guid.NewGuid();
        return Add(new Party(id, name, PartyType.Organization, id, kind));
    }

    public Party Team(string name, Party organization) =>
        Add(new Party(Guid.NewGuid(), name, PartyType.Team, organization.Id, organization.OrganizationKind));

    public Guid Service(string name, params string[] processKeys)
    {
        var service = new ServiceFacts(Guid.NewGuid(), name, processKeys);
        services.Add(service);
        return service.Id;
    }

    public Guid Subscribe(Party customer, Guid service, SourcingKind? claims = null, params ServiceLevelTarget[] targets)
    {
        var subscription = new SubscriptionFacts(Guid.NewGuid(), service, customer.Id, "Gold", claims, targets);
        subscriptions.Add(subscription);
        return subscription.Id;
    }

    /// <summary>
    /// Assigns a process ("p1") or one step of it ("p1/a") to a performer, for every customer of
    /// the service or, with <paramref name="forCustomer"/>, for that customer only.
    /// </summary>
    public Guid Assign(Guid service, string key, Party performer, Party? forCustomer = null, Party? accountable = null)
    {
        var isActivity = key.Contains('/', StringComparison.Ordinal);
        var assignment = new AssignmentFacts(Guid.NewGuid(), service, forCustomer?.Id, ProcessCatalog.ProcessOf(key),
            isActivity ? key : null, performer.Id, accountable?.Id);
        assignments.Add(assignment);
        return assignment.Id;
    }

    public AgreementFacts Record(AgreementType type, Party accountable, Party counterparty, Guid? service = null, string? process = null,
        LocalDate? lastReviewedOn = null)
    {
        var agreement = new AgreementFacts(Guid.NewGuid(), type, accountable.Id, counterparty.Id, service, process, "REF-1", ["Measured"], lastReviewedOn);
        agreements.Add(agreement);
        return agreement;
    }

    public SourcingModel Model() => new(Provider.Id, Catalog, parties, services, subscriptions, assignments, agreements);

    public ServiceSourcing Derive(Guid service, Party customer) => Model().Derive(service, customer.Id);

    Party Add(Party party)
    {
        parties.Add(party.Id, party);
        return party;
    }

    static TailoredProcess Tailored(string key, string name, string[] steps, string[] kpis) => new()
    {
        Key = key,
        Name = name,
        Activities = [.. steps.Select(s => new ActivityDefinition($"{key}/{s}", $"Step {s}", ""))],
        Kpis = [.. kpis.Select(k => new KpiDefinition(k.ToLowerInvariant().Replace(' ', '-'), k, "count", ""))],
    };
}
