using System.Net;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Finance;

/// <summary>
/// A provider of its own, set up through the API as a new user would, with a provider manager who
/// keeps its books, and the paths of finance's resources. Each test starts its own.
/// </summary>
public sealed class FinanceBuilder
{
    public const string Settings = "/api/v1/finance/settings";
    public const string Rates = "/api/v1/finance/rates";
    public const string Costs = "/api/v1/finance/costs";
    public const string SupplierCharges = "/api/v1/finance/supplier-charges";
    public const string Practices = "/api/v1/practices";

    FinanceBuilder(ProviderBuilder provider) => Provider = provider;

    public ProviderBuilder Provider { get; }
    public Guid ProviderId => Provider.Id;
    public HttpClient Manager => Provider.Manager;
    public StewardApp App => Provider.App;

    public static async Task<FinanceBuilder> StartAsync(StewardApp app) => new(await ProviderBuilder.StartAsync(app));

    /// <summary>A client of a person of <paramref name="organizationId"/> with one role.</summary>
    public async Task<HttpClient> PersonAsync(Guid organizationId, string role) => (await App.AddPersonAsync(organizationId, role)).Client;

    public async Task<Guid> PersonIdAsync(Guid organizationId, string role = Roles.Agent) => (await App.AddPersonAsync(organizationId, role)).Person.Id;

    /// <summary>An underpinning contract the provider answers for with a supplier, for one service or (none) provider-wide.</summary>
    public async Task<Guid> ContractAsync(Guid supplierId, Guid? serviceId = null, string type = "UnderpinningContract", Guid? accountableId = null) =>
        Id(await ProviderBuilder.CreatedAsync<JsonElement>(await Manager.PostJsonAsync("/api/v1/sourcing/agreements", new
        {
            providerId = ProviderId, type, accountableId = accountableId ?? ProviderId, counterpartyId = supplierId, serviceId,
            reference = "UC-" + ProviderBuilder.Unique(),
        })));

    public async Task<Guid> CommunityAsync(string name) =>
        Id(await ProviderBuilder.CreatedAsync<JsonElement>(await Manager.PostJsonAsync("/api/v1/communities", new { name = $"{name} {ProviderBuilder.Unique()}", providerId = ProviderId })));

    public async Task<Guid> CreateAsync(string path, object body) => Id(await ProviderBuilder.CreatedAsync<JsonElement>(await Manager.PostJsonAsync(path, body)));

    public static Guid Id(JsonElement element) => element.GetProperty("id").GetGuid();

    /// <summary>The journal's actions on one record, oldest first.</summary>
    public async Task<string[]> JournalAsync(Guid entityId)
    {
        var journal = await (await App.Admin.GetAsync($"/api/v1/audit?entityId={entityId}")).ReadAsync<JsonElement>();
        return [.. journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()!).Reverse()];
    }

    public static async Task AssertRefusedAsync(HttpResponseMessage response, string field)
    {
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming {field}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }
}
