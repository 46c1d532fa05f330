using System.Globalization;
using NodaTime;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Core.Sourcing;

namespace Steward.Bench;

/// <summary>How big a sourcing data set is and how it is mixed; the defaults are issue 4's data set.</summary>
public sealed record SourcingShape(
    int Customers = 1000,
    int Services = 50,
    int ProcessesPerService = 25,
    double SubscribeShare = 1.0,
    double OverrideShare = 0.10,
    int OverrideServices = 5,
    int Seed = 4)
{
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Customers}x{Services}");

    /// <summary>"1000x50" (customers x services), the rest as defaults.</summary>
    public static SourcingShape Parse(string text)
    {
        var parts = text.Split('x');
        return new SourcingShape(int.Parse(parts[0], CultureInfo.InvariantCulture),
            parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 50);
    }
}

/// <summary>
/// One provider's portfolio and sourcing as entities, generated deterministically from
/// <see cref="SourcingShape.Seed"/>: the same shape gives the same mix (and the same ids) every
/// time, and the service-level part of a shape does not depend on the number of customers, so
/// 100 and 1,000 customers of the same services differ only in the customers.
/// </summary>
/// <remarks>
/// The mix, per service (drawn once per service):
/// <list type="bullet">
/// <item>40 % run whole by the provider: every process assigned service-wide, 85 % to one of the
/// provider's teams, 15 % to a supplier or contractor with the provider accountable; 15 % of the
/// steps go to another team, supplier or contractor (OLAs, underpinning contracts).</item>
/// <item>30 % partly: half the processes as above, the rest kept by the customer, with the
/// provider performing 20 % of their steps (skills agreements) and a supplier 5 %.</item>
/// <item>20 % skills only: no process assigned; in 40 % of the processes the provider performs 1–3 steps.</item>
/// <item>10 % run by the customer: a supplier performs one step in 20 % of the processes.</item>
/// </list>
/// Per customer: subscriptions to <see cref="SourcingShape.SubscribeShare"/> of the services
/// (issue 4: all of them), one of three offerings each; 70 % of subscriptions claim the service's
/// usual kind, 25 % claim nothing, 5 % claim another kind; 1 % have an earlier, ended subscription
/// too. <see cref="SourcingShape.OverrideShare"/> of the customers have their own assignments
/// on <see cref="SourcingShape.OverrideServices"/> services (three each: taking a process back to
/// their own team, handing the provider a process the others keep, a step to a supplier or their
/// team), which changes those relationships' kind. Agreements on record: an SLA for 60 % of the
/// customers, a framework PLA for 10 %, a skills agreement for 30 %, an OLA with each provider team
/// and customer team, an underpinning contract with each supplier and contractor.
/// </remarks>
public sealed class SourcingData
{
    public const int ProviderTeamCount = 8;
    public const int SupplierCount = 10;
    public const int ContractorCount = 5;

    static readonly string[] ServiceNames =
    [
        "E-mail and calendar", "Workplace management", "Service desk", "Network", "Data centre hosting", "Public cloud operations",
        "Identity and access", "Backup and recovery", "Security operations", "ERP application", "CRM application", "HR and payroll",
        "Collaboration", "Telephony", "Printing", "Mobile devices", "Database platform", "Web hosting", "Integration platform",
        "Data warehouse", "Reporting and BI", "Document management", "Field service", "Asset tracking", "Software distribution",
        "Patch management", "Monitoring", "Storage", "Virtual desktops", "Developer platform", "Test environments", "Archive",
        "Disaster recovery", "Site connectivity", "Wi-Fi", "Video conferencing", "Intranet", "E-commerce platform",
        "Payment gateway", "Point of sale", "Warehouse systems", "Transport planning", "Customer portal", "Chatbot",
        "Machine learning platform", "GIS", "Laboratory systems", "Building management", "Access badges", "Endpoint protection",
    ];

    static readonly string[] TeamNames =
        ["Service Desk", "Workplace", "Network", "Hosting", "Cloud", "Applications", "Security", "Service Management"];

    enum Pattern { Service, Process, Knowledge, CustomerRun }

    public SourcingShape Shape { get; }
    public string Tag { get; }
    public Organization Provider { get; }
    public List<Organization> Customers { get; } = [];
    public List<Organization> Suppliers { get; } = [];
    public List<Organization> Contractors { get; } = [];
    public List<Team> Teams { get; } = [];
    public List<PartnerRelationship> Partners { get; } = [];
    public List<Service> Services { get; } = [];
    public List<Offering> Offerings { get; } = [];
    public List<Subscription> Subscriptions { get; } = [];
    public List<SourcingAssignment> Assignments { get; } = [];
    public List<AgreementRecord> Agreements { get; } = [];

    public IEnumerable<Organization> Organizations => [Provider, .. Customers, .. Suppliers, .. Contractors];

    /// <summary>The day the sourcing is read on; subscriptions ended before it do not count.</summary>
    public static readonly LocalDate Today = new(2026, 12, 1);

    static readonly Instant CreatedAt = Instant.FromUtc(2026, 11, 1, 8, 0);
    readonly IdSource ids;

    /// <param name="tag">Makes organization names unique when several data sets share one database.</param>
    public SourcingData(SourcingShape shape, string tag)
    {
        if (shape.ProcessesPerService > BuiltInLibrary.Processes.Count)
            throw new ArgumentException($"The library has {BuiltInLibrary.Processes.Count} processes.");
        Shape = shape;
        Tag = tag;
        ids = new IdSource(shape.Seed, tag);
        Provider = Org($"{tag} Provider", OrganizationKind.Provider);
        var providerTeams = TeamNames.Select(n => NewTeam(Provider, $"{tag} {n}")).ToList();
        for (var i = 0; i < SupplierCount; i++) Suppliers.Add(Org($"{tag} Supplier {i + 1:D2}", OrganizationKind.Supplier));
        for (var i = 0; i < ContractorCount; i++) Contractors.Add(Org($"{tag} Contractor {i + 1:D2}", OrganizationKind.Contractor));
        // Three suppliers work through a team of their own.
        var supplierTeams = Suppliers.Take(3).Select(s => NewTeam(s, $"{s.Name} delivery")).ToList();

        var patterns = new List<Pattern>();
        for (var s = 0; s < shape.Services; s++)
        {
            var rng = new Random(shape.Seed * 7919 + s);
            var draw = rng.NextDouble();
            var pattern = draw < 0.4 ? Pattern.Service : draw < 0.7 ? Pattern.Process : draw < 0.9 ? Pattern.Knowledge : Pattern.CustomerRun;
            patterns.Add(pattern);
            // 25 of the 26 library processes (a different one left out per service), in library order.
            var library = BuiltInLibrary.Processes.Count;
            var keep = Enumerable.Range(1, shape.ProcessesPerService).Select(j => (s * 11 + j) % library).ToHashSet();
            var processes = BuiltInLibrary.Processes.Where((_, i) => keep.Contains(i)).ToList();
            var service = new Service
            {
                Id = ids.Next(),
                ProviderId = Provider.Id,
                Name = s < ServiceNames.Length ? ServiceNames[s] : $"Service {s + 1:D3}",
                Type = s % 5 == 4 ? ServiceType.Technical : ServiceType.Business,
                Lifecycle = ServiceLifecycle.Live,
                Outcomes = ["Staff can work without interruption"],
                ProcessKeys = processes.Select(p => p.Key).ToList(),
                CreatedAt = CreatedAt,
            };
            Services.Add(service);
            string[] tiers = ["Gold", "Silver", "Bronze"];
            decimal[] availability = [99.9m, 99.5m, 99.0m];
            decimal[] resolution = [4m, 8m, 24m];
            for (var t = 0; t < tiers.Length; t++)
                Offerings.Add(new Offering
                {
                    Id = ids.Next(),
                    ServiceId = service.Id,
                    ProviderId = Provider.Id,
                    Name = tiers[t],
                    Targets = [new("Availability", availability[t], "%"), new("P1 resolution", resolution[t], "hours")],
                    CreatedAt = CreatedAt,
                });

            Team ProviderTeam(int processIndex) => providerTeams[processIndex % providerTeams.Count];
            Organization Supplier() => Suppliers[rng.Next(Suppliers.Count)];
            Organization Contractor() => Contractors[rng.Next(Contractors.Count)];
            void WholeByProvider(int index, ProcessDefinition p)
            {
                var d = rng.NextDouble();
                if (d < 0.85) Assign(service, null, p.Key, null, ProviderTeam(index));
                else if (d < 0.95) Assign(service, null, p.Key, null, Supplier(), accountable: Provider.Id);
                else Assign(service, null, p.Key, null, Contractor(), accountable: Provider.Id);
                foreach (var a in p.Activities)
                {
                    if (rng.NextDouble() >= 0.15) continue;
                    var who = rng.Next(4);
                    if (who == 0) Assign(service, null, p.Key, a.Key, ProviderTeam(index + 1 + rng.Next(3)));
                    else if (who == 1) Assign(service, null, p.Key, a.Key, supplierTeams[rng.Next(supplierTeams.Count)]);
                    else if (who == 2) Assign(service, null, p.Key, a.Key, Supplier());
                    else Assign(service, null, p.Key, a.Key, Contractor());
                }
            }

            for (var i = 0; i < processes.Count; i++)
            {
                var p = processes[i];
                switch (pattern)
                {
                    case Pattern.Service:
                        WholeByProvider(i, p);
                        break;
                    case Pattern.Process:
                        if (rng.NextDouble() < 0.5) WholeByProvider(i, p);
                        else
                            foreach (var a in p.Activities)
                            {
                                var d = rng.NextDouble();
                                if (d < 0.20) Assign(service, null, p.Key, a.Key, ProviderTeam(i));
                                else if (d < 0.25) Assign(service, null, p.Key, a.Key, Supplier());
                            }
                        break;
                    case Pattern.Knowledge:
                        if (rng.NextDouble() < 0.4 && p.Activities.Count > 0)
                            foreach (var a in p.Activities.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)))
                                Assign(service, null, p.Key, a.Key, ProviderTeam(i));
                        break;
                    case Pattern.CustomerRun:
                        if (rng.NextDouble() < 0.2 && p.Activities.Count > 0)
                            Assign(service, null, p.Key, p.Activities[rng.Next(p.Activities.Count)].Key, Supplier());
                        break;
                }
            }
        }

        foreach (var o in Suppliers.Concat(Contractors))
            Agree(AgreementType.UnderpinningContract, Provider.Id, o.Id, "UC", ["Response time", "Resolution time"]);
        foreach (var t in providerTeams)
            Agree(AgreementType.OperationalLevelAgreement, Provider.Id, t.Id, "OLA", ["Time to engage", "Time to complete the step"]);

        var offeringsOf = Offerings.GroupBy(o => o.ServiceId).ToDictionary(g => g.Key, g => g.ToList());
        var wideProcessesOf = Services.ToDictionary(s => s.Id, s => Assignments
            .Where(a => a.ServiceId == s.Id && a.ActivityKey is null).Select(a => a.ProcessKey).Order(StringComparer.Ordinal).ToList());
        var start = new LocalDate(2026, 1, 1);
        for (var c = 0; c < shape.Customers; c++)
        {
            var rng = new Random(shape.Seed * 1_000_003 + c);
            var customer = Org($"{tag} Customer {c + 1:D4}", OrganizationKind.Customer);
            Customers.Add(customer);
            for (var s = 0; s < Services.Count; s++)
            {
                if (rng.NextDouble() >= shape.SubscribeShare) continue;
                var service = Services[s];
                var offerings = offeringsOf[service.Id];
                var claim = rng.NextDouble();
                var usual = Usual(patterns[s]);
                SourcingKind? claimed = claim < 0.70 ? usual : claim < 0.95 ? null : (SourcingKind)(((int)usual + 1 + rng.Next(3)) % 4);
                var offering = offerings[rng.Next(3)];
                if (rng.NextDouble() < 0.01)
                    Subscribe(customer, service, offerings[(offerings.IndexOf(offering) + 1) % 3], start.PlusYears(-1), new LocalDate(2026, 6, 30), claimed);
                Subscribe(customer, service, offering, start.PlusDays(rng.Next(200)), null, claimed);
            }

            if (rng.NextDouble() < 0.60) Agree(AgreementType.ServiceLevelAgreement, customer.Id, Provider.Id, "SLA", ["Availability", "P1 resolution"]);
            if (rng.NextDouble() < 0.10) Agree(AgreementType.ProcessLevelAgreement, customer.Id, Provider.Id, "PLA", ["Process KPIs"]);
            if (rng.NextDouble() < 0.30) Agree(AgreementType.SkillsAgreement, customer.Id, Provider.Id, "SKA", ["Time to engage", "Effort spent (hours)"]);

            if (rng.NextDouble() >= shape.OverrideShare || Services.Count == 0) continue;
            var own = NewTeam(customer, $"{customer.Name} IT");
            if (rng.NextDouble() < 0.5) Agree(AgreementType.OperationalLevelAgreement, customer.Id, own.Id, "OLA", ["Time to engage"]);
            foreach (var s in Enumerable.Range(0, Services.Count).OrderBy(_ => rng.Next()).Take(shape.OverrideServices))
            {
                var service = Services[s];
                var assignedProcesses = wideProcessesOf[service.Id];
                var taken = new HashSet<string>();
                // Take a process back to the customer's own team (it answers for it).
                if (assignedProcesses.OrderBy(_ => rng.Next()).FirstOrDefault() is { } back)
                {
                    taken.Add(back);
                    Assign(service, customer.Id, back, null, own, accountable: customer.Id);
                }
                // Hand the provider a process the other customers keep.
                if (service.ProcessKeys.Where(k => !assignedProcesses.Contains(k)).OrderBy(_ => rng.Next()).FirstOrDefault() is { } over)
                {
                    taken.Add(over);
                    Assign(service, customer.Id, over, null, providerTeams[rng.Next(providerTeams.Count)]);
                }
                // One step of another process to a supplier, or to the customer's team.
                var stepProcess = service.ProcessKeys.Where(k => !taken.Contains(k)).OrderBy(_ => rng.Next()).First();
                var steps = BuiltInLibrary.Find(stepProcess)!.Activities;
                if (steps.Count > 0)
                {
                    var step = steps[rng.Next(steps.Count)].Key;
                    if (rng.NextDouble() < 0.5) Assign(service, customer.Id, stepProcess, step, Suppliers[rng.Next(Suppliers.Count)]);
                    else Assign(service, customer.Id, stepProcess, step, own);
                }
            }
        }
        foreach (var o in Customers.Concat(Suppliers).Concat(Contractors))
            Partners.Add(new PartnerRelationship { Id = ids.Next(), ProviderId = Provider.Id, PartnerId = o.Id, CreatedAt = CreatedAt });
    }

    static SourcingKind Usual(Pattern p) => p switch
    {
        Pattern.Service => SourcingKind.ServiceOutsourcing,
        Pattern.Process => SourcingKind.ProcessOutsourcing,
        Pattern.Knowledge => SourcingKind.KnowledgeOutsourcing,
        _ => SourcingKind.None,
    };

    Organization Org(string name, OrganizationKind kind) =>
        new() { Id = ids.Next(), Name = name, Kind = kind, CreatedAt = CreatedAt };

    Team NewTeam(Organization owner, string name)
    {
        var team = new Team { Id = ids.Next(), OrganizationId = owner.Id, Name = name, CreatedAt = CreatedAt };
        Teams.Add(team);
        return team;
    }

    void Assign(Service service, Guid? customerId, string processKey, string? activityKey, object performer, Guid? accountable = null)
    {
        var (organization, team) = performer switch
        {
            Team t => (t.OrganizationId, (Guid?)t.Id),
            Organization o => (o.Id, null),
            _ => throw new ArgumentException("A performer is a team or an organization.", nameof(performer)),
        };
        Assignments.Add(new SourcingAssignment
        {
            Id = ids.Next(),
            ProviderId = Provider.Id,
            ServiceId = service.Id,
            CustomerId = customerId,
            ProcessKey = processKey,
            ActivityKey = activityKey,
            PerformerOrganizationId = organization,
            PerformerTeamId = team,
            // As the API stores them: a process-level assignment names its accountable organization, by default the performer's.
            AccountableId = activityKey is null ? accountable ?? organization : null,
            CreatedAt = CreatedAt,
        });
    }

    void Subscribe(Organization customer, Service service, Offering offering, LocalDate start, LocalDate? end, SourcingKind? claimed) =>
        Subscriptions.Add(new Subscription
        {
            Id = ids.Next(),
            OfferingId = offering.Id,
            ServiceId = service.Id,
            ProviderId = Provider.Id,
            CustomerId = customer.Id,
            Start = start,
            End = end,
            ChargeAmount = 100m + offering.Name.Length * 25m,
            ChargeCurrency = "EUR",
            ChargePeriod = ChargePeriod.Monthly,
            ClaimedKind = claimed,
            CreatedAt = CreatedAt,
        });

    void Agree(AgreementType type, Guid accountable, Guid counterparty, string prefix, List<string> measures) =>
        Agreements.Add(new AgreementRecord
        {
            Id = ids.Next(),
            ProviderId = Provider.Id,
            Type = type,
            AccountableId = accountable,
            CounterpartyId = counterparty,
            Reference = $"{prefix}-{Agreements.Count + 1:D5}",
            Measures = measures,
            SignedOn = new LocalDate(2026, 1, 15),
            LastReviewedOn = new LocalDate(2026, 9, 1),
            CreatedAt = CreatedAt,
        });

    /// <summary>
    /// The facts as <c>SourcingLoader.LoadAsync</c> hands them to the model for the whole provider
    /// (or, with <paramref name="customerId"/>, for one customer), built from memory instead of the database.
    /// </summary>
    public SourcingModel Model(Guid? customerId = null)
    {
        var parties = new Dictionary<Guid, Party>();
        var organizations = Organizations.ToDictionary(o => o.Id);
        foreach (var o in organizations.Values) parties[o.Id] = Party.Of(o);
        foreach (var t in Teams) parties[t.Id] = Party.Of(t, organizations[t.OrganizationId].Kind);
        var offerings = Offerings.ToDictionary(o => o.Id);
        return new SourcingModel(Provider.Id, ProcessCatalog.BuiltIn, parties,
            Services.Select(s => new ServiceFacts(s.Id, s.Name, s.ProcessKeys, s.Type, s.Lifecycle)),
            Subscriptions.Where(s => (customerId == null || s.CustomerId == customerId) && (s.End == null || s.End >= Today))
                .Select(s => new SubscriptionFacts(s.Id, s.ServiceId, s.CustomerId, offerings[s.OfferingId].Name, s.ClaimedKind, offerings[s.OfferingId].Targets)),
            Assignments.Where(a => customerId == null || a.CustomerId == null || a.CustomerId == customerId).Select(AssignmentFacts.Of),
            Agreements.Select(a => a.ToFacts()));
    }

    public string Describe()
    {
        var wide = Assignments.Count(a => a.CustomerId is null);
        var own = Assignments.Count - wide;
        var overriding = Assignments.Where(a => a.CustomerId is not null).Select(a => a.CustomerId).Distinct().Count();
        var active = Subscriptions.Count(s => s.End is null || s.End >= Today);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Customers.Count} customers x {Services.Count} services x {Shape.ProcessesPerService} processes: {active} active subscriptions "
            + $"({Subscriptions.Count - active} ended), {wide} service-wide assignments ({Assignments.Count(a => a.CustomerId is null && a.ActivityKey is not null)} of them steps), "
            + $"{own} customer-specific ones for {overriding} customers, {Agreements.Count} agreements, {Teams.Count} teams, "
            + $"{Suppliers.Count} suppliers, {Contractors.Count} contractors");
    }

    /// <summary>Version 7 ids from a seeded generator: time-ordered like the server's, and the same on every run.</summary>
    sealed class IdSource(int seed, string tag)
    {
        readonly Random random = new(seed ^ StableHash(tag));
        readonly long start = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        long n;

        public Guid Next()
        {
            var milliseconds = start + n++ / 16;
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes[6..]);
            for (var i = 0; i < 6; i++) bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
            bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
            bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
            return new Guid(bytes, bigEndian: true);
        }

        static int StableHash(string s)
        {
            var h = 17;
            foreach (var c in s) h = unchecked(h * 31 + c);
            return h;
        }
    }
}
