using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.ReleaseFixture;

/// <summary>
/// The fixture's data, made through the API as an administrator would make it: a provider with
/// customers, a supplier and a contractor, people and teams, a portfolio, a sourcing model, SLA
/// calendars and policies, and incidents and requests in every state with everything that hangs off
/// them. Names and values are fixed; ids and instants differ per run. Alongside, it notes every
/// address whose answer the fixture records (<see cref="Reads"/>).
/// </summary>
/// <remarks>
/// The administrator makes almost everything; what only others may do (review an article its
/// writer may not review, publish it as a moderator, answer a survey as the person invited) is done
/// as those people, with tokens <paramref name="issueToken"/> writes for them (only a signed-in
/// person makes a token through the API, for themselves).
/// One policy counts in seconds around the clock, so that the release's own SLA worker fires
/// warnings, breaches, a priority raise and notifications while the generator waits; every other
/// target is hours of office time, so nothing else falls due while the fixture is made.
/// </remarks>
sealed partial class FixtureData(Api api, Uri baseUri, Action<string> say, Func<string, Task<string>> issueToken)
{
    public const string Incidents = "/api/v1/incidents";
    public const string Requests = "/api/v1/requests";
    public const string AliceEmail = "alice.agent@fixture.example";
    public const string AlicePassword = "Fixture-Alice-2026";

    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    /// <summary>Addresses to record, in order; <c>Paged</c> ones are followed through their <c>next</c> cursors.</summary>
    public List<(string Url, bool Paged)> Reads { get; } = [];

    /// <summary>The instant the data was made, for the reports' period.</summary>
    public DateTimeOffset MadeAt { get; } = DateTimeOffset.UtcNow;

    Guid provider, admin;
    Guid harbour, quay, northwind, ada, secondProvider, oldCustomer;
    Guid alice, paul, olga, peter, aude, rita, carl, quinn, nina, conrad, frank, norbert;
    Guid desk, network, logistics, field, night;
    Guid exchange, cisco, itil, netware;
    Guid networkService, email, workplace, fax;
    Guid emailStandard, emailPremium, networkBasic, workplaceStandard, faxBasic;
    Guid london, newYork, roundTheClock;
    Guid laptop, mailbox, software, faxLine;
    Guid mail, printer, spam, desk2;

    void Read(string url, bool paged = false)
    {
        if (!Reads.Any(r => r.Url == url)) Reads.Add((url, paged));
    }

    readonly Dictionary<string, string> tokens = [];

    /// <summary>The API as the person with this email calls it, with a token written for them (one per person).</summary>
    async Task<Api> AsPersonAsync(string email)
    {
        if (!tokens.TryGetValue(email, out var token)) tokens[email] = token = await issueToken(email);
        return Api.For(baseUri, token);
    }

    public async Task MakeAsync()
    {
        var me = await api.GetAsync("/api/v1/me");
        admin = me.Id();
        provider = me.GetProperty("organizationId").GetGuid();

        say("parties");
        await PartiesAsync();
        say("sign-in through /signin");
        await SignInAsync(baseUri, AliceEmail, AlicePassword);
        say("portfolio, processes and sourcing");
        await PortfolioAsync();
        await ProcessesAsync();
        await SourcingAsync();
        say("SLA calendars, policies and the priority matrix");
        await ServiceLevelsAsync();
        // Before any record is resolved, so that resolutions invite their requesters.
        say("surveys");
        await SurveysAsync();
        // Policy and calendar changes ask the worker to replan the provider's open records; let it
        // finish before any record exists, so that no replan runs while the answers are recorded.
        await Task.Delay(TimeSpan.FromSeconds(3));
        say("catalogue");
        await CatalogueAsync();
        say("incidents");
        await IncidentsAsync();
        say("requests");
        await RequestsAsync();
        await NotificationsAsync();
        say("communities of practice and their articles");
        await KnowledgeAsync();
        say("survey answers and follow-ups");
        await AnswersAsync();
        ListsAndViews();
        KnowledgeReads();
        SatisfactionReads();
    }

    // ---------------------------------------------------------------------------------- parties

    async Task PartiesAsync()
    {
        harbour = (await api.PostAsync("/api/v1/organizations", new { name = "Harbour Bank", kind = "Customer", providerId = provider, description = "Retail bank, 40 branches." })).Id();
        await api.PutAsync($"/api/v1/organizations/{harbour}", new { name = "Harbour Bank", kind = "Customer", description = "Retail bank, 42 branches.", website = "https://harbour-bank.example" });
        quay = (await api.PostAsync("/api/v1/organizations", new { name = "Quay Insurance", kind = "Customer", providerId = provider })).Id();
        northwind = (await api.PostAsync("/api/v1/organizations", new { name = "Northwind Networks", kind = "Supplier", providerId = provider, website = "https://northwind-networks.example" })).Id();
        ada = (await api.PostAsync("/api/v1/organizations", new { name = "Ada Consulting", kind = "Contractor", providerId = provider, description = "Problem analysts on call." })).Id();
        secondProvider = (await api.PostAsync("/api/v1/organizations", new { name = "Second Provider", kind = "Provider" })).Id();
        // Harbour Bank is served by two providers.
        await api.PostAsync($"/api/v1/organizations/{secondProvider}/partners", new { organizationId = harbour });
        oldCustomer = (await api.PostAsync("/api/v1/organizations", new { name = "Old Customer", kind = "Customer", providerId = provider })).Id();
        foreach (var id in new[] { provider, harbour, quay, northwind, ada, secondProvider, oldCustomer })
        {
            Read($"/api/v1/organizations/{id}");
            Read($"/api/v1/organizations/{id}/partners");
        }

        alice = await PersonAsync(provider, "Alice Agent", AliceEmail, "Europe/London", "en-GB", ["Agent"], "Service desk agent", "+44 20 7946 0001");
        await api.PutAsync($"/api/v1/people/{alice}", new
        {
            name = "Alice Agent", email = AliceEmail, timeZone = "Europe/London", locale = "en-GB",
            jobTitle = "Senior service desk agent", phone = "+44 20 7946 0001", roles = new[] { "Agent" },
        });
        await api.PostNoContentAsync($"/api/v1/people/{alice}/password", new { password = AlicePassword });
        paul = await PersonAsync(provider, "Paul Manager", "paul.manager@fixture.example", "Europe/London", "en-GB", ["ProviderManager"], "Head of service delivery");
        olga = await PersonAsync(provider, "Olga Owner", "olga.owner@fixture.example", "Europe/Amsterdam", "nl-NL", ["ServiceOwner"], "Service owner, workplace");
        peter = await PersonAsync(provider, "Peter Process", "peter.process@fixture.example", "Europe/London", "en-GB", ["ProcessOwner"]);
        aude = await PersonAsync(provider, "Aude Auditor", "aude.auditor@fixture.example", "Europe/Paris", "fr-FR", ["Auditor"]);
        rita = await PersonAsync(harbour, "Rita Requester", RitaEmail, "Europe/London", "en-GB", ["Requester"], "Branch manager");
        carl = await PersonAsync(harbour, "Carl Coordinator", "carl.coordinator@harbour-bank.example", "Europe/London", "en-GB", ["Requester", "ServiceOwner"], "IT coordinator");
        quinn = await PersonAsync(quay, "Quinn Quay", QuinnEmail, "Europe/Dublin", "en-IE", ["Requester"]);
        nina = await PersonAsync(northwind, "Nina Network", NinaEmail, "Europe/Berlin", "de-DE", ["Agent"], "Network engineer");
        conrad = await PersonAsync(ada, "Conrad Contractor", "conrad@ada-consulting.example", "America/New_York", "en-US", ["Agent"]);
        frank = await PersonAsync(provider, "Frank Former", "frank.former@fixture.example", "Europe/London", "en-GB", ["Agent"]);
        // No roles: a person without a sign-in.
        norbert = await PersonAsync(quay, "Norbert No-Account", "norbert@quay-insurance.example", "Europe/Dublin", "en-IE", null);

        desk = await TeamAsync(provider, "Service desk", "First line for every customer.", "desk@fixture.example");
        await api.PutAsync($"/api/v1/teams/{desk}", new { name = "Service desk", description = "First and second line for every customer.", email = "desk@fixture.example" });
        network = await TeamAsync(northwind, "Network engineering", null, "noc@northwind-networks.example");
        logistics = await TeamAsync(northwind, "Logistics", "Hardware orders and deliveries.", null);
        field = await TeamAsync(ada, "Problem analysts", null, null);
        night = await TeamAsync(provider, "Night shift", "Disbanded.", null);
        await MemberAsync(desk, alice, isLead: true);
        await MemberAsync(desk, admin);
        await MemberAsync(desk, frank);
        await MemberAsync(network, nina, isLead: true);
        await MemberAsync(logistics, nina);
        await MemberAsync(field, conrad);
        // Frank leaves: out of the desk, then archived; the night shift is archived too.
        await api.DeleteAsync($"/api/v1/teams/{desk}/members/{frank}");
        await api.PostOkAsync($"/api/v1/people/{frank}/archive", null, await api.ETagOfAsync($"/api/v1/people/{frank}"));
        await api.PostOkAsync($"/api/v1/teams/{night}/archive", null, await api.ETagOfAsync($"/api/v1/teams/{night}"));
        foreach (var id in new[] { desk, network, logistics, field, night })
        {
            Read($"/api/v1/teams/{id}");
            Read($"/api/v1/teams/{id}/members");
        }

        exchange = (await api.PostAsync("/api/v1/skills", new { name = "Exchange Online", category = "Messaging", description = "Mailboxes, transport rules, hybrid." })).Id();
        cisco = (await api.PostAsync("/api/v1/skills", new { name = "Cisco IOS", category = "Networking" })).Id();
        itil = (await api.PostAsync("/api/v1/skills", new { name = "ITIL 4 Foundation", category = "Certification" })).Id();
        netware = (await api.PostAsync("/api/v1/skills", new { name = "Novell NetWare", category = "Legacy" })).Id();
        await api.PutAsync($"/api/v1/skills/{itil}", new { name = "ITIL 4 Foundation", category = "Certification", description = "AXELOS certificate." });
        await api.PostOkAsync($"/api/v1/skills/{netware}/archive", null, await api.ETagOfAsync($"/api/v1/skills/{netware}"));
        foreach (var id in new[] { exchange, cisco, itil, netware }) Read($"/api/v1/skills/{id}");

        await api.PostAsync($"/api/v1/people/{alice}/skills", new { skillId = exchange, level = 3 });
        // A held skill has no GET of its own: any version ("*").
        await api.PutAnyAsync($"/api/v1/people/{alice}/skills/{exchange}", new { level = 4 });
        await api.PostAsync($"/api/v1/people/{alice}/skills", new { skillId = itil, level = 5 });
        await api.PostAsync($"/api/v1/people/{nina}/skills", new { skillId = cisco, level = 4 });

        var aliceRate = (await api.PostAsync("/api/v1/cost-rates", new { personId = alice, hourlyAmount = 85.50m, currency = "EUR", validFrom = "2026-01-01" })).Id();
        var deskRate = (await api.PostAsync("/api/v1/cost-rates", new { teamId = desk, hourlyAmount = 60m, currency = "EUR", validFrom = "2026-01-01" })).Id();
        var ninaRate = (await api.PostAsync("/api/v1/cost-rates", new { personId = nina, hourlyAmount = 95m, currency = "GBP", validFrom = "2025-07-01" })).Id();
        await api.PutAsync($"/api/v1/cost-rates/{ninaRate}", new { hourlyAmount = 97.25m, currency = "GBP", validFrom = "2025-07-01" });
        foreach (var id in new[] { aliceRate, deskRate, ninaRate }) Read($"/api/v1/cost-rates/{id}");

        foreach (var id in new[] { admin, alice, paul, olga, peter, aude, rita, carl, quinn, nina, conrad, frank, norbert })
        {
            Read($"/api/v1/people/{id}");
            Read($"/api/v1/people/{id}/skills");
        }

        var script = (await api.PostAsync("/api/v1/me/tokens", new { name = "Fixture script", expiresAt = MadeAt.UtcDateTime.Date.AddDays(700).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) })).Id();
        var revoked = (await api.PostAsync("/api/v1/me/tokens", new { name = "Revoked script" })).Id();
        await api.DeleteAsync($"/api/v1/me/tokens/{revoked}", $"/api/v1/me/tokens/{revoked}");
        Read($"/api/v1/me/tokens/{script}");
        Read($"/api/v1/me/tokens/{revoked}");
    }

    async Task<Guid> PersonAsync(Guid organizationId, string name, string email, string timeZone, string locale, string[]? roles,
        string? jobTitle = null, string? phone = null) =>
        (await api.PostAsync("/api/v1/people", new { organizationId, name, email, timeZone, locale, jobTitle, phone, roles })).Id();

    async Task<Guid> TeamAsync(Guid organizationId, string name, string? description, string? email) =>
        (await api.PostAsync("/api/v1/teams", new { organizationId, name, description, email })).Id();

    Task MemberAsync(Guid team, Guid person, bool isLead = false) => api.PostAsync($"/api/v1/teams/{team}/members", new { personId = person, isLead });

    // ---------------------------------------------------------------------- portfolio, sourcing

    async Task PortfolioAsync()
    {
        networkService = (await api.PostAsync("/api/v1/services", new
        {
            providerId = provider, name = "Network", type = "Technical", lifecycle = "Live", ownerId = olga,
            description = "WAN and LAN for every branch.", outcomes = new[] { "Every site connected" }, processKeys = new[] { "incident-management", "event-management" },
        })).Id();
        email = (await api.PostAsync("/api/v1/services", new
        {
            providerId = provider, name = "E-mail", type = "Business", lifecycle = "Live", ownerId = olga,
            description = "Mailboxes, calendars and shared mailboxes.", outcomes = new[] { "Mail delivered within a minute", "Calendars in sync on every device" },
            processKeys = new[] { "incident-management", "request-fulfilment" }, supportingServiceIds = new[] { networkService },
        })).Id();
        // The process set is replaced on its own, under the service's ETag.
        await api.PutAsync($"/api/v1/services/{email}/processes", new[] { "incident-management", "request-fulfilment", "problem-management", "access-management" },
            etagUrl: $"/api/v1/services/{email}");
        workplace = (await api.PostAsync("/api/v1/services", new
        {
            providerId = provider, name = "Workplace", type = "Business", ownerId = olga, processKeys = new[] { "request-fulfilment", "incident-management" },
        })).Id();
        fax = (await api.PostAsync("/api/v1/services", new { providerId = provider, name = "Fax", type = "Supporting", lifecycle = "Live", processKeys = new[] { "incident-management" } })).Id();

        emailStandard = (await api.PostAsync("/api/v1/offerings", new
        {
            serviceId = email, name = "E-mail Standard", description = "50 GB mailboxes, office hours support.",
            targets = new object[] { new { name = "Availability", target = 99.9m, unit = "%" }, new { name = "Mailbox size", target = 50, unit = "GB" } },
        })).Id();
        emailPremium = (await api.PostAsync("/api/v1/offerings", new { serviceId = email, name = "E-mail Premium", targets = new object[] { new { name = "Availability", target = 99.95m, unit = "%" } } })).Id();
        await api.PutAsync($"/api/v1/offerings/{emailPremium}", new
        {
            name = "E-mail Premium", description = "100 GB mailboxes, round-the-clock support.",
            targets = new object[] { new { name = "Availability", target = 99.95m, unit = "%" }, new { name = "Mailbox size", target = 100, unit = "GB" } },
        });
        networkBasic = (await api.PostAsync("/api/v1/offerings", new { serviceId = networkService, name = "Network Basic" })).Id();
        workplaceStandard = (await api.PostAsync("/api/v1/offerings", new { serviceId = workplace, name = "Workplace Standard", targets = new object[] { new { name = "Laptop delivery", target = 5, unit = "days" } } })).Id();
        faxBasic = (await api.PostAsync("/api/v1/offerings", new { serviceId = fax, name = "Fax Basic" })).Id();

        var subscriptions = new List<Guid>
        {
            (await api.PostAsync("/api/v1/subscriptions", new { offeringId = emailStandard, customerId = harbour, start = "2024-01-01", chargeAmount = 1200m, chargeCurrency = "EUR", chargePeriod = "Monthly", claimedKind = "ServiceOutsourcing" })).Id(),
            (await api.PostAsync("/api/v1/subscriptions", new { offeringId = emailPremium, customerId = quay, start = "2025-03-01", end = "2035-12-31", chargeAmount = 950.5m, chargeCurrency = "GBP", chargePeriod = "Quarterly" })).Id(),
            (await api.PostAsync("/api/v1/subscriptions", new { offeringId = workplaceStandard, customerId = harbour, start = "2024-06-01", chargeAmount = 15000m, chargeCurrency = "EUR", chargePeriod = "Yearly", claimedKind = "ProcessOutsourcing" })).Id(),
            (await api.PostAsync("/api/v1/subscriptions", new { offeringId = networkBasic, customerId = harbour, start = "2024-01-01", chargeAmount = 0m, chargeCurrency = "EUR" })).Id(),
            // Ended before the fixture was made: it no longer counts in the sourcing views.
            (await api.PostAsync("/api/v1/subscriptions", new { offeringId = faxBasic, customerId = oldCustomer, start = "2020-01-01", end = "2025-06-30", chargeAmount = 40m, chargeCurrency = "EUR", chargePeriod = "OneOff" })).Id(),
        };
        await api.PutAsync($"/api/v1/subscriptions/{subscriptions[0]}", new { offeringId = emailStandard, start = "2024-01-01", chargeAmount = 1250m, chargeCurrency = "EUR", chargePeriod = "Monthly", claimedKind = "ServiceOutsourcing" });
        // The old customer leaves: archived after its subscription ended.
        await api.PostOkAsync($"/api/v1/organizations/{oldCustomer}/archive", null, await api.ETagOfAsync($"/api/v1/organizations/{oldCustomer}"));
        // Retired after it was subscribed to (a retired service takes no new offerings).
        await api.PutAsync($"/api/v1/services/{fax}", new { name = "Fax", type = "Supporting", lifecycle = "Retired", description = "Switched off.", processKeys = new[] { "incident-management" } });

        foreach (var id in new[] { networkService, email, workplace, fax })
        {
            Read($"/api/v1/services/{id}");
            Read($"/api/v1/services/{id}/processes");
        }
        foreach (var id in new[] { emailStandard, emailPremium, networkBasic, workplaceStandard, faxBasic }) Read($"/api/v1/offerings/{id}");
        foreach (var id in subscriptions) Read($"/api/v1/subscriptions/{id}");
    }

    async Task ProcessesAsync()
    {
        // A library process tailored for the provider, then changed under its ETag, and a process of its own.
        var problem = $"/api/v1/processes/problem-management?providerId={provider}";
        await api.PutNewAsync(problem, new
        {
            name = "Problem management", stage = "Operation", description = "Root causes, found by contracted analysts.",
            activities = new object[]
            {
                new { key = "problem-management/detection", name = "Detection" },
                new { key = "problem-management/investigation-and-diagnosis", name = "Investigation and diagnosis", description = "By Ada Consulting." },
                new { key = "problem-management/closure", name = "Closure" },
            },
            kpis = new object[] { new { key = "time-to-root-cause", name = "Time to root cause", unit = "days" } },
            itil4Practices = new[] { "problem-management" }, iso20000Clauses = new[] { "8.6.3" },
        });
        await api.PutAsync(problem, new
        {
            name = "Problem management (tailored)", stage = "Operation", description = "Root causes, found by contracted analysts.",
            activities = new object[]
            {
                new { key = "problem-management/detection", name = "Detection" },
                new { key = "problem-management/investigation-and-diagnosis", name = "Investigation and diagnosis", description = "By Ada Consulting." },
                new { key = "problem-management/known-error-recording", name = "Known error recording" },
                new { key = "problem-management/closure", name = "Closure" },
            },
            kpis = new object[] { new { key = "time-to-root-cause", name = "Time to root cause", unit = "days" } },
            itil4Practices = new[] { "problem-management" }, iso20000Clauses = new[] { "8.6.3" },
        });
        await api.PutNewAsync($"/api/v1/processes/customer-onboarding?providerId={provider}", new
        {
            name = "Customer onboarding", stage = "Transition", description = "Bringing a new customer's users and data across.",
            activities = new object[]
            {
                new { key = "customer-onboarding/kick-off", name = "Kick-off" },
                new { key = "customer-onboarding/migration", name = "Migration" },
            },
            kpis = Array.Empty<object>(),
        });
        Read(problem);
        Read($"/api/v1/processes/customer-onboarding?providerId={provider}");
        Read($"/api/v1/processes/incident-management?providerId={provider}");
    }

    async Task SourcingAsync()
    {
        var assignments = new List<Guid>
        {
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = email, processKey = "incident-management", performerId = desk, accountableId = provider })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = email, processKey = "incident-management", activityKey = "incident-management/investigation-and-diagnosis", performerId = network })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = email, processKey = "request-fulfilment", performerId = desk, accountableId = provider })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = email, processKey = "problem-management", performerId = ada, accountableId = provider, note = "Analysts on call." })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = workplace, processKey = "request-fulfilment", performerId = desk, accountableId = provider })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = workplace, customerId = harbour, processKey = "request-fulfilment", activityKey = "request-fulfilment/fulfilment", performerId = logistics })).Id(),
            (await api.PostAsync("/api/v1/sourcing/assignments", new { serviceId = networkService, processKey = "incident-management", performerId = northwind, accountableId = provider })).Id(),
        };
        await api.PutAsync($"/api/v1/sourcing/assignments/{assignments[^1]}", new { performerId = northwind, accountableId = northwind, note = "Northwind answers for its network." });

        var agreements = new List<Guid>
        {
            (await api.PostAsync("/api/v1/sourcing/agreements", new
            {
                providerId = provider, type = "UnderpinningContract", accountableId = provider, counterpartyId = northwind, reference = "UC-NET-01",
                measures = new[] { "Time to restore", "Availability" }, signedOn = "2025-06-01", lastReviewedOn = "2026-06-01",
                targets = new[] { new { priority = 3, within = "PT4H" }, new { priority = 2, within = "PT2H" } },
            })).Id(),
            (await api.PostAsync("/api/v1/sourcing/agreements", new
            {
                providerId = provider, type = "ServiceLevelAgreement", accountableId = provider, counterpartyId = harbour, reference = "SLA-HB-01",
                serviceId = email, signedOn = "2024-01-01", note = "Office hours.",
            })).Id(),
            (await api.PostAsync("/api/v1/sourcing/agreements", new
            {
                providerId = provider, type = "OperationalLevelAgreement", accountableId = provider, counterpartyId = desk, reference = "OLA-DESK-01",
                targets = new[] { new { priority = 1, within = "PT1H" } },
            })).Id(),
            (await api.PostAsync("/api/v1/sourcing/agreements", new
            {
                providerId = provider, type = "ProcessLevelAgreement", accountableId = provider, counterpartyId = ada, reference = "PLA-ADA-01", processKey = "problem-management",
            })).Id(),
            (await api.PostAsync("/api/v1/sourcing/agreements", new
            {
                providerId = provider, type = "SkillsAgreement", accountableId = provider, counterpartyId = ada, reference = "SKA-ADA-02", measures = new[] { "Analyst days" },
            })).Id(),
        };
        await api.PutAsync($"/api/v1/sourcing/agreements/{agreements[1]}", new
        {
            providerId = provider, type = "ServiceLevelAgreement", accountableId = provider, counterpartyId = harbour, reference = "SLA-HB-01",
            serviceId = email, signedOn = "2024-01-01", lastReviewedOn = "2026-01-15", note = "Office hours, reviewed yearly.",
        });
        foreach (var id in assignments) Read($"/api/v1/sourcing/assignments/{id}");
        foreach (var id in agreements) Read($"/api/v1/sourcing/agreements/{id}");
    }

    // ------------------------------------------------------------------------------ service levels

    async Task ServiceLevelsAsync()
    {
        london = (await api.PostAsync("/api/v1/sla/calendars", new
        {
            name = "London office", timeZone = "Europe/London",
            weeklyHours = Weekdays.Select(d => new { day = d, start = "09:00", end = "17:30" }).ToArray(),
            holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2026-12-28", name = "Boxing Day (substitute)" } },
        })).Id();
        newYork = (await api.PostAsync("/api/v1/sla/calendars", new
        {
            name = "Night operations", timeZone = "America/New_York", organizationId = northwind,
            // Overnight shifts: an end not after the start runs into the next day.
            weeklyHours = Weekdays.Select(d => new { day = d, start = "22:00", end = "06:00" }).ToArray(),
        })).Id();
        roundTheClock = (await api.PostAsync("/api/v1/sla/calendars", new
        {
            name = "Round the clock", timeZone = "Etc/UTC",
            weeklyHours = Weekdays.Concat(["Saturday", "Sunday"]).Select(d => new { day = d, start = "00:00", end = "24:00" }).ToArray(),
        })).Id();

        var standard = (await api.PostAsync("/api/v1/sla/policies", new
        {
            name = "Standard incidents", calendarId = london, kinds = new[] { "Incident" }, rank = 100,
            targets = new object[]
            {
                new { priority = 1, firstResponse = "PT30M", resolution = "PT4H" },
                new { priority = 2, firstResponse = "PT1H", resolution = "PT8H" },
                new { priority = 3, firstResponse = "PT2H", resolution = "PT16H" },
                new { priority = 4, firstResponse = "PT4H", resolution = "P2D" },
                new { priority = 5, resolution = "P5D" },
            },
            pauseStates = new[] { "OnHold" }, warningPercent = 75,
            escalations = new object[]
            {
                new { when = "Warning", metric = "FirstResponse", action = "Notify" },
                new { when = "Breach", metric = "Resolution", action = "Notify" },
                new { when = "Breach", metric = "Resolution", action = "Reassign", teamId = network },
                new { when = "Breach", metric = "Party", action = "Notify" },
            },
        })).Id();
        // Quay Insurance's incidents count in seconds around the clock (no calendar), so that the
        // release's worker fires warnings, breaches and a priority raise while the fixture is made.
        var fast = (await api.PostAsync("/api/v1/sla/policies", new
        {
            name = "Quay fast lane", description = "Seconds, so that the fixture has escalations.", kinds = new[] { "Incident" }, rank = 10, customerIds = new[] { quay },
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, firstResponse = "PT2S", resolution = "PT4S" }).ToArray(),
            warningPercent = 50,
            escalations = new object[]
            {
                new { when = "Warning", metric = "FirstResponse", action = "Notify" },
                new { when = "Breach", metric = "FirstResponse", action = "Notify" },
                new { when = "Breach", metric = "Resolution", action = "Notify" },
                new { when = "Breach", metric = "Resolution", action = "RaisePriority" },
            },
        })).Id();
        var requests = (await api.PostAsync("/api/v1/sla/policies", new
        {
            name = "Requests", calendarId = london, kinds = new[] { "Request" },
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, firstResponse = "PT4H", resolution = $"P{p + 2}D" }).ToArray(),
            pauseStates = new[] { "OnHold", "AwaitingApproval" }, warningPercent = 80,
        })).Id();
        var draft = (await api.PostAsync("/api/v1/sla/policies", new
        {
            name = "Draft network policy", isActive = false, rank = 50, kinds = new[] { "Incident" }, serviceIds = new[] { networkService }, offeringIds = new[] { networkBasic },
            customerIds = new[] { harbour }, priorities = new[] { 1, 2 }, calendarId = newYork,
            targets = new[] { new { priority = 1, resolution = "PT2H" } },
        })).Id();
        await api.PutAsync($"/api/v1/sla/policies/{draft}", new
        {
            name = "Draft network policy", isActive = false, rank = 50, kinds = new[] { "Incident" }, serviceIds = new[] { networkService }, offeringIds = new[] { networkBasic },
            customerIds = new[] { harbour }, priorities = new[] { 1, 2 }, calendarId = newYork, warningPercent = 90,
            targets = new object[] { new { priority = 1, resolution = "PT2H" }, new { priority = 2, firstResponse = "PT1H", resolution = "PT6H" } },
        });
        // An edit keeps what the calendar said before it (SlaCalendarRevisions) and replans the records counting in it.
        await api.PutAsync($"/api/v1/sla/calendars/{london}", new
        {
            name = "London office", timeZone = "Europe/London",
            weeklyHours = Weekdays.Select(d => new { day = d, start = "09:00", end = d == "Friday" ? "16:00" : "17:30" }).ToArray(),
            holidays = new[]
            {
                new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2026-12-28", name = "Boxing Day (substitute)" },
                new { date = "2027-01-01", name = "New Year's Day" },
            },
        });

        await api.PutAsync($"/api/v1/priority-matrix/{provider}", new { cells = new[] { new[] { 1, 2, 2 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 } } });

        foreach (var id in new[] { london, newYork, roundTheClock }) Read($"/api/v1/sla/calendars/{id}");
        Read($"/api/v1/sla/calendars/{london}/due?start=2026-12-24T16:00:00Z&duration=PT4H");
        Read($"/api/v1/sla/calendars/{london}/elapsed?from=2026-12-24T09:00:00Z&to=2027-01-04T12:00:00Z");
        Read($"/api/v1/sla/calendars/{newYork}/due?start=2026-12-04T20:00:00Z&duration=PT10H");
        foreach (var id in new[] { standard, fast, requests, draft }) Read($"/api/v1/sla/policies/{id}");
        Read($"/api/v1/priority-matrix/{provider}");
        Read($"/api/v1/priority-matrix/{secondProvider}");
    }

    // --------------------------------------------------------------------------------- catalogue

    async Task CatalogueAsync()
    {
        laptop = (await api.PostAsync("/api/v1/catalog-items", new
        {
            name = "New laptop", serviceId = workplace, summary = "A laptop for a new starter or a replacement", category = "Hardware",
            description = "Pick the **model**; delivery takes about a week.",
            fields = new object[]
            {
                new { key = "model", label = "Model", type = "Choice", required = true, options = new[] { "Standard", "Developer" } },
                new { key = "neededBy", label = "Needed by", type = "Date", required = true },
                new { key = "quantity", label = "Quantity", type = "Number", min = 1, max = 5 },
                new { key = "costCentre", label = "Cost centre", type = "Text", pattern = "CC-[0-9]{4}", maxLength = 7, help = "CC- and four digits" },
                new { key = "forPerson", label = "For", type = "Person" },
            },
            stages = new object[]
            {
                new { name = "Provider approval", rule = "Any", approvers = new[] { new { kind = "Person", personId = admin } } },
                new { name = "Budget", rule = "All", approvers = new object[] { new { kind = "ServiceOwner" }, new { kind = "Role", role = "ServiceOwner" } } },
            },
            tasks = new object[]
            {
                new { title = "Order the laptop", teamId = logistics, description = "From the framework supplier." },
                new { title = "Image and enrol it", teamId = desk },
                new { title = "Hand it over" },
            },
            taskOrder = "Sequential",
        })).Id();
        mailbox = (await api.PostAsync("/api/v1/catalog-items", new
        {
            name = "Mailbox access", serviceId = email, summary = "Access to a shared mailbox", category = "Access",
            fields = new object[] { new { key = "mailbox", label = "Mailbox", type = "Text", required = true, maxLength = 100 } },
            tasks = new object[] { new { title = "Grant access", teamId = desk }, new { title = "Tell the mailbox owner", teamId = desk } },
            taskOrder = "Parallel",
        })).Id();
        software = (await api.PostAsync("/api/v1/catalog-items", new
        {
            name = "Software install", serviceId = workplace, category = "Software",
            fields = new object[] { new { key = "product", label = "Product", type = "Text", required = true } },
            stages = new object[] { new { name = "Licence check", approvers = new[] { new { kind = "Person", personId = admin } } } },
            tasks = new object[] { new { title = "Package it", teamId = desk }, new { title = "Deploy it", teamId = desk } },
        })).Id();
        faxLine = (await api.PostAsync("/api/v1/catalog-items", new { name = "Fax line", serviceId = workplace, category = "Telephony" })).Id();
        // Retired: requested by nobody, kept for the record.
        await api.PutAsync($"/api/v1/catalog-items/{faxLine}", new { name = "Fax line", serviceId = workplace, category = "Telephony", summary = "No longer offered.", isActive = false });
        foreach (var id in new[] { laptop, mailbox, software, faxLine }) Read($"/api/v1/catalog-items/{id}");
    }

    // --------------------------------------------------------------------------------- incidents

    static readonly byte[] MailLog = Encoding.UTF8.GetBytes(
        "2026-12-01 09:00:01 smtp-in: 451 4.7.0 temporary failure\n2026-12-01 09:00:05 smtp-in: 451 4.7.0 temporary failure\n");

    /// <summary>A 1×1 transparent PNG: an internal screenshot with binary bytes.</summary>
    static readonly byte[] Screenshot = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    async Task IncidentsAsync()
    {
        mail = await RaiseAsync(new { title = "Mail does not arrive", description = "Since **09:00** no external mail.", serviceId = email, customerId = harbour, requesterId = rita });
        await api.PatchAsync($"{Incidents}/{mail}", new { title = "External mail does not arrive", impact = "High" });
        await CommentAsync(Incidents, mail, "We are looking into it.", isPublic: true);

        var calendar = await RaiseAsync(new { title = "Calendar not syncing", serviceId = email, customerId = harbour, requesterId = carl, urgency = "High" });
        await api.ActAsync($"{Incidents}/{calendar}", "assign", new { teamId = desk, assigneeId = alice });
        await api.ActAsync($"{Incidents}/{calendar}", "transition", new { state = "InProgress", comment = "Taken up by the desk." });
        await CommentAsync(Incidents, calendar, "ActiveSync policy blocks the new phones; check with Northwind.", isPublic: false);
        await api.PostAsync($"{Incidents}/{calendar}/worklog", new { minutes = 45, personId = alice, note = "Traced the device policy." });
        await api.PostAsync($"{Incidents}/{calendar}/worklog", new { minutes = 15, on = "2026-11-30", note = "Call with the customer." });
        var log = (await api.UploadAsync($"{Incidents}/{calendar}/attachments", "mail-log.txt", "text/plain", MailLog, isPublic: true)).Id();
        var shot = (await api.UploadAsync($"{Incidents}/{calendar}/attachments", "screenshot.png", "image/png", Screenshot, isPublic: false)).Id();
        Read($"{Incidents}/{calendar}/attachments/{log}");
        Read($"{Incidents}/{calendar}/attachments/{shot}");
        await api.PostAsync($"{Incidents}/{calendar}/links", new { toId = mail, kind = "RelatesTo" });

        var missing = await RaiseAsync(new { title = "Shared mailbox missing", serviceId = email, customerId = harbour, requesterId = rita, impact = "Low" });
        await api.ActAsync($"{Incidents}/{missing}", "transition", new { state = "OnHold", holdReason = "AwaitingCustomer", comment = "Which mailbox exactly?" });
        await api.PostAsync($"{Incidents}/{missing}/links", new { toId = mail, kind = "DuplicateOf" });

        // No service: a record for the provider's own desk.
        printer = await RaiseAsync(new { title = "Old printer fault", providerId = provider, customerId = harbour, requesterId = rita, impact = "Low", urgency = "Low" });
        await api.ActAsync($"{Incidents}/{printer}", "transition", new { state = "Resolved", resolution = "Replaced the fuser." });

        var vpn = await RaiseAsync(new { title = "VPN drops every hour", serviceId = networkService, customerId = harbour, requesterId = carl });
        await api.ActAsync($"{Incidents}/{vpn}", "transition", new { state = "Resolved", resolution = "Raised the idle timeout." });
        await api.ActAsync($"{Incidents}/{vpn}", "transition", new { state = "Closed" });

        spam = await RaiseAsync(new { title = "Spam filter too strict", serviceId = email, customerId = harbour, requesterId = rita });
        await api.ActAsync($"{Incidents}/{spam}", "transition", new { state = "Resolved", resolution = "Lowered the threshold." });
        await api.ActAsync($"{Incidents}/{spam}", "transition", new { state = "InProgress", comment = "Still blocking invoices." });
        await api.PostAsync($"{Incidents}/{spam}/links", new { toId = calendar, kind = "CausedBy" });

        // Handed to the supplier's network team: a clock of its own under the underpinning contract.
        var relay = await RaiseAsync(new { title = "Mail relay rejects messages", serviceId = email, customerId = harbour, requesterId = rita, isMajor = true, priority = 2 });
        await api.ActAsync($"{Incidents}/{relay}", "activity", new { activityKey = "incident-management/investigation-and-diagnosis" });
        await api.PostAsync($"{Incidents}/{relay}/links", new { toId = mail, kind = "ParentOf" });

        // Many at once: the bulk change.
        await api.PostOkAsync($"{Incidents}/bulk", new { ids = new[] { missing, printer }, priority = 4 });

        // Quay Insurance: the fast lane. One resolved at once, one left to breach while the release's worker escalates.
        var invoice = await RaiseAsync(new { title = "Invoice portal slow", serviceId = email, customerId = quay, requesterId = quinn });
        await api.ActAsync($"{Incidents}/{invoice}", "transition", new { state = "Resolved", resolution = "Cleared the cache." });
        var shop = await RaiseAsync(new { title = "Web shop mails bounce", serviceId = email, customerId = quay, requesterId = quinn, priority = 3, isMajor = true, assignedTeamId = desk, assigneeId = admin });
        await SettleAsync($"{Incidents}/{shop}");
        await CommentAsync(Incidents, shop, "Bounces traced to the relay; fixing.", isPublic: true);
    }

    async Task<Guid> RaiseAsync(object body)
    {
        var id = (await api.PostAsync(Incidents, body)).Id();
        ReadRecord(Incidents, id);
        return id;
    }

    Task CommentAsync(string collection, Guid id, string body, bool isPublic) => api.PostAsync($"{collection}/{id}/comments", new { body, isPublic });

    void ReadRecord(string collection, Guid id)
    {
        foreach (var part in new[] { "", "/sla", "/comments", "/worklog", "/attachments", "/links", "/history", "/articles" })
            Read($"{collection}/{id}{part}");
        if (collection == Requests)
        {
            Read($"{collection}/{id}/approvals");
            Read($"{collection}/{id}/tasks");
        }
    }

    /// <summary>
    /// Waits until the release's worker has fired every escalation of the fast lane: both clocks
    /// breached and the record unchanged for a few seconds (a raised priority replans the clocks,
    /// which may fall due again at once and raise it further).
    /// </summary>
    async Task SettleAsync(string record)
    {
        var version = -1L;
        var steady = 0;
        for (var i = 0; i < 60 && steady < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = (await api.GetAsync(record)).GetProperty("version").GetInt64();
            var clocks = await api.GetAsync($"{record}/sla");
            var breached = clocks.EnumerateArray().Count(c => c.GetProperty("breachedAt").ValueKind == JsonValueKind.String);
            steady = now == version && breached >= 2 ? steady + 1 : 0;
            version = now;
        }
        if (steady < 4) throw new InvalidOperationException($"The release's SLA worker did not settle {record} within a minute.");
    }

    // ---------------------------------------------------------------------------------- requests

    async Task RequestsAsync()
    {
        var laptopAnswers = new Dictionary<string, object> { ["model"] = "Developer", ["neededBy"] = "2027-01-11", ["quantity"] = 2, ["costCentre"] = "CC-1234", ["forPerson"] = rita.ToString() };

        // Waits for the administrator's decision (the first stage).
        await SubmitAsync(new { catalogItemId = laptop, customerId = harbour, requesterId = rita, answers = laptopAnswers });
        // Approved at the first stage: the second stage asks the service owner and the customer's coordinator.
        var approved = await SubmitAsync(new { catalogItemId = laptop, customerId = harbour, requesterId = carl, title = "Laptop for a new analyst", answers = laptopAnswers });
        await api.ActAsync($"{Requests}/{approved}", "decision", new { decision = "Approved", comment = "Budgeted." });
        var rejected = await SubmitAsync(new { catalogItemId = laptop, customerId = harbour, requesterId = rita, title = "Third laptop this year", answers = laptopAnswers });
        await api.ActAsync($"{Requests}/{rejected}", "decision", new { decision = "Rejected", comment = "One laptop per person." });

        // No approval: straight into fulfilment, two tasks side by side; one done, one cancelled: resolved.
        var access = await SubmitAsync(new { catalogItemId = mailbox, customerId = quay, requesterId = quinn, answers = new Dictionary<string, object> { ["mailbox"] = "claims@quay-insurance.example" } });
        var accessTasks = await api.GetAsync($"{Requests}/{access}/tasks");
        await api.ActAsync($"{Requests}/{access}", $"tasks/{accessTasks[0].Id()}/assign", new { teamId = desk, assigneeId = alice });
        await api.ActAsync($"{Requests}/{access}", $"tasks/{accessTasks[0].Id()}/complete", new { note = "Granted full access." });
        await api.ActAsync($"{Requests}/{access}", $"tasks/{accessTasks[1].Id()}/cancel", new { note = "The owner asked for it herself." });

        // Approved and in fulfilment: the first task done, the second open; then on hold.
        var install = await SubmitAsync(new { catalogItemId = software, customerId = harbour, requesterId = carl, answers = new Dictionary<string, object> { ["product"] = "Visio" } });
        await api.ActAsync($"{Requests}/{install}", "decision", new { decision = "Approved" });
        var installTasks = await api.GetAsync($"{Requests}/{install}/tasks");
        await api.ActAsync($"{Requests}/{install}", $"tasks/{installTasks[0].Id()}/complete", new { note = "Packaged 2024 edition." });
        await api.ActAsync($"{Requests}/{install}", "transition", new { state = "OnHold", holdReason = "AwaitingSupplier", comment = "Waiting for the licence key." });

        // Without a catalogue item: worked by hand, commented, logged, attached, then closed.
        desk2 = await SubmitAsync(new { title = "Move my desk phone", description = "To the second floor.", serviceId = workplace, customerId = harbour, requesterId = rita });
        await api.ActAsync($"{Requests}/{desk2}", "transition", new { state = "InProgress" });
        await CommentAsync(Requests, desk2, "Booked the electrician for Thursday.", isPublic: true);
        await CommentAsync(Requests, desk2, "Floor plan is outdated.", isPublic: false);
        await api.PostAsync($"{Requests}/{desk2}/worklog", new { minutes = 30, personId = alice });
        var plan = (await api.UploadAsync($"{Requests}/{desk2}/attachments", "floor-plan.csv", "text/csv", Encoding.UTF8.GetBytes("desk,floor\nA12,2\n"), isPublic: true)).Id();
        Read($"{Requests}/{desk2}/attachments/{plan}");
        await api.ActAsync($"{Requests}/{desk2}", "transition", new { state = "Resolved", resolution = "Moved." });
        await api.ActAsync($"{Requests}/{desk2}", "transition", new { state = "Closed" });
        await api.PostAsync($"{Requests}/{install}/links", new { toId = desk2, kind = "RelatesTo" });

        var monitor = await SubmitAsync(new { title = "Second monitor", serviceId = workplace, customerId = harbour, requesterId = carl });
        await api.ActAsync($"{Requests}/{monitor}", "transition", new { state = "Cancelled", comment = "Found one in the store room." });

        Read($"{Requests}/approvals");
        Read($"{Requests}/tasks");
        Read($"{Requests}/tasks?state=Done");
        Read($"{Requests}/tasks?state=Cancelled");
        Read($"{Requests}/tasks?teamId={desk}");
    }

    async Task<Guid> SubmitAsync(object body)
    {
        var id = (await api.PostAsync(Requests, body)).Id();
        ReadRecord(Requests, id);
        return id;
    }

    async Task NotificationsAsync()
    {
        // The administrator was told of the fast lane's escalations; one of them is read.
        var page = await api.GetAsync("/api/v1/notifications?limit=200");
        var items = page.GetProperty("items");
        if (items.GetArrayLength() == 0) throw new InvalidOperationException("The release's SLA worker notified nobody: the fixture would have no notification of the administrator's.");
        await api.PostNoContentAsync($"/api/v1/notifications/{items[items.GetArrayLength() - 1].Id()}/read", null);
    }

    // ---------------------------------------------------------------------------- lists and views

    void ListsAndViews()
    {
        string[] lists =
        [
            "/api/v1/organizations", "/api/v1/organizations?includeArchived=true&sort=-createdAt", "/api/v1/organizations?kind=Customer",
            "/api/v1/people", "/api/v1/people?includeArchived=true&sort=email", $"/api/v1/people?teamId={desk}",
            "/api/v1/teams", "/api/v1/teams?includeArchived=true",
            "/api/v1/skills", "/api/v1/skills?includeArchived=true",
            "/api/v1/cost-rates", "/api/v1/services", "/api/v1/offerings", "/api/v1/subscriptions",
            "/api/v1/sourcing/assignments", "/api/v1/sourcing/assignments?sort=processKey", "/api/v1/sourcing/agreements",
            "/api/v1/sla/calendars", "/api/v1/sla/policies", "/api/v1/catalog-items", "/api/v1/catalog-items?active=false",
            Incidents, $"{Incidents}?sort=priority", $"{Incidents}?open=false", $"{Incidents}?text=mail", $"{Incidents}?state=InProgress,OnHold&customerId={harbour}",
            Requests, $"{Requests}?sort=opened", $"{Requests}?text=laptop",
            "/api/v1/notifications",
        ];
        foreach (var url in lists) Read(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200", paged: true);
        // Small pages too: the cursors of the first page must lead to the same second page.
        Read($"{Incidents}?limit=3", paged: true);
        // The journal in pages of 100 (newest first): the largest part of the fixture, read once.
        Read("/api/v1/audit?limit=100", paged: true);

        Read("/api/v1/me");
        Read("/api/v1/me/tokens");
        Read("/api/v1/notifications/unread");
        Read($"/api/v1/processes?providerId={provider}");
        Read($"/api/v1/sourcing/overview?providerId={provider}");
        Read($"/api/v1/sourcing/profile?providerId={provider}&customerId={harbour}");
        Read($"/api/v1/sourcing/profile?providerId={provider}&customerId={quay}");
        Read($"/api/v1/sourcing/matrix?providerId={provider}");
        Read($"/api/v1/sourcing/matrix?providerId={provider}&customerId={harbour}");
        Read($"/api/v1/sourcing/iso20000-scope?organizationId={provider}");
        Read($"/api/v1/sourcing/iso20000-scope?organizationId={northwind}");

        // The reports over Quay Insurance, whose every clock is decided (stopped or breached), so
        // that they read the same whenever they are asked: the period is the day the data was made.
        var day = MadeAt.UtcDateTime.Date;
        var period = $"from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        foreach (var by in new[] { "service", "customer", "priority", "party" })
            Read($"/api/v1/reports/sla-compliance?{period}&customerId={quay}&by={by}");
        Read($"/api/v1/reports/response-times?{period}&customerId={quay}");
        Read($"/api/v1/reports/backlog?{period}&customerId={quay}");
        Read($"/api/v1/reports/parties?{period}&customerId={quay}");
        Read($"/api/v1/reports/response-times?{period}&kind=Request");
    }

    // ---------------------------------------------------------------------------------- sign-in

    /// <summary>
    /// Signs in through the real /signin form (antiforgery token, cookie), as a browser would, so that
    /// the release writes what a sign-in writes: the data-protection key ring and the account's stamps.
    /// </summary>
    static async Task SignInAsync(Uri baseUri, string email, string password)
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseUri };
        var page = await browser.GetStringAsync("/signin");
        var token = HiddenInput().Matches(page).Select(m => (Name: Attribute(m.Value, "name"), Value: Attribute(m.Value, "value")))
            .FirstOrDefault(i => i.Name == "__RequestVerificationToken").Value
            ?? throw new InvalidOperationException("The /signin page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await browser.PostAsync("/signin", form);
        var signedIn = cookies.GetCookies(baseUri).Any(c => c.Name == "steward.auth");
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) || !signedIn)
            throw new InvalidOperationException($"Signing in as {email} through /signin gave {(int)response.StatusCode} and {(signedIn ? "a" : "no")} sign-in cookie.");
        using var home = await browser.GetAsync("/");
        if (home.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"After signing in, / gave {(int)home.StatusCode}.");
    }

    static string? Attribute(string tag, string name) =>
        Regex.Match(tag, "\\b" + name + "=\"([^\"]*)\"", RegexOptions.CultureInvariant) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HiddenInput();
}
