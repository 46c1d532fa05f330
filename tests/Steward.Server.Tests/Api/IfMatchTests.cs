using System.Net;
using Microsoft.Extensions.Primitives;
using Steward.Server.Api;
using Steward.Server.Parties;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Api;

/// <summary>
/// If-Match as RFC 9110 (13.1.1) has it: "*" matches any current version; otherwise only a listed
/// strong tag equal to the current ETag does. Everything else, stale, foreign, weak or not a tag at
/// all, is 412. A missing If-Match is 428.
/// </summary>
public sealed class IfMatchTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Theory]
    [InlineData("\"3\"", true)]
    [InlineData("*", true)]
    [InlineData("\"1\", \"3\"", true)]
    [InlineData("\"1\",\"2\" , \"3\"", true)]
    [InlineData("W/\"1\", \"3\"", true)]
    [InlineData("\"2\"", false)]
    [InlineData("W/\"3\"", false)]
    [InlineData("\"stale\"", false)]
    [InlineData("\"03\"", false)]
    [InlineData("\"-3\"", false)]
    [InlineData("\"99999999999999999999\"", false)]
    [InlineData("3", false)]
    [InlineData("garbage", false)]
    [InlineData("\"3\" garbage", false)]
    [InlineData("\"3", false)]
    [InlineData("W/*", false)]
    [InlineData(",", false)]
    public void A_header_matches_version_3_only_when_it_is_a_star_or_lists_its_strong_tag(string header, bool matches)
    {
        Assert.Equal(matches, IfMatch.Of(header).Matches(3));
    }

    [Fact]
    public void Two_header_lines_are_one_list()
    {
        Assert.True(IfMatch.Of(new StringValues(["\"1\"", "\"3\""])).Matches(3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_header_is_a_missing_one(string header)
    {
        Assert.Throws<PreconditionRequiredException>(() => IfMatch.Of(header));
    }

    [Theory]
    [InlineData("\"stale\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("garbage", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"1\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("W/\"0\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("\"7\", \"0\"", HttpStatusCode.OK)]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData(null, (HttpStatusCode)428)]
    public async Task An_update_goes_ahead_only_under_a_matching_if_match(string? ifMatch, HttpStatusCode expected)
    {
        var (url, name) = await OrganizationAsync();

        var response = await app.Admin.SendWithIfMatchAsync(HttpMethod.Put, url, new { name = name + " Ltd", kind = "Customer" }, ifMatch);

        Assert.Equal(expected, response.StatusCode);
        if (expected is not HttpStatusCode.OK) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var now = await (await app.Admin.GetAsync(url)).ReadAsync<OrganizationView>();
        Assert.Equal(expected is HttpStatusCode.OK ? name + " Ltd" : name, now.Name);
    }

    [Fact]
    public async Task A_412_names_the_current_etag()
    {
        var (url, _) = await OrganizationAsync();

        var response = await app.Admin.SendWithIfMatchAsync(HttpMethod.Delete, url, null, "W/\"0\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("it is now \"0\"", await response.ProblemDetailAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"0\"", HttpStatusCode.NoContent)]
    [InlineData("*", HttpStatusCode.NoContent)]
    [InlineData("\"9\", \"0\"", HttpStatusCode.NoContent)]
    [InlineData("\"stale\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("W/\"0\"", HttpStatusCode.PreconditionFailed)]
    public async Task A_delete_follows_the_same_rules(string ifMatch, HttpStatusCode expected)
    {
        var (url, _) = await OrganizationAsync();

        var response = await app.Admin.SendWithIfMatchAsync(HttpMethod.Delete, url, null, ifMatch);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected is HttpStatusCode.NoContent ? HttpStatusCode.NotFound : HttpStatusCode.OK, (await app.Admin.GetAsync(url)).StatusCode);
    }

    async Task<(string Url, string Name)> OrganizationAsync()
    {
        var name = "If-Match Corp " + Guid.NewGuid().ToString("N")[..8];
        var created = await (await app.Admin.PostJsonAsync("/api/v1/organizations", new { name, kind = "Customer" })).ReadAsync<OrganizationView>();
        return ($"/api/v1/organizations/{created.Id}", name);
    }
}
