using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>HTTP clients for the servers under test: by bearer token, or signed in through the sign-in page with a cookie.</summary>
public static partial class Clients
{
    public static HttpClient Bearer(Uri baseUri, string? token, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = baseUri,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// Signs in through the real sign-in form (the antiforgery token from the page, then the POST) and
    /// returns the sign-in cookie, protected by the data-protection keys in the database.
    /// </summary>
    public static async Task<string> SignInAsync(Uri baseUri, string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = baseUri };
        var page = await client.GetStringAsync("/signin");
        var token = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        using var response = await client.PostAsync("/signin", form);
        var cookie = cookies.GetCookies(baseUri)["steward.auth"]
            ?? throw new InvalidOperationException($"Signing in gave {(int)response.StatusCode} and no sign-in cookie: {await response.Content.ReadAsStringAsync()}");
        return $"{cookie.Name}={cookie.Value}";
    }

    /// <summary>A client that sends the given sign-in cookie and nothing else.</summary>
    public static HttpClient WithCookie(Uri baseUri, string cookie)
    {
        var client = Bearer(baseUri, null);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>
    /// Whether the cookie signs its person in: the home page answers 200 to a signed-in browser and
    /// sends anyone else to the sign-in page. (The API takes bearer tokens only.)
    /// </summary>
    public static async Task<bool> IsSignedInAsync(Uri baseUri, string? cookie)
    {
        using var client = cookie is null ? Bearer(baseUri, null) : WithCookie(baseUri, cookie);
        using var home = await client.GetAsync("/");
        return home.StatusCode == HttpStatusCode.OK;
    }

    public static async Task<JsonElement> PostAsync(this HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, $"POST {path}");
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, $"GET {path}");
    }

    static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what} gave {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
