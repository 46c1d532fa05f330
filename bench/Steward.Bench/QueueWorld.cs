using System.Net.Http.Json;
using System.Text.Json;

namespace Steward.Bench;

/// <summary>
/// Issue 5, queues and search: the service desk the bulk seeder fills, made through the API on a
/// server-created database: a provider with customers subscribed to its services, teams with two
/// members each (the breach notifications go to them), sourcing that routes each service to a
/// team, a Monday–Friday calendar and a policy whose resolution breach notifies. Then template
/// incidents, also through the API, one per priority and state (New, InProgress, OnHold, Resolved,
/// Closed): the seeder copies their rows, clocks and jobs, so every column is written as the
/// product writes it.
/// </summary>
public static class QueueWorld
{
    public sealed record Template(Guid Id, int Priority, string State);

    public sealed record World(
        Guid ProviderId, List<Guid> Customers, List<Guid> Services, Dictionary<Guid, Guid> OfferingOf, List<Guid> Teams,
        Dictionary<Guid, Guid> TeamOfService, Guid TemplateCustomer, Guid TemplateService, Guid TemplateTeam, List<Template> Templates);

    static readonly string[] Processes = ["incident-management"];
    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    /// <summary>Impact × urgency that the default matrix turns into priority 1 to 5.</summary>
    static readonly (string Impact, string Urgency)[] ForPriority = [("High", "High"), ("High", "Medium"), ("Medium", "Medium"), ("Medium", "Low"), ("Low", "Low")];
    public static readonly string[] TemplateStates = ["New", "InProgress", "OnHold", "Resolved", "Closed"];

    static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object body, bool ifMatchAny = false)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (ifMatchAny) request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    static Task<JsonElement> PostAsync(HttpClient http, string path, object body) => SendAsync(http, HttpMethod.Post, path, body);

    static Guid IdOf(JsonElement e) => e.GetProperty("id").GetGuid();

    public static async Task<World> PrepareAsync(HttpClient http, int customers = 50, int services = 30, int teams = 20)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var provider = IdOf(await PostAsync(http, "api/v1/organizations", new { name = $"Northwind Services {tag}", kind = "Provider" }));
        var customerIds = new Guid[customers];
        await Parallel.ForAsync(0, customers, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            customerIds[i] = IdOf(await PostAsync(http, "api/v1/organizations", new { name = $"Customer {i:D3} {tag}", kind = "Customer" }));
            await PostAsync(http, $"api/v1/organizations/{provider}/partners", new { organizationId = customerIds[i] });
        });
        var teamIds = new Guid[teams];
        await Parallel.ForAsync(0, teams, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            teamIds[i] = IdOf(await PostAsync(http, "api/v1/teams", new { organizationId = provider, name = $"{TeamNames[i % TeamNames.Length]} {i}" }));
            for (var m = 0; m < 2; m++)
            {
                var person = IdOf(await PostAsync(http, "api/v1/people", new
                {
                    organizationId = provider, name = $"Agent {i}-{m}", email = $"agent{i}-{m}.{tag}@northwind.example", timeZone = "Europe/Amsterdam", locale = "nl-NL",
                }));
                await PostAsync(http, $"api/v1/teams/{teamIds[i]}/members", new { personId = person });
            }
        });
        var serviceIds = new Guid[services];
        var offerings = new Guid[services];
        await Parallel.ForAsync(0, services, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            serviceIds[i] = IdOf(await PostAsync(http, "api/v1/services",
                new { providerId = provider, name = $"{ServiceNames[i % ServiceNames.Length]} {i}", type = "Business", processKeys = Processes }));
            offerings[i] = IdOf(await PostAsync(http, "api/v1/offerings", new { serviceId = serviceIds[i], name = "Standard" }));
            await PostAsync(http, "api/v1/sourcing/assignments",
                new { serviceId = serviceIds[i], processKey = "incident-management", performerId = teamIds[i % teams], accountableId = provider });
        });
        await Parallel.ForAsync(0, customers * services, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (k, _) =>
            await PostAsync(http, "api/v1/subscriptions", new
            {
                offeringId = offerings[k % services], customerId = customerIds[k / services], start = "2020-01-01", chargeAmount = 100, chargeCurrency = "EUR",
            }));
        var calendar = IdOf(await PostAsync(http, "api/v1/sla/calendars", new
        {
            organizationId = provider, name = "Office", timeZone = "Europe/Amsterdam",
            weeklyHours = Weekdays.Select(d => new { day = d, start = "08:00", end = "18:00" }).ToArray(),
        }));
        await PostAsync(http, "api/v1/sla/policies", new
        {
            organizationId = provider, name = "Incidents", calendarId = calendar,
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, firstResponse = $"PT{p}H", resolution = $"PT{p * 8}H" }).ToArray(),
            escalations = new object[] { new { when = "Breach", metric = "Resolution", action = "Notify" } },
        });

        // Templates: one incident per priority and state, for customer 0, service 0, its team.
        var templates = new List<Template>();
        for (var p = 1; p <= 5; p++)
            foreach (var state in TemplateStates)
            {
                var created = await PostAsync(http, "api/v1/incidents", new
                {
                    title = $"Template P{p} {state}", description = "Template description.", serviceId = serviceIds[0], customerId = customerIds[0],
                    impact = ForPriority[p - 1].Impact, urgency = ForPriority[p - 1].Urgency, assignedTeamId = teamIds[0],
                });
                var id = IdOf(created);
                var path = $"api/v1/incidents/{id}/transition";
                switch (state)
                {
                    case "InProgress":
                        await SendAsync(http, HttpMethod.Post, path, new { state = "InProgress" }, ifMatchAny: true);
                        break;
                    case "OnHold":
                        await SendAsync(http, HttpMethod.Post, path, new { state = "InProgress" }, ifMatchAny: true);
                        await SendAsync(http, HttpMethod.Post, path, new { state = "OnHold", holdReason = "AwaitingCustomer" }, ifMatchAny: true);
                        break;
                    case "Resolved":
                    case "Closed":
                        await SendAsync(http, HttpMethod.Post, path, new { state = "InProgress" }, ifMatchAny: true);
                        await SendAsync(http, HttpMethod.Post, path, new { state = "Resolved", resolution = "Restarted the service." }, ifMatchAny: true);
                        if (state == "Closed") await SendAsync(http, HttpMethod.Post, path, new { state = "Closed" }, ifMatchAny: true);
                        break;
                }
                templates.Add(new Template(id, p, state));
            }
        return new World(provider, [.. customerIds], [.. serviceIds], serviceIds.Zip(offerings).ToDictionary(x => x.First, x => x.Second), [.. teamIds],
            serviceIds.Select((s, i) => (s, teamIds[i % teams])).ToDictionary(x => x.s, x => x.Item2), customerIds[0], serviceIds[0], teamIds[0], templates);
    }

    static readonly string[] TeamNames = ["Service desk", "Workplace", "Network", "Identity", "Databases", "Cloud platform", "Applications", "Security", "Telephony", "Printing"];
    static readonly string[] ServiceNames = ["E-mail", "VPN", "Laptops", "ERP", "CRM", "File shares", "Printing", "Telephony", "Payroll", "Intranet", "Wi-Fi", "Identity"];
}
