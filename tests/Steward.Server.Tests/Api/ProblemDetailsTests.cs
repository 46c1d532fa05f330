using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Api;

public sealed class ProblemDetailsTests(StewardApp app) : IClassFixture<StewardApp>
{
    static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"name\":", "$")]
    [InlineData("{\"name\":\"A\",\"kind\":\"Customer\",\"colour\":\"red\"}", "colour")]
    [InlineData("{\"name\":42,\"kind\":\"Customer\"}", "name")]
    [InlineData("{\"name\":\"A\",\"kind\":\"Planet\"}", "kind")]
    [InlineData("{\"kind\":\"Customer\"}", "name")]
    [InlineData("{\"name\":\"A\"}", "kind")]
    [InlineData("{\"name\":\"tab\\tinside\",\"kind\":\"Customer\"}", "name")]
    [InlineData("{\"name\":\"   \",\"kind\":\"Customer\"}", "name")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string body, string field)
    {
        var response = await app.Admin.PostAsync("/api/v1/organizations", Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        if (field == "$") Assert.NotEmpty(errors);
        else Assert.Contains(field, errors);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var response = await app.Admin.GetAsync($"/api/v1/organizations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem()
    {
        var huge = "{\"name\":\"" + new string('x', 10 * 1024 * 1024) + "\",\"kind\":\"Customer\"}";

        var response = await app.Admin.PostAsync("/api/v1/organizations", Raw(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("stw_not-a-real-token")]
    public async Task A_missing_or_wrong_token_is_a_401_problem(string? token)
    {
        using var client = app.ClientWith(token);

        var response = await client.GetAsync("/api/v1/organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_query_values_are_400_problems_naming_the_parameter()
    {
        foreach (var (url, field) in new[]
        {
            ("/api/v1/organizations?limit=0", "limit"),
            ("/api/v1/organizations?limit=100000", "limit"),
            ("/api/v1/organizations?cursor=garbage!", "cursor"),
            ("/api/v1/organizations?sort=colour", "sort"),
            ("/api/v1/audit?from=yesterday", "from"),
        })
        {
            var response = await app.Admin.GetAsync(url);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }
    }

    [Fact]
    public async Task Health_and_readiness_answer_without_a_token()
    {
        using var anonymous = app.ClientWith(null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/ready")).StatusCode);
        var openApi = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/organizations", out _));
    }
}
