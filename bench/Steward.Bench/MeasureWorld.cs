using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Bench;

/// <summary>
/// Issue 20, measures: the world the bulk seeder copies from. It is issue 19's
/// <see cref="KnowledgeWorld"/> (a provider, a contractor performing three of its twelve services,
/// ten customers, communities with published articles, a survey answered after resolution), and
/// then, through the API as the administrator: an SLA policy on office hours, an underpinning
/// contract with targets for the contractor (so that its party clocks are judged), and a Payments
/// service that customer 0's own team runs while the provider's service desk lends its skills for
/// diagnosis (knowledge outsourcing: the desk's clocks are under a skills agreement and note when
/// the desk first acts). Then template incidents in every state on three paths (the desk's service,
/// the contractor's, Payments), so that the record, its mirrored clock facts, its clocks, a work log
/// entry and an article used to resolve it are written by the product and copied by
/// <see cref="MeasureSeeder"/>.
/// </summary>
public static class MeasureWorld
{
    public const string Desk = "desk";
    public const string Contractor = "contractor";
    public const string Skills = "skills";

    public sealed record Template(Guid Id, string Path, string State);

    /// <param name="Teams">The provider's four teams, the service desk first (services i performed by team i % 4, but i % 4 == 2 by the contractor's team).</param>
    /// <param name="PerformerOf">Each service's performing team (Payments: the customer's own team).</param>
    /// <param name="WorkLogRecord">The template whose one work log entry is copied.</param>
    /// <param name="ArticleLinkRecord">The template whose one article link (used to resolve) is copied.</param>
    public sealed record World(
        KnowledgeWorld.World Knowledge, List<Guid> Teams, Guid ContractorTeam, Guid CustomerTeam, Guid Payments,
        Dictionary<Guid, Guid> PerformerOf, List<Template> Templates, Guid WorkLogRecord, Guid ArticleLinkRecord);

    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    static readonly string[] IncidentKind = ["Incident"];
    static readonly string[] OnHold = ["OnHold"];
    static readonly string[] IncidentProcess = ["incident-management"];
    const string Diagnosis = "incident-management/investigation-and-diagnosis";

    /// <summary>Business hours a priority (1–5) is given: the policy's first response and resolution, and the contractor's contract.</summary>
    public static readonly double[] FirstResponseHours = [0.25, 0.5, 1, 4, 8];
    public static readonly double[] ResolutionHours = [2, 4, 8, 24, 40];
    public static readonly double[] ContractHours = [2, 4, 8, 16, 24];

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

    static string Hours(double hours) => System.Xml.XmlConvert.ToString(TimeSpan.FromHours(hours));

    /// <summary>Phase 3 of the world, after <see cref="KnowledgeWorld.WorkAsync"/>, on the same running server.</summary>
    public static async Task<World> AddAsync(Uri baseUri, string adminToken, KnowledgeWorld.World k)
    {
        using var admin = LoadDriver.NewClient(baseUri, adminToken, 4);
        using var agent = LoadDriver.NewClient(baseUri, k.Tokens["agent"], 1);
        async Task<Dictionary<string, Guid>> TeamsOf(Guid organization) =>
            (await admin.GetFromJsonAsync<JsonElement>($"api/v1/teams?organizationId={organization}&limit=200")).GetProperty("items").EnumerateArray()
                .ToDictionary(t => t.GetProperty("name").GetString()!, IdOf);
        var own = await TeamsOf(k.ProviderId);
        List<Guid> teams = [own["Service desk"], own["Workplace"], own["Network"], own["Applications"]];
        var contractorTeam = (await TeamsOf(k.ContractorId)).Values.Single();
        var performerOf = k.Services.Select((s, i) => (s, i % 4 == 2 ? contractorTeam : teams[i % 4])).ToDictionary(x => x.s, x => x.Item2);

        var calendar = IdOf(await PostAsync(admin, "api/v1/sla/calendars", new
        {
            organizationId = k.ProviderId, name = "Office hours", timeZone = "Europe/Amsterdam",
            weeklyHours = Weekdays.Select(d => new { day = d, start = "08:00", end = "18:00" }).ToArray(),
        }));
        await PostAsync(admin, "api/v1/sla/policies", new
        {
            organizationId = k.ProviderId, name = "Incidents", calendarId = calendar, kinds = IncidentKind, pauseStates = OnHold, warningPercent = 75,
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, firstResponse = Hours(FirstResponseHours[p - 1]), resolution = Hours(ResolutionHours[p - 1]) }).ToArray(),
        });
        await PostAsync(admin, "api/v1/sourcing/agreements", new
        {
            providerId = k.ProviderId, type = "UnderpinningContract", accountableId = k.ProviderId, counterpartyId = k.ContractorId, reference = "UC-FIELD-01",
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, within = Hours(ContractHours[p - 1]) }).ToArray(),
        });

        // Payments: customer 0 runs incident management with its own team; the service desk lends its skills for diagnosis.
        var customer = k.Customers[0];
        var payments = IdOf(await PostAsync(admin, "api/v1/services", new { providerId = k.ProviderId, name = "Payments", type = "Business", processKeys = IncidentProcess }));
        var offering = IdOf(await PostAsync(admin, "api/v1/offerings", new { serviceId = payments, name = "Standard" }));
        await PostAsync(admin, "api/v1/subscriptions", new { offeringId = offering, customerId = customer, start = "2020-01-01", chargeAmount = 100, chargeCurrency = "EUR" });
        var customerTeam = IdOf(await PostAsync(admin, "api/v1/teams", new { organizationId = customer, name = "Customer IT" }));
        await PostAsync(admin, "api/v1/sourcing/assignments", new
        {
            serviceId = payments, customerId = customer, processKey = "incident-management", performerId = customerTeam, accountableId = customer,
        });
        await PostAsync(admin, "api/v1/sourcing/assignments", new
        {
            serviceId = payments, customerId = customer, processKey = "incident-management", activityKey = Diagnosis, performerId = teams[0],
        });
        performerOf[payments] = customerTeam;

        var paths = new[] { (Desk, k.Services[0]), (Contractor, k.Services[2]), (Skills, payments) };
        var templates = new List<Template>();
        Guid workLog = Guid.Empty, articleLink = Guid.Empty;
        foreach (var (path, service) in paths)
            foreach (var state in QueueWorld.TemplateStates)
            {
                var id = IdOf(await PostAsync(admin, "api/v1/incidents", new
                {
                    title = $"Template {path} {state}", description = "Template description.", serviceId = service, customerId = customer,
                    requesterId = k.Requesters[0], impact = "Medium", urgency = "Medium",
                }));
                var at = $"api/v1/incidents/{id}";
                if (path == Skills && state != "New")
                {
                    // The desk takes the diagnosis step and acts on it: its skills clock notes the engagement.
                    await PostAsync(agent, $"{at}/activity", new { activityKey = Diagnosis }, ifMatchAny: true);
                    await PostAsync(agent, $"{at}/comments", new { body = "Looking at the card gateway.", isPublic = false });
                }
                if (state != "New") await PostAsync(admin, $"{at}/transition", new { state = "InProgress" }, ifMatchAny: true);
                if (path == Desk && state == "InProgress")
                {
                    await PostAsync(admin, $"{at}/worklog", new { minutes = 45, personId = k.AgentId, note = "Diagnosis." });
                    await PostAsync(admin, $"{at}/articles", new { articleId = k.Articles.First(a => a.Shape == "customers").Id, relation = "UsedToResolve" });
                    workLog = articleLink = id;
                }
                if (state == "OnHold") await PostAsync(admin, $"{at}/transition", new { state = "OnHold", holdReason = "AwaitingCustomer" }, ifMatchAny: true);
                if (state is "Resolved" or "Closed")
                    await PostAsync(admin, $"{at}/transition", new { state = "Resolved", resolution = "Restarted the service." }, ifMatchAny: true);
                if (state == "Closed") await PostAsync(admin, $"{at}/transition", new { state = "Closed" }, ifMatchAny: true);
                templates.Add(new Template(id, path, state));
            }
        return new World(k, teams, contractorTeam, customerTeam, payments, performerOf, templates, workLog, articleLink);
    }
}
