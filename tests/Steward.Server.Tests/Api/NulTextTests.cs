using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Steward.Server.Api;
using Steward.Server.Tests.Incidents;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Api;

/// <summary>
/// U+0000 wherever text enters (query keys and values, route values, JSON at any depth, form
/// fields) is refused with a 400 problem naming the field, before any endpoint can hand it to a
/// database: PostgreSQL's text cannot hold it, and answered 500.
/// </summary>
public sealed class NulTextTests(StewardApp app) : IClassFixture<StewardApp>
{
    /// <summary>The fields a 400 problem refuses for holding a NUL.</summary>
    static async Task<IReadOnlyList<string>> RefusedFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject()
            .Where(e => e.Value.EnumerateArray().Any(m => m.GetString() == NulText.Refusal)).Select(e => e.Name)];
    }

    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/api/v1/skills?category=%00", "category")]
    [InlineData("/api/v1/skills?Category=net%00work", "category")]
    [InlineData("/api/v1/organizations?q=acme%00", "q")]
    [InlineData("/api/v1/incidents?Text=%00&Open=true", "text")]
    public async Task A_nul_in_a_query_value_is_a_400_naming_the_parameter(string url, string field)
    {
        var response = await app.Admin.GetAsync(url);

        Assert.Equal([field], await RefusedFieldsAsync(response));
    }

    [Fact]
    public async Task A_nul_in_a_query_key_is_a_400_naming_the_key_with_the_nul_shown_as_a_replacement_character()
    {
        var response = await app.Admin.GetAsync("/api/v1/skills?cate%00gory=network");

        Assert.Equal(["cate\uFFFDgory"], await RefusedFieldsAsync(response));
    }

    /// <summary>
    /// Kestrel refuses a request line whose path decodes to a NUL before the app sees it (and so
    /// does the test server's client), so the request is made here as a server behind another
    /// front end could hand it over: a path already decoded.
    /// </summary>
    [Fact]
    public async Task A_nul_in_a_route_value_is_a_400_naming_the_route_parameter()
    {
        var provider = await app.AdminOrganizationIdAsync();

        var context = await app.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/api/v1/processes/incident\0management";
            http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString($"?providerId={provider}");
            http.Request.Headers.Authorization = $"Bearer {StewardApp.AdminToken}";
        });

        Assert.Equal(400, context.Response.StatusCode);
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body);
        Assert.Equal(["key"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(NulText.Refusal, problem.GetProperty("errors").GetProperty("key")[0].GetString());
    }

    [Theory]
    [InlineData("{\"name\":\"Office hours\",\"targets\":[{\"priority\":3,\"resolution\":\"PT8H\"},{\"priority\":2,\"resolution\":\"PT4H\\u0000\"}]}", "targets[1].resolution")]
    [InlineData("{\"name\":\"Office\\u0000hours\",\"targets\":[{\"priority\":3}]}", "name")]
    [InlineData("{\"name\":\"Office hours\",\"targets\":[{\"priority\":3}],\"kin\\u0000ds\":[]}", "kin\uFFFDds")]
    public async Task A_nul_in_a_json_string_or_property_name_at_any_depth_is_a_400_naming_its_path(string body, string field)
    {
        var response = await app.Admin.PostAsync("/api/v1/sla/policies", Json(body));

        Assert.Equal([field], await RefusedFieldsAsync(response));
    }

    [Fact]
    public async Task A_nul_inside_free_form_answers_is_refused_too()
    {
        var body = "{\"title\":\"Printer\",\"answers\":{\"colour\":[\"cyan\",\"magenta\\u0000\"]}}";

        var response = await app.Admin.PostAsync("/api/v1/incidents", Json(body));

        Assert.Equal(["answers.colour[1]"], await RefusedFieldsAsync(response));
    }

    [Fact]
    public async Task An_escaped_backslash_before_u0000_is_plain_text_and_not_refused()
    {
        var name = "Path C:\\u0000 " + Guid.NewGuid().ToString("N")[..6];

        var response = await app.Admin.PostJsonAsync("/api/v1/skills", new { name });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_nul_in_a_form_field_of_an_upload_is_a_400_naming_the_field()
    {
        var world = await IncidentWorld.CreateAsync(app);
        var id = (await world.RaiseAsync()).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("escalated to vendor"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "notes.txt");
        form.Add(new StringContent("true\0"), "isPublic");

        var response = await world.Agent.PostAsync($"{IncidentWorld.Incidents}/{id}/attachments", form);

        Assert.Equal(["isPublic"], await RefusedFieldsAsync(response));
        Assert.Equal(0, (await world.Agent.GetFromJsonAsync<JsonElement>($"{IncidentWorld.Incidents}/{id}/attachments")).GetArrayLength());
    }
}
