using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Steward.ReleaseFixture;

/// <summary>
/// The API as the administrator's token calls it. Every call must answer as expected, or the
/// generation stops naming the call and the server's answer: a fixture is made of valid data only.
/// </summary>
sealed class Api(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public static Api For(Uri baseUri, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Api(client);
    }

    public async Task<JsonElement> GetAsync(string url) => (await GetWithETagAsync(url)).Body;

    public async Task<(JsonElement Body, string? ETag)> GetWithETagAsync(string url)
    {
        using var response = await http.GetAsync(url);
        var body = await ExpectAsync(response, HttpStatusCode.OK);
        return (body, response.Headers.ETag?.Tag);
    }

    /// <summary>POST that creates: 201 expected.</summary>
    public Task<JsonElement> PostAsync(string url, object body) => SendAsync(HttpMethod.Post, url, body, null, HttpStatusCode.Created);

    /// <summary>POST of an action that answers 200 (transitions, decisions, archiving).</summary>
    public Task<JsonElement> PostOkAsync(string url, object? body, string? ifMatch = null) => SendAsync(HttpMethod.Post, url, body, ifMatch, HttpStatusCode.OK);

    /// <summary>POST of an action that answers 204 (a password, a notification read).</summary>
    public Task PostNoContentAsync(string url, object? body) => SendAsync(HttpMethod.Post, url, body, null, HttpStatusCode.NoContent);

    /// <summary>PUT that creates (a provider's first tailoring of a process): no If-Match, 201 expected.</summary>
    public Task<JsonElement> PutNewAsync(string url, object body) => SendAsync(HttpMethod.Put, url, body, null, HttpStatusCode.Created);

    /// <summary>PUT under any version (If-Match: *), for a resource without a GET of its own.</summary>
    public Task<JsonElement> PutAnyAsync(string url, object body) => SendAsync(HttpMethod.Put, url, body, "*", HttpStatusCode.OK);

    /// <summary>An action of a record (<c>{recordUrl}/{action}</c>) under the record's current ETag.</summary>
    public async Task<JsonElement> ActAsync(string recordUrl, string action, object body) =>
        await PostOkAsync($"{recordUrl}/{action}", body, await ETagOfAsync(recordUrl));

    /// <summary>PUT under the resource's current ETag (read first); <paramref name="status"/> is 200 for a change.</summary>
    public async Task<JsonElement> PutAsync(string url, object body, string? etagUrl = null, HttpStatusCode status = HttpStatusCode.OK) =>
        await SendAsync(HttpMethod.Put, url, body, await ETagOfAsync(etagUrl ?? url), status);

    public async Task<JsonElement> PatchAsync(string url, object body) => await SendAsync(HttpMethod.Patch, url, body, await ETagOfAsync(url), HttpStatusCode.OK);

    public async Task DeleteAsync(string url, string? etagUrl = null) =>
        await SendAsync(HttpMethod.Delete, url, null, etagUrl is null ? "*" : await ETagOfAsync(etagUrl), HttpStatusCode.NoContent);

    public async Task<string> ETagOfAsync(string url)
    {
        using var response = await http.GetAsync(url);
        await ExpectAsync(response, HttpStatusCode.OK);
        return response.Headers.ETag?.Tag ?? throw new InvalidOperationException($"GET {url} gave no ETag.");
    }

    public async Task<JsonElement> UploadAsync(string url, string fileName, string contentType, byte[] bytes, bool isPublic)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(isPublic ? "true" : "false"), "isPublic");
        using var response = await http.PostAsync(url, form);
        return await ExpectAsync(response, HttpStatusCode.Created);
    }

    async Task<JsonElement> SendAsync(HttpMethod method, string url, object? body, string? ifMatch, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await http.SendAsync(request);
        return await ExpectAsync(response, expected);
    }

    static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} gave {(int)response.StatusCode} (expected {(int)expected}): {text}");
        if (text.Length == 0) return default;
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public void Dispose() => http.Dispose();
}

static class JsonElementExtensions
{
    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString() ?? "";
}
