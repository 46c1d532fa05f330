using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;

namespace Steward.Core.Tests.Sourcing;

/// <summary>
/// The model derives a process that does not depend on the customer once and shares it, and looks
/// agreements up by their parties; <see cref="ReferenceSourcingModel"/> derives everything from
/// scratch. On random worlds that mix every case the rules know (service-wide and own assignments
/// at process and step level, teams of the customer itself, the provider subscribing to its own
/// service, processes without steps or missing from the catalog, several subscriptions and claims,
/// agreements scoped to a service or process), both must give the same results in any order.
/// </summary>
public sealed class SharedDerivationTests
{
    static readonly ProcessCatalog Catalog = new(
    [
        Tailored("p0", []),
        Tailored("p1", ["a", "b"]),
        Tailored("p2", ["a", "b", "c"]),
    ]);

    static readonly string[] ProcessKeys = ["p0", "p1", "p2", "incident-management", "change-management", "not-in-the-catalog"];

    static readonly JsonSerializerOptions Json = new() { Converters = { new LocalDateText() } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Sharing_and_indexes_change_no_result(int seed)
    {
        var (model, reference, customers, services) = World(seed);

        var order = customers.OrderBy(_ => new Random(seed + 1).Next()).ToList();
        foreach (var customer in order)
            Assert.Equal(Text(reference.ProfileOf(customer)), Text(model.ProfileOf(customer)));
        foreach (var service in services)
            foreach (var customer in order)
                Assert.Equal(Text(reference.Derive(service, customer)), Text(model.Derive(service, customer)));
        Assert.Equal(Text(reference.SummariseAll()), Text(model.SummariseAll()));
    }

    [Fact]
    public void A_summary_first_leaves_the_full_derivations_the_same()
    {
        var (model, reference, customers, _) = World(7);

        Assert.Equal(Text(reference.SummariseAll()), Text(model.SummariseAll()));

        foreach (var customer in customers)
            Assert.Equal(Text(reference.ProfileOf(customer)), Text(model.ProfileOf(customer)));
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var i = 0; i < 300; i++) seeds.Add(i);
        return seeds;
    }

    static string Text(object value) => JsonSerializer.Serialize(value, Json);

    static (SourcingModel Model, ReferenceSourcingModel Reference, List<Guid> Customers, List<Guid> Services) World(int seed)
    {
        var rng = new Random(seed);
        var parties = new Dictionary<Guid, Party>();
        Party Organization(string name, OrganizationKind kind)
        {
            var id = Guid.NewGuid();
            return parties[id] = new Party(id, name, PartyType.Organization, id, kind);
        }
        Party Team(string name, Party owner)
        {
            var team = new Party(Guid.NewGuid(), name, PartyType.Team, owner.Id, owner.OrganizationKind);
            return parties[team.Id] = team;
        }

        var provider = Organization("Northwind", OrganizationKind.Provider);
        var customers = Enumerable.Range(0, 1 + rng.Next(4)).Select(i => Organization($"Customer {i}", OrganizationKind.Customer)).ToList();
        var others = Enumerable.Range(0, rng.Next(3)).Select(i => Organization($"Supplier {i}", i % 2 == 0 ? OrganizationKind.Supplier : OrganizationKind.Contractor)).ToList();
        var teams = new List<Party> { Team("Desk", provider), Team("Ops", provider) };
        foreach (var o in customers.Concat(others).Where(_ => rng.NextDouble() < 0.5)) teams.Add(Team($"{o.Name} team", o));
        List<Party> performers = [provider, .. customers, .. others, .. teams];
        // Any organization may be named accountable; the provider most often.
        List<Party> accountables = [provider, provider, .. customers, .. others];

        var services = new List<ServiceFacts>();
        for (var s = 0; s < 1 + rng.Next(3); s++)
            services.Add(new ServiceFacts(Guid.NewGuid(), $"Service {(char)('A' + s)}",
                ProcessKeys.Where(_ => rng.NextDouble() < 0.7).OrderBy(_ => rng.Next()).ToList()));

        var targets = new List<ServiceLevelTarget> { new("Availability", 99.9m, "%"), new("P1 resolution", 4m, "hours") };
        var subscriptions = new List<SubscriptionFacts>();
        foreach (var customer in customers.Append(provider))
            foreach (var service in services)
            {
                if (rng.NextDouble() < (customer == provider ? 0.3 : 0.2)) continue;
                for (var n = 0; n < 1 + (rng.NextDouble() < 0.2 ? 1 : 0); n++)
                    subscriptions.Add(new SubscriptionFacts(Guid.NewGuid(), service.Id, customer.Id, n == 0 ? "Gold" : "Silver",
                        rng.NextDouble() < 0.3 ? null : (SourcingKind)rng.Next(4), rng.NextDouble() < 0.5 ? targets : [targets[0]]));
            }

        var assignments = new List<AssignmentFacts>();
        foreach (var service in services)
            for (var n = 0; n < rng.Next(12); n++)
            {
                var process = service.ProcessKeys.Count == 0 ? "p1" : service.ProcessKeys[rng.Next(service.ProcessKeys.Count)];
                var steps = Catalog.Find(process)?.Activities ?? [];
                var activity = steps.Count > 0 && rng.NextDouble() < 0.5 ? steps[rng.Next(steps.Count)].Key : null;
                var forCustomer = rng.NextDouble() < 0.4 ? customers[rng.Next(customers.Count)].Id : (Guid?)null;
                var accountable = activity is null && rng.NextDouble() < 0.4 ? accountables[rng.Next(accountables.Count)].Id : (Guid?)null;
                assignments.Add(new AssignmentFacts(Guid.NewGuid(), service.Id, forCustomer, process, activity, performers[rng.Next(performers.Count)].Id, accountable));
            }

        var agreements = new List<AgreementFacts>();
        var everyone = parties.Values.ToList();
        for (var n = 0; n < rng.Next(10); n++)
        {
            var type = (AgreementType)rng.Next(5);
            var accountable = rng.NextDouble() < 0.5 ? provider : everyone[rng.Next(everyone.Count)];
            var counterparty = rng.NextDouble() < 0.4 ? provider : everyone[rng.Next(everyone.Count)];
            agreements.Add(new AgreementFacts(Guid.NewGuid(), type, accountable.Id, counterparty.Id,
                rng.NextDouble() < 0.5 ? services[rng.Next(services.Count)].Id : null,
                rng.NextDouble() < 0.3 ? ProcessKeys[rng.Next(ProcessKeys.Length)] : null,
                $"REF-{n}", ["Measured"], rng.NextDouble() < 0.5 ? new LocalDate(2026, 1, 1 + n) : null));
        }

        return (new SourcingModel(provider.Id, Catalog, parties, services, subscriptions, assignments, agreements),
            new ReferenceSourcingModel(provider.Id, Catalog, parties, services, subscriptions, assignments, agreements),
            [.. customers.Select(c => c.Id), provider.Id], services.Select(s => s.Id).ToList());
    }

    static TailoredProcess Tailored(string key, string[] steps) => new()
    {
        Key = key,
        Name = $"Process {key}",
        Activities = [.. steps.Select(s => new ActivityDefinition($"{key}/{s}", $"Step {s}", ""))],
        Kpis = [new KpiDefinition("items", "Items handled", "count", "")],
    };

    sealed class LocalDateText : JsonConverter<LocalDate>
    {
        public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString("R", null));
    }
}
