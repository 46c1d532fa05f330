using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Parties;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Incidents;

/// <summary>
/// A provider running incident management for a customer's e-mail service: its own service desk
/// performs the process, a supplier's network team investigates under an underpinning contract
/// (4 business hours at P3), office hours in London, and an SLA policy of 1 h response and 8 h
/// resolution at P3 (4 h at P2, 2 h at P1) that notifies and raises the priority on a breach.
/// </summary>
public sealed class IncidentWorld
{
    public const string Incidents = "/api/v1/incidents";

    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    static readonly string[] IncidentKind = ["Incident"];
    static readonly string[] OnHold = ["OnHold"];

    public required ProviderBuilder Provider { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid SupplierId { get; init; }
    public required Guid ServiceId { get; init; }
    public required TeamView ServiceDesk { get; init; }
    public required TeamView Network { get; init; }
    public required Guid AgentId { get; init; }
    public required HttpClient Agent { get; init; }
    public required Guid RequesterId { get; init; }
    public required HttpClient Requester { get; init; }
    public required Guid PolicyId { get; init; }
    public required Guid CalendarId { get; init; }

    public static async Task<IncidentWorld> CreateAsync(StewardApp app)
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Harbour Bank");
        var supplier = await provider.SupplierAsync("Northwind Networks");
        var service = await provider.SubscribedServiceAsync("E-mail " + ProviderBuilder.Unique(), ["incident-management"], customer.Id);
        var desk = await provider.TeamAsync("Service desk");
        var network = await provider.TeamAsync("Network engineering", supplier.Id);
        var (agent, agentClient) = await app.AddPersonAsync(provider.Id, Roles.Agent);
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync($"/api/v1/teams/{desk.Id}/members", new { personId = agent.Id }));
        var (requester, requesterClient) = await app.AddPersonAsync(customer.Id, Roles.Requester);
        var (engineer, _) = await app.AddPersonAsync(supplier.Id, Roles.Agent);
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync($"/api/v1/teams/{network.Id}/members", new { personId = engineer.Id }));

        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = service.Id, processKey = "incident-management", performerId = desk.Id, accountableId = provider.Id }));
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId = service.Id, processKey = "incident-management", activityKey = "incident-management/investigation-and-diagnosis", performerId = network.Id }));
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = provider.Id, type = "UnderpinningContract", accountableId = provider.Id, counterpartyId = supplier.Id,
            reference = "UC-NET-01", targets = new[] { new { priority = 3, within = "PT4H" }, new { priority = 2, within = "PT2H" } },
        }));

        var calendar = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sla/calendars", new
        {
            name = "London office", timeZone = "Europe/London",
            weeklyHours = Weekdays.Select(d => new { day = d, start = "09:00", end = "17:00" }).ToArray(),
        }));
        var policy = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sla/policies", new
        {
            name = "Standard incidents", calendarId = calendar.GetProperty("id").GetGuid(), kinds = IncidentKind,
            targets = new object[]
            {
                new { priority = 1, firstResponse = "PT15M", resolution = "PT2H" },
                new { priority = 2, firstResponse = "PT30M", resolution = "PT4H" },
                new { priority = 3, firstResponse = "PT1H", resolution = "PT8H" },
            },
            pauseStates = OnHold, warningPercent = 75,
            escalations = new object[]
            {
                new { when = "Breach", metric = "Resolution", action = "Notify" },
                new { when = "Breach", metric = "Resolution", action = "RaisePriority" },
            },
        }));
        return new IncidentWorld
        {
            Provider = provider, CustomerId = customer.Id, SupplierId = supplier.Id, ServiceId = service.Id, ServiceDesk = desk, Network = network,
            AgentId = agent.Id, Agent = agentClient, RequesterId = requester.Id, Requester = requesterClient,
            PolicyId = policy.GetProperty("id").GetGuid(), CalendarId = calendar.GetProperty("id").GetGuid(),
        };
    }

    /// <summary>The requester raises an incident on the e-mail service.</summary>
    public async Task<JsonElement> RaiseAsync(string title = "Mail does not arrive") =>
        await ProviderBuilder.CreatedAsync<JsonElement>(await Requester.PostJsonAsync(Incidents, new { title, serviceId = ServiceId, description = "Since **09:00** no mail." }));

    /// <summary>Raises <paramref name="count"/> incidents titled "<paramref name="title"/> 0", "… 1" and so on, in that order.</summary>
    public async Task<List<Guid>> RaiseManyAsync(string title, int count)
    {
        var raised = new List<Guid>();
        for (var i = 0; i < count; i++)
            raised.Add((await RaiseAsync($"{title} {i}")).GetProperty("id").GetGuid());
        return raised;
    }

    /// <summary>One page of this world's customer's incidents: the ids in order and the next cursor.</summary>
    public async Task<(Guid[] Ids, string? Next)> PageAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"{Incidents}?customerId={CustomerId}&{query}");
        var next = page.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray(), next);
    }

    public async Task<JsonElement> GetAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"{Incidents}/{id}");

    public async Task<Dictionary<string, JsonElement>> ClocksAsync(HttpClient client, Guid id)
    {
        var clocks = await client.GetFromJsonAsync<JsonElement>($"{Incidents}/{id}/sla");
        return clocks.EnumerateArray().ToDictionary(c => c.GetProperty("metric").GetString() == "Party"
            ? "Party:" + c.GetProperty("partyName").GetString()
            : c.GetProperty("metric").GetString()!);
    }

    /// <summary>POSTs an action under the record's current ETag; the new record.</summary>
    public Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object body) => client.ActAsync($"{Incidents}/{id}", action, body);
}
