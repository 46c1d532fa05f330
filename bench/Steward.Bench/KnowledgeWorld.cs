using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;

namespace Steward.Bench;

/// <summary>
/// Issue 19, knowledge and satisfaction: the world the bulk seeder copies from, made through the
/// API on a server-created database. A provider with a contractor and customers subscribed to its
/// services, teams (one of the contractor's) performing the services through sourcing, agents and
/// a requester per customer, three communities with members, and a post-resolution survey. Then,
/// as the people themselves (their tokens are written into the database between the two phases,
/// since a token is only ever made by its own person signed in): template articles written by a
/// member and published by two reviewers' approvals, a draft and one in review; incidents with
/// service-desk text; one incident per service resolved, so that the product invites its requester
/// and stores whom the sourcing model names, and each invitation answered by its invitee.
/// </summary>
public static class KnowledgeWorld
{
    /// <summary>A template article: what the seeder copies, with the state and audience it was brought to through the API.</summary>
    public sealed record ArticleTemplate(Guid Id, string Shape);

    public sealed record World(
        Guid ProviderId, Guid ContractorId, List<Guid> Customers, List<Guid> Requesters, List<Guid> Services, List<Guid> Communities,
        Guid AuthorId, Guid Reviewer1Id, Guid Reviewer2Id, Guid AgentId,
        Dictionary<string, string> Tokens, List<ArticleTemplate> Articles, List<Guid> Incidents, List<Guid> Invitations, Guid SurveyId);

    static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object? body, bool ifMatchAny = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatchAny) request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    static Task<JsonElement> PostAsync(HttpClient http, string path, object body, bool ifMatchAny = false) => SendAsync(http, HttpMethod.Post, path, body, ifMatchAny);

    static Guid IdOf(JsonElement e) => e.GetProperty("id").GetGuid();

    static readonly string[] ServiceNames = ["E-mail", "VPN", "Laptops", "ERP", "CRM", "File shares", "Printing", "Telephony", "Payroll", "Intranet", "Wi-Fi", "Identity"];
    static readonly string[] Frameworks = ["itil-4", "itil-v3", "iso-20000-1"];
    static readonly string[] IncidentProcess = ["incident-management"];
    static readonly string[] TeamNames = ["Service desk", "Workplace", "Network", "Applications"];
    static readonly string[] CommunityNames = ["Incident practice", "Workplace practice", "Service management reading group"];

    /// <summary>A service's name: the twelve names, then again numbered (VPN 2, ...).</summary>
    static string ServiceName(int i) => i < ServiceNames.Length ? ServiceNames[i] : $"{ServiceNames[i % ServiceNames.Length]} {i / ServiceNames.Length + 1}";

    /// <summary>
    /// A subscription's monthly charge: mostly euros, every tenth customer in dollars and every
    /// tenth but three in pounds (the P&amp;L converts them at the month's rate), 60–450 a month.
    /// </summary>
    static (decimal Amount, string Currency) Charge(int customer, int service) =>
        (60 + (customer * 37 + service * 53) % 391, (customer % 10) switch { 3 => "USD", 7 => "GBP", _ => "EUR" });

    /// <summary>Phase 1, as the administrator: parties, services, sourcing, communities and the survey. The people's tokens are still to be written.</summary>
    /// <param name="services">How many services (every customer subscribes to each): the measures bench takes 50 for the review of a customer with 50 services and 200 × 50 subscriptions for the P&amp;L.</param>
    public static async Task<World> PrepareAsync(HttpClient http, int customers = 10, int services = 12)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var provider = IdOf(await PostAsync(http, "api/v1/organizations", new { name = $"Northwind Services {tag}", kind = "Provider" }));
        var contractor = IdOf(await PostAsync(http, "api/v1/organizations", new { name = $"Fieldforce {tag}", kind = "Contractor" }));
        await PostAsync(http, $"api/v1/organizations/{provider}/partners", new { organizationId = contractor });
        async Task<Guid> Person(Guid org, string name, string role) => IdOf(await PostAsync(http, "api/v1/people", new
        {
            organizationId = org, name, email = $"{name.Replace(' ', '.').ToLowerInvariant()}.{tag}@bench.example", timeZone = "Europe/Amsterdam", locale = "en-GB", roles = new[] { role },
        }));
        var customerIds = new List<Guid>();
        var requesters = new List<Guid>();
        for (var i = 0; i < customers; i++)
        {
            var c = IdOf(await PostAsync(http, "api/v1/organizations", new { name = $"Customer {i:D2} {tag}", kind = "Customer" }));
            await PostAsync(http, $"api/v1/organizations/{provider}/partners", new { organizationId = c });
            customerIds.Add(c);
            requesters.Add(await Person(c, $"Requester {i}", "Requester"));
        }
        var teams = new List<Guid>();
        foreach (var name in TeamNames)
            teams.Add(IdOf(await PostAsync(http, "api/v1/teams", new { organizationId = provider, name })));
        var contractorTeam = IdOf(await PostAsync(http, "api/v1/teams", new { organizationId = contractor, name = "Field service" }));
        var author = await Person(provider, "Author Agent", "Agent");
        var reviewer1 = await Person(provider, "Reviewer One", "Agent");
        var reviewer2 = await Person(contractor, "Reviewer Two", "Agent");
        var agent = await Person(provider, "Desk Agent", "Agent");
        foreach (var (team, person) in new[] { (teams[0], author), (teams[0], agent), (teams[1], reviewer1), (contractorTeam, reviewer2) })
            await PostAsync(http, $"api/v1/teams/{team}/members", new { personId = person });

        var serviceIds = new List<Guid>();
        for (var i = 0; i < services; i++)
        {
            var service = IdOf(await PostAsync(http, "api/v1/services", new { providerId = provider, name = ServiceName(i), type = "Business", processKeys = IncidentProcess }));
            var offering = IdOf(await PostAsync(http, "api/v1/offerings", new { serviceId = service, name = "Standard" }));
            // A quarter of the services (three of twelve) are performed by the contractor's team: the report's parties differ.
            var performer = i % 4 == 2 ? contractorTeam : teams[i % teams.Count];
            await PostAsync(http, "api/v1/sourcing/assignments", new { serviceId = service, processKey = "incident-management", performerId = performer, accountableId = provider });
            // Four at a time (the client's connections): 10,000 subscriptions are the most of the world's time.
            var index = i;
            await Parallel.ForEachAsync(customerIds.Select((c, n) => (c, n)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (x, _) =>
            {
                var (amount, currency) = Charge(x.n, index);
                await PostAsync(http, "api/v1/subscriptions", new { offeringId = offering, customerId = x.c, start = "2020-01-01", chargeAmount = amount, chargeCurrency = currency });
            });
            serviceIds.Add(service);
        }

        var communities = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var community = IdOf(await PostAsync(http, "api/v1/communities", new
            {
                name = $"{CommunityNames[i]} {tag}", purpose = "Know-how of the service desk.",
                providerId = provider, frameworks = new[] { Frameworks[i] }, processKeys = IncidentProcess, reviewQuorum = 2,
            }));
            await PostAsync(http, $"api/v1/communities/{community}/members", new { personId = author, role = "Member" });
            await PostAsync(http, $"api/v1/communities/{community}/members", new { personId = reviewer1, role = "Reviewer" });
            await PostAsync(http, $"api/v1/communities/{community}/members", new { personId = reviewer2, role = "Moderator" });
            communities.Add(community);
        }
        // The desk agent who searches is a member of the first community only: its drafts are theirs to find, the others' not.
        await PostAsync(http, $"api/v1/communities/{communities[0]}/members", new { personId = agent, role = "Member" });

        var survey = IdOf(await PostAsync(http, "api/v1/surveys", new
        {
            name = "After resolution", providerId = provider, trigger = new { type = "RecordResolved" },
            questions = new { rating = true, recommend = true, comment = true }, expiresAfterDays = 14,
        }));
        return new World(provider, contractor, customerIds, requesters, serviceIds, communities, author, reviewer1, reviewer2, agent,
            [], [], [], [], survey);
    }

    /// <summary>Between the phases, with the server stopped: a token per person who acts, as /api/v1/me/tokens would make it.</summary>
    public static World AddTokens(ISeedStore store, World world)
    {
        var tokens = new Dictionary<string, string>();
        var now = IncidentSeeder.Instant.Now.Ticks;
        void Add(string key, Guid person, Guid org)
        {
            var secret = AccessToken.NewSecret();
            store.Add("AccessTokens", new Dictionary<string, object?>
            {
                ["Id"] = Seeder.SqliteGuid(Guid.CreateVersion7()), ["PersonId"] = Seeder.SqliteGuid(person), ["OrganizationId"] = Seeder.SqliteGuid(org),
                ["Name"] = "bench", ["Hash"] = AccessToken.HashOf(secret), ["Hint"] = AccessToken.HintOf(secret), ["CreatedAt"] = now,
                ["ExpiresAt"] = null, ["RevokedAt"] = null, ["Version"] = 1L,
            });
            tokens[key] = secret;
        }
        Add("author", world.AuthorId, world.ProviderId);
        Add("reviewer1", world.Reviewer1Id, world.ProviderId);
        Add("reviewer2", world.Reviewer2Id, world.ContractorId);
        Add("agent", world.AgentId, world.ProviderId);
        for (var i = 0; i < world.Requesters.Count; i++) Add($"requester{i}", world.Requesters[i], world.Customers[i]);
        store.Flush();
        return world with { Tokens = tokens };
    }

    /// <summary>Phase 2, as the people: the template articles through their lifecycle, incidents, resolutions and answers.</summary>
    public static async Task<World> WorkAsync(Uri baseUri, string adminToken, World world)
    {
        using var admin = LoadDriver.NewClient(baseUri, adminToken, 4);
        using var author = LoadDriver.NewClient(baseUri, world.Tokens["author"], 1);
        using var reviewer1 = LoadDriver.NewClient(baseUri, world.Tokens["reviewer1"], 1);
        using var reviewer2 = LoadDriver.NewClient(baseUri, world.Tokens["reviewer2"], 1);
        var text = new ArticleText(19);
        var rng = new Random(19);
        var articles = new List<ArticleTemplate>();
        // Shapes: published for every customer, for one customer by name, internal; a draft and one in review (internal).
        foreach (var shape in new[] { "customers", "customer-limited", "internal", "draft", "in-review" })
        {
            var (title, body, tags) = text.Next(rng);
            var created = await PostAsync(author, "api/v1/knowledge/articles", new
            {
                title, body, kind = "HowTo", communityId = world.Communities[0], tags, serviceIds = new[] { world.Services[0] }, processKeys = IncidentProcess,
                audience = shape is "customers" or "customer-limited" ? "Customers" : "Internal",
                customerIds = shape == "customer-limited" ? new[] { world.Customers[1] } : null,
            });
            var id = IdOf(created);
            if (shape != "draft") await PostAsync(author, $"api/v1/knowledge/articles/{id}/submit", new { }, ifMatchAny: true);
            if (shape is not ("draft" or "in-review"))
            {
                await PostAsync(reviewer1, $"api/v1/knowledge/articles/{id}/reviews", new { verdict = "Approve", comment = "Reads well." });
                var published = await PostAsync(reviewer2, $"api/v1/knowledge/articles/{id}/reviews", new { verdict = "Approve" });
                if (published.GetProperty("state").GetString() != "Published") throw new InvalidOperationException($"Two approvals did not publish {id}: {published}");
            }
            articles.Add(new ArticleTemplate(id, shape));
        }

        // Incidents with a service desk's text, for suggestions; one per service resolved, which invites its requester.
        var incidentText = new IncidentText(19);
        var incidents = new List<Guid>();
        for (var i = 0; i < Math.Max(48, world.Services.Count); i++)
        {
            var (title, description) = incidentText.Next(rng);
            var c = i % world.Customers.Count;
            incidents.Add(IdOf(await PostAsync(admin, "api/v1/incidents", new
            {
                title, description, serviceId = world.Services[i % world.Services.Count], customerId = world.Customers[c], requesterId = world.Requesters[c],
                impact = "Medium", urgency = "Medium",
            })));
        }
        for (var i = 0; i < world.Services.Count; i++)
        {
            var path = $"api/v1/incidents/{incidents[i]}/transition";
            await PostAsync(admin, path, new { state = "InProgress" }, ifMatchAny: true);
            await PostAsync(admin, path, new { state = "Resolved", resolution = "Restarted the service." }, ifMatchAny: true);
        }
        var invitations = new List<Guid>();
        for (var c = 0; c < world.Customers.Count; c++)
        {
            using var requester = LoadDriver.NewClient(baseUri, world.Tokens[$"requester{c}"], 1);
            foreach (var invitation in (await requester.GetFromJsonAsync<JsonElement>("api/v1/me/surveys")).EnumerateArray())
            {
                var id = IdOf(invitation);
                await PostAsync(requester, $"api/v1/surveys/invitations/{id}/response", new { rating = 3 + invitations.Count % 3, recommend = 6 + invitations.Count % 5, comment = "Quick and friendly." });
                invitations.Add(id);
            }
        }
        if (invitations.Count == 0) throw new InvalidOperationException("Resolving the incidents invited nobody: the survey did not trigger.");
        return world with { Articles = articles, Incidents = incidents, Invitations = invitations };
    }
}
