using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>A community's measures over a period, per bucket, and as spreadsheets.</summary>
public sealed class CommunityMeasuresTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task Measures_count_publications_review_turnaround_reuse_helpfulness_deflections_and_knowledge_gaps()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var printing = await world.Provider.SubscribedServiceAsync("Printing " + Portfolio.ProviderBuilder.Unique(), ["incident-management"], world.CustomerA);
        var article = await world.PublishedAsync(world.ArticleBody(audience: "Customers"));
        var waiting = (await world.WriteAsync(world.ArticleBody(title: "Waiting for review"))).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, waiting, "submit")).StatusCode);
        await world.WriteAsync(world.ArticleBody(title: "Still a draft"));
        var incident = await world.IncidentAsync("Outlook password prompt");
        await ProviderBuilderCreated(await world.Moderator.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = article, relation = "UsedToResolve" }));
        await world.ResolveAsync(incident, "Cleared the credentials.");
        for (var i = 0; i < 5; i++)
        {
            var paperJam = await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(await world.Moderator.Client.PostJsonAsync("/api/v1/incidents",
                new { title = $"Paper jam {i}", serviceId = printing.Id, customerId = world.CustomerA }));
            await world.ResolveAsync(paperJam.GetProperty("id").GetGuid(), "Removed the paper.");
        }
        await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { helpful = true });
        await world.Outsider.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { helpful = false });
        await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/deflections", new { query = "password" });
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var url = $"{Communities}/{world.CommunityId}/measures?from={today.PlusDays(-2):yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=day";

        var measures = await world.Outsider.Client.GetFromJsonAsync<JsonElement>(url);

        var totals = measures.GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("published").GetInt32());
        Assert.Equal(1, totals.GetProperty("newArticles").GetInt32());
        Assert.Equal(2, totals.GetProperty("submitted").GetInt32());
        Assert.True(totals.GetProperty("medianTurnaroundHours").GetDouble() < 1);
        Assert.Equal(1, totals.GetProperty("reuse").GetInt32());
        Assert.Equal(1, totals.GetProperty("helpful").GetInt32());
        Assert.Equal(1, totals.GetProperty("notHelpful").GetInt32());
        Assert.Equal(0.5, totals.GetProperty("helpfulShare").GetDouble());
        Assert.Equal(1, totals.GetProperty("deflections").GetInt32());
        Assert.Equal(1, totals.GetProperty("publishedArticles").GetInt32());
        var backlog = measures.GetProperty("inReview");
        Assert.Equal(1, backlog.GetProperty("inReview").GetInt32());
        Assert.Equal(1, backlog.GetProperty("drafts").GetInt32());
        var buckets = measures.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(3, buckets.Count);
        Assert.Equal(today.ToString("yyyy-MM-dd", null), buckets[^1].GetProperty("start").GetString());
        Assert.Equal(1, buckets[^1].GetProperty("reuse").GetInt32());
        Assert.Equal(0, buckets[0].GetProperty("published").GetInt32());
        var gap = Assert.Single(measures.GetProperty("gaps").EnumerateArray());
        Assert.Equal(printing.Id, gap.GetProperty("serviceId").GetGuid());

        // The provider's measures count the same reuse across communities: one of the six records resolved.
        var period = $"from={today.PlusDays(-2):yyyy-MM-dd}&to={today:yyyy-MM-dd}&interval=day&providerId={world.Provider.Id}";
        var reuse = (await world.Provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/measures/article-reuse-rate?{period}")).GetProperty("total");
        Assert.Equal((1L, 6L, 16.7), (reuse.GetProperty("numerator").GetInt64(), reuse.GetProperty("denominator").GetInt64(), reuse.GetProperty("value").GetDouble()));
        var turnaround = (await world.Provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/measures/review-turnaround-median?{period}")).GetProperty("total");
        Assert.Equal(1L, turnaround.GetProperty("n").GetInt64());
        Assert.Equal(5, gap.GetProperty("resolved").GetInt32());

        var providerWide = await app.AsSystemAsync((db, _) => Server.Knowledge.KnowledgeMeasures.ReviewTurnaroundAsync(
            db, world.Provider.Id, Instant.FromUtc(2000, 1, 1, 0, 0), SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(1), default));
        Assert.Equal(1, providerWide.Published);
        Assert.Equal(totals.GetProperty("medianTurnaroundHours").GetDouble(), providerWide.MedianHours);

        var csv = await world.Outsider.Client.GetAsync(url + "&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Period start,Published,New articles", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        var gaps = await world.Outsider.Client.GetAsync(url + "&format=csv&table=gaps");
        Assert.Contains(printing.Name, await gaps.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var xlsx = await world.Outsider.Client.GetAsync(url + "&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Fact]
    public async Task Bad_periods_are_refused_and_a_customer_reads_no_communitys_measures()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var url = $"{Communities}/{world.CommunityId}/measures";

        var interval = await world.Outsider.Client.GetAsync(url + "?interval=fortnight");
        var backwards = await world.Outsider.Client.GetAsync(url + "?from=2026-05-01&to=2026-04-01");
        var format = await world.Outsider.Client.GetAsync(url + "?format=pdf");
        var byDefault = await world.Outsider.Client.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(["interval"], await interval.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(["format"], await format.ErrorFieldsAsync());
        Assert.Equal(12, byDefault.GetProperty("buckets").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, url));
    }

    static async Task ProviderBuilderCreated(HttpResponseMessage response) => await Portfolio.ProviderBuilder.CreatedAsync<JsonElement>(response);
}
