using Microsoft.AspNetCore.Identity;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Hosting;

namespace Steward.Server.Demo;

public sealed record DemoSeed(Organization Provider, string SampleAgentEmail);

/// <summary>
/// A managed-service provider with three customers, two suppliers and a contractor, and its portfolio
/// (see <see cref="DemoPortfolio"/>): the cast later features (incidents, finance) build their stories on.
/// </summary>
public static class DemoData
{
    /// <summary>Every demo person's password; printed at first start. Demo data is for trying Steward, not for production.</summary>
    public const string Password = "Steward-demo-2026!";

    sealed record P(string Org, string Name, string Email, string Title, string Zone, string Locale, string[] Roles, decimal? Rate = null);

    public static async Task<DemoSeed> LoadAsync(StewardDbContext db, UserManager<Account> users, Instant now, CancellationToken ct)
    {
        Organization Org(string name, OrganizationKind kind, string description, string website) => new()
        {
            Name = name, Kind = kind, Description = description, Website = website, CreatedAt = now,
        };

        var provider = Org("Meridian Managed Services", OrganizationKind.Provider, "Managed-service provider running IT services, service desk and infrastructure for mid-sized firms.", "https://meridian.example");
        var orgs = new Dictionary<string, Organization>
        {
            ["meridian"] = provider,
            ["harbor"] = Org("Harbor Logistics", OrganizationKind.Customer, "Freight forwarder with 14 depots; buys the whole workplace service.", "https://harbor-logistics.example"),
            ["alder"] = Org("Alder Health Clinics", OrganizationKind.Customer, "Network of outpatient clinics; outsources incident and change management.", "https://alderhealth.example"),
            ["kestrel"] = Org("Kestrel Financial", OrganizationKind.Customer, "Investment firm with its own IT department; borrows specialist skills.", "https://kestrel-financial.example"),
            ["bluewire"] = Org("Bluewire Networks", OrganizationKind.Supplier, "WAN and internet carrier.", "https://bluewire.example"),
            ["cloudrock"] = Org("Cloudrock Hosting", OrganizationKind.Supplier, "Data-centre and IaaS hosting.", "https://cloudrock.example"),
            ["sabine"] = Org("Sabine Consulting", OrganizationKind.Contractor, "Independent database and security specialists.", "https://sabine.example"),
        };
        db.Organizations.AddRange(orgs.Values);
        foreach (var key in new[] { "harbor", "alder", "kestrel", "bluewire", "cloudrock", "sabine" })
            db.PartnerRelationships.Add(new PartnerRelationship { ProviderId = provider.Id, PartnerId = orgs[key].Id, CreatedAt = now });

        string[] agent = [Roles.Agent], requester = [Roles.Requester];
        P[] cast =
        [
            new("meridian", "Maya Lindqvist", "maya.lindqvist@meridian.example", "Head of Service Delivery", "Europe/Amsterdam", "en-GB", [Roles.ProviderManager], 95m),
            new("meridian", "Tom Okafor", "tom.okafor@meridian.example", "Service Desk Lead", "Europe/London", "en-GB", [Roles.Agent, Roles.ProcessOwner], 62m),
            new("meridian", "Priya Raman", "priya.raman@meridian.example", "Service Desk Agent", "Asia/Kolkata", "en-IN", agent, 38m),
            new("meridian", "Lucas Moreau", "lucas.moreau@meridian.example", "Service Desk Agent", "Europe/Paris", "fr-FR", agent, 41m),
            new("meridian", "Hanna Schulz", "hanna.schulz@meridian.example", "Service Desk Agent", "Europe/Berlin", "de-DE", agent, 41m),
            new("meridian", "Daniel Reyes", "daniel.reyes@meridian.example", "Network Engineer", "America/New_York", "en-US", agent, 70m),
            new("meridian", "Aiko Tanaka", "aiko.tanaka@meridian.example", "Systems Engineer", "Europe/Amsterdam", "en-GB", agent, 68m),
            new("meridian", "Sven Johansson", "sven.johansson@meridian.example", "Systems Engineer", "Europe/Stockholm", "sv-SE", agent, 68m),
            new("meridian", "Olivia Bennett", "olivia.bennett@meridian.example", "Service Owner, Workplace", "Europe/London", "en-GB", [Roles.ServiceOwner], 85m),
            new("meridian", "Rafael Costa", "rafael.costa@meridian.example", "Change Manager", "Europe/Lisbon", "pt-PT", [Roles.ProcessOwner, Roles.Agent], 75m),
            new("meridian", "Grace Liu", "grace.liu@meridian.example", "Quality and Compliance", "Europe/Amsterdam", "en-GB", [Roles.Auditor], 80m),
            new("harbor", "Peter Vance", "peter.vance@harbor-logistics.example", "IT Coordinator", "Europe/Amsterdam", "nl-NL", [Roles.Requester, Roles.ServiceOwner]),
            new("harbor", "Ingrid de Boer", "ingrid.deboer@harbor-logistics.example", "Depot Manager", "Europe/Amsterdam", "nl-NL", requester),
            new("harbor", "Kofi Mensah", "kofi.mensah@harbor-logistics.example", "Planner", "Europe/Amsterdam", "en-GB", requester),
            new("harbor", "Sara Jansen", "sara.jansen@harbor-logistics.example", "Finance Officer", "Europe/Amsterdam", "nl-NL", requester),
            new("alder", "Dr. Emily Carter", "emily.carter@alderhealth.example", "Clinical Operations Director", "America/Chicago", "en-US", requester),
            new("alder", "Marcus Webb", "marcus.webb@alderhealth.example", "IT Manager", "America/Chicago", "en-US", [Roles.Requester, Roles.ProcessOwner]),
            new("alder", "Nina Petrova", "nina.petrova@alderhealth.example", "Receptionist", "America/Chicago", "en-US", requester),
            new("alder", "James Holt", "james.holt@alderhealth.example", "Nurse Practitioner", "America/Denver", "en-US", requester),
            new("kestrel", "Charlotte Hughes", "charlotte.hughes@kestrel-financial.example", "Head of IT", "Europe/London", "en-GB", [Roles.Requester, Roles.ServiceOwner]),
            new("kestrel", "Ahmed Farouk", "ahmed.farouk@kestrel-financial.example", "Infrastructure Engineer", "Europe/London", "en-GB", requester),
            new("kestrel", "Lena Fischer", "lena.fischer@kestrel-financial.example", "Analyst", "Europe/Zurich", "de-CH", requester),
            new("kestrel", "Oliver Grant", "oliver.grant@kestrel-financial.example", "Trader", "Europe/London", "en-GB", requester),
            new("bluewire", "Yusuf Demir", "yusuf.demir@bluewire.example", "NOC Engineer", "Europe/Istanbul", "tr-TR", agent, 55m),
            new("bluewire", "Claire Dubois", "claire.dubois@bluewire.example", "Account Manager", "Europe/Paris", "fr-FR", requester),
            new("cloudrock", "Mateo Silva", "mateo.silva@cloudrock.example", "Platform Engineer", "America/Sao_Paulo", "pt-BR", agent, 58m),
            new("cloudrock", "Eva Novak", "eva.novak@cloudrock.example", "Service Manager", "Europe/Prague", "cs-CZ", requester),
            new("sabine", "Sabine Krüger", "sabine.kruger@sabine.example", "Database Specialist", "Europe/Berlin", "de-DE", agent, 110m),
            new("sabine", "Arjun Mehta", "arjun.mehta@sabine.example", "Security Specialist", "Asia/Kolkata", "en-IN", agent, 95m),
        ];

        var people = cast.Select(c => (Cast: c, Person: new Person
        {
            OrganizationId = orgs[c.Org].Id, Name = c.Name, Email = c.Email, JobTitle = c.Title,
            TimeZone = c.Zone, Locale = c.Locale, CreatedAt = now,
        })).ToList();
        db.People.AddRange(people.Select(p => p.Person));

        Team NewTeam(string org, string name, string description) => new()
        {
            OrganizationId = orgs[org].Id, Name = name, Description = description,
            Email = $"{name.ToLowerInvariant().Replace(' ', '-')}@{orgs[org].Website![8..]}", CreatedAt = now,
        };
        var teams = new Dictionary<string, Team>
        {
            ["desk"] = NewTeam("meridian", "Service Desk", "First line: every call, chat and email lands here."),
            ["network"] = NewTeam("meridian", "Network Operations", "WAN, LAN and firewalls; works with Bluewire on carrier faults."),
            ["platform"] = NewTeam("meridian", "Platform Engineering", "Servers, hosting and databases; hosts at Cloudrock."),
            ["change"] = NewTeam("meridian", "Change Advisory Board", "Reviews normal and emergency changes."),
            ["kestrel-it"] = NewTeam("kestrel", "Kestrel IT", "Kestrel's in-house IT department."),
            ["bluewire-noc"] = NewTeam("bluewire", "Bluewire NOC", "Carrier network operations centre."),
        };
        db.Teams.AddRange(teams.Values);

        Person By(string email) => people.Single(p => p.Cast.Email.StartsWith(email, StringComparison.Ordinal)).Person;
        void Member(string team, string email, bool lead = false)
        {
            var t = teams[team];
            db.TeamMembers.Add(new TeamMember { TeamId = t.Id, PersonId = By(email).Id, OrganizationId = t.OrganizationId, IsLead = lead, JoinedAt = now });
        }
        Member("desk", "tom.okafor", lead: true);
        Member("desk", "priya.raman"); Member("desk", "lucas.moreau"); Member("desk", "hanna.schulz");
        Member("network", "daniel.reyes", lead: true);
        Member("platform", "aiko.tanaka", lead: true); Member("platform", "sven.johansson");
        Member("platform", "sabine.kruger"); // a contractor's specialist working in the provider's team
        Member("change", "rafael.costa", lead: true); Member("change", "maya.lindqvist"); Member("change", "olivia.bennett");
        Member("kestrel-it", "charlotte.hughes", lead: true); Member("kestrel-it", "ahmed.farouk");
        Member("bluewire-noc", "yusuf.demir", lead: true);

        var skills = new Dictionary<string, Skill>();
        foreach (var (name, category) in new[]
        {
            ("Incident triage", "Service desk"), ("Customer communication", "Service desk"), ("Microsoft 365 administration", "Workplace"),
            ("Cisco routing and switching", "Network"), ("Firewall management", "Network"), ("Linux administration", "Platform"),
            ("VMware vSphere", "Platform"), ("PostgreSQL administration", "Data"), ("Microsoft SQL Server", "Data"),
            ("ITIL 4 Foundation", "Practice"), ("Change management", "Practice"), ("ISO/IEC 20000 auditing", "Practice"),
            ("Penetration testing", "Security"),
        })
            skills[name] = new Skill { Name = name, Category = category, CreatedAt = now };
        db.Skills.AddRange(skills.Values);

        void Knows(string email, string skill, int level)
        {
            var person = By(email);
            db.PersonSkills.Add(new PersonSkill { PersonId = person.Id, SkillId = skills[skill].Id, OrganizationId = person.OrganizationId, Level = level, AssessedAt = now });
        }
        foreach (var agentEmail in new[] { "tom.okafor", "priya.raman", "lucas.moreau", "hanna.schulz" })
        {
            Knows(agentEmail, "Incident triage", agentEmail == "tom.okafor" ? 5 : 3);
            Knows(agentEmail, "Customer communication", 4);
            Knows(agentEmail, "ITIL 4 Foundation", 3);
        }
        Knows("hanna.schulz", "Microsoft 365 administration", 4);
        Knows("daniel.reyes", "Cisco routing and switching", 5); Knows("daniel.reyes", "Firewall management", 4);
        Knows("aiko.tanaka", "Linux administration", 5); Knows("aiko.tanaka", "VMware vSphere", 4);
        Knows("sven.johansson", "Linux administration", 4); Knows("sven.johansson", "Microsoft SQL Server", 3);
        Knows("rafael.costa", "Change management", 5); Knows("rafael.costa", "ITIL 4 Foundation", 4);
        Knows("grace.liu", "ISO/IEC 20000 auditing", 5);
        Knows("sabine.kruger", "PostgreSQL administration", 5); Knows("sabine.kruger", "Microsoft SQL Server", 4);
        Knows("arjun.mehta", "Penetration testing", 5); Knows("arjun.mehta", "Firewall management", 4);
        Knows("yusuf.demir", "Cisco routing and switching", 4);
        Knows("ahmed.farouk", "VMware vSphere", 3);

        var validFrom = now.InUtc().Date.PlusMonths(-6).With(DateAdjusters.StartOfMonth);
        foreach (var (c, person) in people.Where(p => p.Cast.Rate is not null))
            db.CostRates.Add(new CostRate
            {
                PersonId = person.Id, OrganizationId = person.OrganizationId, HourlyAmount = c.Rate!.Value,
                Currency = "EUR", ValidFrom = validFrom, CreatedAt = now,
            });
        foreach (var (team, rate) in new[] { ("desk", 45m), ("network", 72m), ("platform", 70m) })
            db.CostRates.Add(new CostRate
            {
                TeamId = teams[team].Id, OrganizationId = teams[team].OrganizationId, HourlyAmount = rate,
                Currency = "EUR", ValidFrom = validFrom, CreatedAt = now,
            });
        DemoPortfolio.Add(db, orgs, teams, By, now);
        DemoCalendars.Add(db, orgs, now);

        await db.SaveChangesAsync(ct);

        foreach (var (c, person) in people)
        {
            var result = await Accounts.CreateAsync(users, person, Password, c.Roles);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo account {c.Email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        return new DemoSeed(provider, "tom.okafor@meridian.example");
    }
}
