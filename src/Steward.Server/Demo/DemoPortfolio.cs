using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Server.Demo;

/// <summary>
/// Meridian's portfolio, built so that each kind of sourcing shows on first start:
/// Harbor buys the whole Managed Workplace (service outsourcing); Alder hands out incident and
/// change management of its clinical systems (process outsourcing) and keeps access management of
/// its workplace in-house although its contract claims the whole service (the mismatch); Kestrel
/// runs its own processes and borrows Meridian's engineers for diagnosis (knowledge outsourcing).
/// Suppliers and a contractor perform parts under underpinning contracts; two supporting services
/// are internal and so in Meridian's ISO/IEC 20000 scope.
/// </summary>
public static class DemoPortfolio
{
    public static void Add(StewardDbContext db, IReadOnlyDictionary<string, Organization> orgs, IReadOnlyDictionary<string, Team> teams,
        Func<string, Person> person, Instant now)
    {
        var meridian = orgs["meridian"];
        var today = now.InUtc().Date;

        Service NewService(string name, ServiceType type, ServiceLifecycle lifecycle, string owner, string description, string[] outcomes, string[] processes)
        {
            var s = new Service
            {
                ProviderId = meridian.Id, Name = name, Type = type, Lifecycle = lifecycle, OwnerId = person(owner).Id,
                Description = description, Outcomes = [.. outcomes], ProcessKeys = [.. processes], CreatedAt = now,
            };
            db.Services.Add(s);
            return s;
        }

        string[] live = ["incident-management", "request-fulfilment", "problem-management", "change-management", "service-asset-and-configuration-management",
            "release-and-deployment-management", "service-level-management", "availability-management", "capacity-management",
            "it-service-continuity-management", "information-security-management", "event-management", "access-management"];
        var workplace = NewService("Managed Workplace", ServiceType.Business, ServiceLifecycle.Live, "olivia.bennett",
            "Laptops, Microsoft 365, printing and the service desk for office and depot staff.",
            ["Staff can work from any depot or from home", "New starters are productive on day one"], live);
        var clinical = NewService("Clinical Systems Support", ServiceType.Business, ServiceLifecycle.Live, "maya.lindqvist",
            "Operational support of the clinics' scheduling and records systems.",
            ["Clinics see patients on time", "Patient records are available during opening hours"],
            ["incident-management", "problem-management", "change-management", "request-fulfilment", "release-and-deployment-management", "service-asset-and-configuration-management"]);
        var expertise = NewService("Database Expertise on Demand", ServiceType.Technical, ServiceLifecycle.Live, "maya.lindqvist",
            "Senior database and platform engineers who join the customer's own incident, problem and change work.",
            ["The customer's IT resolves complex database faults without hiring specialists"],
            ["incident-management", "problem-management", "change-management"]);
        var hosting = NewService("Hosting Platform", ServiceType.Supporting, ServiceLifecycle.Live, "maya.lindqvist",
            "Virtual servers and storage at Cloudrock that Meridian's customer services run on.", [],
            ["incident-management", "change-management", "capacity-management", "availability-management", "event-management", "it-service-continuity-management"]);
        var wan = NewService("WAN Connectivity", ServiceType.Technical, ServiceLifecycle.Live, "maya.lindqvist",
            "Depot and clinic links over Bluewire's carrier network, managed by Meridian.", [],
            ["incident-management", "change-management", "event-management", "availability-management", "capacity-management"]);
        NewService("Security Monitoring", ServiceType.Business, ServiceLifecycle.Pipeline, "maya.lindqvist",
            "24×7 monitoring of security events, planned for next year.", ["Attacks are noticed within minutes"],
            ["event-management", "incident-management", "information-security-management"]);
        foreach (var (service, supporting) in new[] { (workplace, hosting), (workplace, wan), (clinical, hosting), (clinical, wan) })
            db.ServiceDependencies.Add(new ServiceDependency { ServiceId = service.Id, SupportingServiceId = supporting.Id, ProviderId = meridian.Id });

        Offering NewOffering(Service service, string name, string description, params ServiceLevelTarget[] targets)
        {
            var o = new Offering { ServiceId = service.Id, ProviderId = meridian.Id, Name = name, Description = description, Targets = [.. targets], CreatedAt = now };
            db.Offerings.Add(o);
            return o;
        }
        var gold = NewOffering(workplace, "Gold", "Extended hours, on-site engineer at the largest sites.",
            new("Availability", 99.9m, "%"), new("P1 resolution", 4, "hours"), new("P2 resolution", 8, "hours"), new("Service desk answer time", 30, "seconds"));
        var silver = NewOffering(workplace, "Silver", "Business hours, remote support.",
            new("Availability", 99.5m, "%"), new("P1 resolution", 8, "hours"), new("P2 resolution", 16, "hours"));
        var clinicalStandard = NewOffering(clinical, "Standard", "Incident and change management for the clinical systems.",
            new("Incidents resolved within target", 95, "%"), new("Changes without incident", 98, "%"));
        var retainer = NewOffering(expertise, "Retainer 40 h", "Forty engineer hours a month; engaged within four business hours.",
            new("Time to engage", 4, "hours"), new("Hours available", 40, "hours/month"));

        void Subscribe(Offering offering, string customer, decimal amount, SourcingKind? claimed, int monthsAgo) => db.Subscriptions.Add(new Subscription
        {
            OfferingId = offering.Id, ServiceId = offering.ServiceId, ProviderId = meridian.Id, CustomerId = orgs[customer].Id,
            Start = today.PlusMonths(-monthsAgo).With(DateAdjusters.StartOfMonth), ChargeAmount = amount, ChargeCurrency = "EUR",
            ChargePeriod = ChargePeriod.Monthly, ClaimedKind = claimed, CreatedAt = now,
        });
        Subscribe(gold, "harbor", 12_500m, SourcingKind.ServiceOutsourcing, 14);
        Subscribe(silver, "alder", 7_800m, SourcingKind.ServiceOutsourcing, 9);
        Subscribe(clinicalStandard, "alder", 4_200m, SourcingKind.ProcessOutsourcing, 9);
        Subscribe(retainer, "kestrel", 6_000m, SourcingKind.KnowledgeOutsourcing, 5);

        void Assign(Service service, string process, Guid performer, string? activity = null, string? customer = null, Guid? accountable = null)
        {
            var team = teams.Values.FirstOrDefault(t => t.Id == performer);
            db.SourcingAssignments.Add(new SourcingAssignment
            {
                ProviderId = meridian.Id, ServiceId = service.Id, CustomerId = customer is null ? null : orgs[customer].Id,
                ProcessKey = process, ActivityKey = activity is null ? null : $"{process}/{activity}",
                PerformerOrganizationId = team?.OrganizationId ?? performer, PerformerTeamId = team?.Id,
                AccountableId = activity is null ? accountable ?? meridian.Id : null, CreatedAt = now,
            });
        }
        Guid T(string key) => teams[key].Id;
        Guid O(string key) => orgs[key].Id;

        // Managed Workplace: Meridian answers for every process; its teams, two suppliers and a contractor do the work.
        foreach (var p in new[] { "incident-management", "request-fulfilment", "access-management" }) Assign(workplace, p, T("desk"));
        foreach (var p in new[] { "problem-management", "release-and-deployment-management", "service-asset-and-configuration-management", "capacity-management", "availability-management" })
            Assign(workplace, p, T("platform"));
        Assign(workplace, "change-management", T("change"));
        Assign(workplace, "service-level-management", O("meridian"));
        Assign(workplace, "event-management", T("network"));
        Assign(workplace, "it-service-continuity-management", O("cloudrock"), accountable: meridian.Id);
        Assign(workplace, "information-security-management", O("sabine"), accountable: meridian.Id);
        Assign(workplace, "incident-management", T("network"), activity: "investigation-and-diagnosis");
        // Alder's own IT grants and revokes access itself: for Alder, Meridian no longer answers for every process.
        Assign(workplace, "access-management", O("alder"), customer: "alder", accountable: O("alder"));

        // Clinical Systems Support: only incident and change management are Meridian's; Alder keeps the rest.
        Assign(clinical, "incident-management", T("desk"));
        Assign(clinical, "change-management", T("change"));
        Assign(clinical, "incident-management", O("sabine"), activity: "resolution-and-recovery");

        // Database Expertise on Demand: Kestrel's processes, Meridian's engineers for some steps.
        Assign(expertise, "incident-management", T("platform"), activity: "investigation-and-diagnosis");
        Assign(expertise, "problem-management", T("platform"), activity: "investigation-and-diagnosis");
        Assign(expertise, "change-management", T("platform"), activity: "assessment-and-evaluation");
        Assign(expertise, "incident-management", T("kestrel-it"), activity: "logging", customer: "kestrel");

        // The supporting services: Meridian's own, with Cloudrock and Bluewire underneath.
        foreach (var p in new[] { "incident-management", "change-management", "capacity-management", "availability-management", "event-management" })
            Assign(hosting, p, T("platform"));
        Assign(hosting, "it-service-continuity-management", O("cloudrock"), accountable: meridian.Id);
        foreach (var p in new[] { "incident-management", "change-management", "availability-management", "capacity-management" })
            Assign(wan, p, T("network"));
        Assign(wan, "event-management", T("bluewire-noc"), accountable: meridian.Id);

        // The values each agreement sets for measures of the catalogue: what the relationship review sets the records against.
        static List<AgreementMeasureTarget> Set(params (string Key, decimal Target)[] targets) => [.. targets.Select(t => new AgreementMeasureTarget(t.Key, t.Target))];
        void Agreement(AgreementType type, Guid accountable, Guid counterparty, string reference, string[] measures, LocalDate signed, LocalDate? reviewed,
            Service? service = null, string? process = null, List<AgreementMeasureTarget>? targets = null) => db.AgreementRecords.Add(new AgreementRecord
            {
                ProviderId = meridian.Id, Type = type, AccountableId = accountable, CounterpartyId = counterparty, ServiceId = service?.Id, ProcessKey = process,
                Reference = reference, Measures = [.. measures], SignedOn = signed, LastReviewedOn = reviewed, CreatedAt = now, MeasureTargets = targets ?? [],
            });
        Agreement(AgreementType.ServiceLevelAgreement, O("harbor"), meridian.Id, "MSA-HRB-2025 schedule 2", ["Availability 99.9 %", "P1 resolution 4 hours", "Service desk answer time 30 seconds"],
            today.PlusMonths(-14), today.PlusMonths(-2), workplace,
            targets: Set(("sla-compliance", 95), ("resolution-time-median", 8), ("csat-mean", 4)));
        Agreement(AgreementType.ProcessLevelAgreement, O("alder"), meridian.Id, "ALD-PLA-INC-01", ["Mean time to resolve", "Resolved within target", "Reopen rate"],
            today.PlusMonths(-9), today.PlusMonths(-3), clinical, "incident-management",
            targets: Set(("resolution-time-median", 8), ("sla-compliance", 90), ("reopen-rate", 5)));
        Agreement(AgreementType.SkillsAgreement, O("kestrel"), meridian.Id, "KST-SKL-2026", ["Time to engage 4 hours", "Effort per month", "Rework rate", "Certified engineers"],
            today.PlusMonths(-5), null, expertise,
            targets: Set(("time-to-engage-median", 4), ("reopen-rate", 5)));
        Agreement(AgreementType.UnderpinningContract, meridian.Id, O("cloudrock"), "CR-HOST-2025-117", ["Platform availability 99.95 %", "Restore within 4 hours"],
            today.PlusMonths(-20), today.PlusMonths(-4));
        Agreement(AgreementType.UnderpinningContract, meridian.Id, O("bluewire"), "BW-WAN-2024-09", ["Link availability 99.9 %", "Fault response 1 hour"],
            today.PlusMonths(-26), today.PlusMonths(-13));
        Agreement(AgreementType.OperationalLevelAgreement, meridian.Id, T("desk"), "OLA-SD-01", ["First response 15 minutes", "First-contact resolution 70 %"],
            today.PlusMonths(-12), today.PlusMonths(-1), targets: Set(("first-contact-resolution", 70)));
    }
}
