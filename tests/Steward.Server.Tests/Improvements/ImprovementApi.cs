using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Improvements;

/// <summary>Calls of the improvement register the tests share.</summary>
public static class ImprovementApi
{
    public const string Register = "/api/v1/improvements";

    /// <summary>Raises an improvement; 201 or the test fails with the server's explanation.</summary>
    public static async Task<JsonElement> RaiseAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync(Register, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {Register} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"{Register}/{id}", StewardApp.Json);

    /// <summary>Moves the improvement under its current ETag.</summary>
    public static Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid id, string state) => client.ActAsync($"{Register}/{id}", "transition", new { state });

    public static async Task<JsonElement> MovedAsync(HttpClient client, Guid id, string state)
    {
        var response = await MoveAsync(client, id, state);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{state} gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<JsonElement>();
    }

    public static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    public static decimal? Number(JsonElement e, string property) =>
        e.GetProperty(property) is { ValueKind: JsonValueKind.Number } v ? v.GetDecimal() : null;

    public static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string query = "")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"{Register}?{query}", StewardApp.Json);
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
