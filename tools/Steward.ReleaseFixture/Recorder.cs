using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Steward.ReleaseFixture;

/// <summary>
/// Records what the release answers: for each address its status, ETag and JSON body, or for a
/// file its type, length and SHA-256. Lists are followed page by page through their cursors.
/// </summary>
static class Recorder
{
    public static async Task<List<JsonObject>> RecordAsync(Api api, IEnumerable<(string Url, bool Paged)> reads)
    {
        var recorded = new List<JsonObject>();
        foreach (var (url, paged) in reads)
        {
            var next = url;
            for (var page = 0; next is not null; page++)
            {
                if (page == 100) throw new InvalidOperationException($"{url} has more than 100 pages.");
                var entry = await RecordOneAsync(api, next);
                recorded.Add(entry);
                next = paged && entry["body"] is JsonObject body && body["next"] is JsonValue cursor && cursor.GetValueKind() == JsonValueKind.String
                    ? $"{url}&cursor={Uri.EscapeDataString(cursor.GetValue<string>())}"
                    : null;
            }
        }
        return recorded;
    }

    static async Task<JsonObject> RecordOneAsync(Api api, string url)
    {
        using var response = await api.Http.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET {url} gave {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        var entry = new JsonObject
        {
            ["url"] = url,
            ["status"] = (int)response.StatusCode,
            ["etag"] = response.Headers.ETag?.Tag,
        };
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (type is "application/json" or "application/problem+json")
            entry["body"] = JsonNode.Parse(bytes);
        else
        {
            entry["contentType"] = type;
            entry["length"] = bytes.Length;
            entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        }
        return entry;
    }

    /// <summary>
    /// The responses file, gzip'd: a header, then one response per line, so that <c>zcat | grep</c>
    /// on a failing test's address leads straight to the line.
    /// </summary>
    public static async Task WriteAsync(string path, JsonObject header, IReadOnlyList<JsonObject> responses)
    {
        var compact = new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await using var output = File.Create(path);
        await using var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize);
        await using var file = new StreamWriter(gzip, new UTF8Encoding(false));
        await file.WriteAsync("{\n");
        foreach (var (name, value) in header)
            await file.WriteAsync($"  {JsonSerializer.Serialize(name)}: {value?.ToJsonString(compact) ?? "null"},\n");
        await file.WriteAsync("  \"responses\": [\n");
        for (var i = 0; i < responses.Count; i++)
            await file.WriteAsync("    " + responses[i].ToJsonString(compact) + (i < responses.Count - 1 ? ",\n" : "\n"));
        await file.WriteAsync("  ]\n}\n");
    }
}
