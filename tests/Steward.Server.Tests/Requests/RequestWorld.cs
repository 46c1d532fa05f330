using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Parties;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Requests;

/// <summary>
/// A provider's workplace service with a catalogue item "New laptop": a form of five typed
/// questions, two approval stages (the customer's IT coordinator by role, then the service owner
/// and the provider's finance controller together) and three fulfilment tasks in sequence, the
/// first for a supplier's logistics team.
/// </summary>
public sealed class RequestWorld
{
    public const string Requests = "/api/v1/requests";
    public const string Items = "/api/v1/catalog-items";
    static readonly string[] RequestFulfilment = ["request-fulfilment"];

    public required ProviderBuilder Provider { get; init; }
    public required Guid CustomerId { get; init; }
    public required Guid ServiceId { get; init; }
    public required TeamView Desk { get; init; }
    public required TeamView Logistics { get; init; }
    public required HttpClient Agent { get; init; }
    public required Guid RequesterId { get; init; }
    public required HttpClient Requester { get; init; }
    public required Guid ColleagueId { get; init; }
    public required HttpClient Coordinator { get; init; }
    public required HttpClient Owner { get; init; }
    public required HttpClient Finance { get; init; }
    public required Guid FinanceId { get; init; }

    public static async Task<RequestWorld> CreateAsync(StewardApp app)
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Harbour Bank");
        var supplier = await provider.SupplierAsync("Parcel Logistics");
        var (owner, ownerClient) = await app.AddPersonAsync(provider.Id, Roles.ServiceOwner);
        var service = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/services",
            new { providerId = provider.Id, name = "Workplace " + ProviderBuilder.Unique(), type = "Business", processKeys = RequestFulfilment, ownerId = owner.Id }));
        var serviceId = service.GetProperty("id").GetGuid();
        var offering = await provider.OfferingAsync(serviceId);
        await provider.SubscribeAsync(offering.Id, customer.Id);
        var desk = await provider.TeamAsync("Service desk");
        var logistics = await provider.TeamAsync("Logistics", supplier.Id);
        var (agent, agentClient) = await app.AddPersonAsync(provider.Id, Roles.Agent);
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync($"/api/v1/teams/{desk.Id}/members", new { personId = agent.Id }));
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId, processKey = "request-fulfilment", performerId = desk.Id, accountableId = provider.Id }));
        var (finance, financeClient) = await app.AddPersonAsync(provider.Id, Roles.ProviderManager);
        var (requester, requesterClient) = await app.AddPersonAsync(customer.Id, Roles.Requester);
        var (colleague, _) = await app.AddPersonAsync(customer.Id, Roles.Requester);
        var (_, coordinatorClient) = await app.AddPersonAsync(customer.Id, Roles.Requester, Roles.ServiceOwner);
        return new RequestWorld
        {
            Provider = provider, CustomerId = customer.Id, ServiceId = serviceId, Desk = desk, Logistics = logistics, Agent = agentClient,
            RequesterId = requester.Id, Requester = requesterClient, ColleagueId = colleague.Id, Coordinator = coordinatorClient,
            Owner = ownerClient, Finance = financeClient, FinanceId = finance.Id,
        };
    }

    public object LaptopItem(string taskOrder = "Sequential", string name = "New laptop") => new
    {
        name, serviceId = ServiceId, summary = "A laptop for a new starter or a replacement", category = "Hardware",
        fields = new object[]
        {
            new { key = "model", label = "Model", type = "Choice", required = true, options = new[] { "Standard", "Developer" } },
            new { key = "neededBy", label = "Needed by", type = "Date", required = true },
            new { key = "quantity", label = "Quantity", type = "Number", min = 1, max = 5 },
            new { key = "costCentre", label = "Cost centre", type = "Text", pattern = "CC-[0-9]{4}", maxLength = 7 },
            new { key = "forPerson", label = "For", type = "Person" },
        },
        stages = new object[]
        {
            new { name = "IT coordinator", rule = "Any", approvers = new[] { new { kind = "Role", role = "ServiceOwner" } } },
            new { name = "Budget", rule = "All", approvers = new object[] { new { kind = "ServiceOwner" }, new { kind = "Person", personId = FinanceId } } },
        },
        tasks = new object[]
        {
            new { title = "Order the laptop", teamId = Logistics.Id },
            new { title = "Image and enrol it" },
            new { title = "Hand it over" },
        },
        taskOrder,
    };

    public async Task<Guid> ItemAsync(object body) =>
        (await ProviderBuilder.CreatedAsync<JsonElement>(await Provider.Manager.PostJsonAsync(Items, body))).GetProperty("id").GetGuid();

    public async Task<JsonElement> SubmitAsync(Guid itemId, HttpClient? as_ = null) =>
        await ProviderBuilder.CreatedAsync<JsonElement>(await (as_ ?? Requester).PostJsonAsync(Requests, new
        {
            catalogItemId = itemId,
            answers = new Dictionary<string, object> { ["model"] = "developer", ["neededBy"] = "2026-12-14", ["quantity"] = 2, ["costCentre"] = "CC-1234", ["forPerson"] = ColleagueId.ToString() },
        }));

    public async Task<JsonElement> GetAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"{Requests}/{id}");

    public async Task<JsonElement> ApprovalsAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"{Requests}/{id}/approvals");

    public async Task<JsonElement> TasksAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"{Requests}/{id}/tasks");

    /// <summary>POSTs an action under the request's current ETag.</summary>
    public Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, string action, object body) => client.ActAsync($"{Requests}/{id}", action, body);
}
