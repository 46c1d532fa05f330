using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Knowledge;

namespace Steward.Server.Tests.Measures;

/// <summary>
/// The article reuse rate follows the links as they are added, changed and removed: a resolved
/// record counts while at least one article is tied to it as UsedToResolve, once however many.
/// </summary>
public sealed class ArticleReuseMeasureTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_resolved_record_counts_while_an_article_is_tied_to_it_as_used_to_resolve()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var a = await world.PublishedAsync(world.ArticleBody(title: "Outlook keeps asking for the password"));
        var b = await world.PublishedAsync(world.ArticleBody(title: "Reset the mail profile", body: "Create a new profile."));
        var (one, two, three, open) = (await world.IncidentAsync("Password prompt"), await world.IncidentAsync("Mail slow"),
            await world.IncidentAsync("Profile broken"), await world.IncidentAsync("Still asking"));

        async Task TieAsync(Guid incident, Guid article, string relation)
        {
            var response = await world.Moderator.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = article, relation });
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
        async Task UntieAsync(Guid incident, Guid article) =>
            Assert.Equal(HttpStatusCode.NoContent, (await world.Moderator.Client.DeleteAsync($"/api/v1/incidents/{incident}/articles/{article}")).StatusCode);
        async Task<(long Reused, long Resolved, double? Rate)> ReuseAsync()
        {
            var today = DateTime.UtcNow.Date;
            string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var response = await world.Moderator.Client.GetAsync(
                $"/api/v1/measures/article-reuse-rate?providerId={world.Provider.Id}&from={Day(-1)}&to={Day(1)}&interval=day");
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var total = (await response.Content.ReadFromJsonAsync<JsonElement>(StewardApp.Json)).GetProperty("total");
            return (total.GetProperty("numerator").GetInt64(), total.GetProperty("denominator").GetInt64(),
                total.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null);
        }

        // One: A used, B related. Two: A related only. Three: both used (counted once). Open: used but never resolved.
        await TieAsync(one, a, "UsedToResolve");
        await TieAsync(one, b, "Related");
        await TieAsync(two, a, "Related");
        await TieAsync(three, a, "UsedToResolve");
        await TieAsync(three, b, "UsedToResolve");
        await TieAsync(open, a, "UsedToResolve");
        foreach (var incident in new[] { one, two, three }) await world.ResolveAsync(incident, "Done.");
        Assert.Equal((2L, 3L, 66.7), await ReuseAsync());

        // A relation changed to Related leaves one with no article used.
        await TieAsync(one, a, "Related");
        Assert.Equal((1L, 3L, 33.3), await ReuseAsync());
        // Three keeps B after A is untied, then has none.
        await UntieAsync(three, a);
        Assert.Equal((1L, 3L, 33.3), await ReuseAsync());
        await UntieAsync(three, b);
        Assert.Equal((0L, 3L, 0.0), await ReuseAsync());
        // A relation changed to UsedToResolve counts after the resolution too.
        await TieAsync(two, a, "UsedToResolve");
        Assert.Equal((1L, 3L, 33.3), await ReuseAsync());
    }
}
