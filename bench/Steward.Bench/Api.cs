using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Steward.Bench;

/// <summary>The few API calls the bench needs to prepare its data.</summary>
public static class Api
{
    public static HttpRequestMessage CreateOrganization(string name) => new(HttpMethod.Post, "api/v1/organizations")
    {
        Content = new StringContent(JsonSerializer.Serialize(new { name, kind = "Customer" }), Encoding.UTF8, "application/json"),
    };

    public static async Task<Guid> CreateOrganizationAsync(HttpClient http, string name)
    {
        using var request = CreateOrganization(name);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST organizations: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<List<Guid>> CreateOrganizationsAsync(HttpClient http, string prefix, int count, int parallel = 8)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (i, _) => ids[i] = await CreateOrganizationAsync(http, $"{prefix} {i}"));
        return ids.ToList();
    }

    /// <summary>Walks a list with the largest page size and returns every page's <c>next</c> cursor (at most <paramref name="maxPages"/>).</summary>
    public static async Task<List<string>> CursorsAsync(HttpClient http, string path, int maxPages)
    {
        var cursors = new List<string>();
        string? next = null;
        for (var page = 0; page < maxPages; page++)
        {
            var url = $"{path}?limit=200" + (next is null ? "" : $"&cursor={Uri.EscapeDataString(next)}");
            var doc = await http.GetFromJsonAsync<JsonElement>(url);
            if (doc.GetProperty("next").ValueKind != JsonValueKind.String) break;
            next = doc.GetProperty("next").GetString()!;
            cursors.Add(next);
        }
        return cursors;
    }

    public static async Task<bool> ExistsAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return response.IsSuccessStatusCode;
    }
}
