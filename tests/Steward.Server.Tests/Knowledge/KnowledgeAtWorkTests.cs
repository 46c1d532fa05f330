using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>
/// Knowledge tied to work: articles suggested on a record and linked to it, reuse when a record is
/// resolved with one, an article written from a resolved incident, readers' feedback and the
/// portal's "this solved it".
/// </summary>
public sealed class KnowledgeAtWorkTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_record_suggests_articles_from_its_text_and_service_and_resolving_with_one_counts_as_reuse()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var article = await world.PublishedAsync(world.ArticleBody(title: "Outlook keeps asking for the password", audience: "Customers"));
        var unrelated = await world.PublishedAsync(world.ArticleBody(title: "Printer toner replacement", body: "Open the front cover.", tags: ["printer"], withService: false));
        var incident = await world.IncidentAsync("Outlook asks for my password every hour", "Since this morning Outlook prompts again and again.");

        var suggested = await world.Moderator.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident}/suggested-articles");
        var first = suggested[0];
        Assert.Equal(article, first.GetProperty("id").GetGuid());
        Assert.True(first.GetProperty("sameService").GetBoolean());
        Assert.Contains("outlook", first.GetProperty("matchedWords").EnumerateArray().Select(w => w.GetString()));
        Assert.StartsWith("Clear the cached credentials.", first.GetProperty("excerpt").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(suggested.EnumerateArray(), s => s.GetProperty("id").GetGuid() == unrelated);

        var byRequester = await world.RequesterA.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = article, relation = "UsedToResolve" });
        var linked = await world.Moderator.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = article, relation = "Related" });
        var relinked = await world.Moderator.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = article, relation = "UsedToResolve" });
        Assert.Equal(HttpStatusCode.Forbidden, byRequester.StatusCode);
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, relinked.StatusCode);
        Assert.Equal(0, (await KnowledgeWorld.GetAsync(world.Outsider, article)).GetProperty("figures").GetProperty("reuse").GetInt32());

        await world.ResolveAsync(incident, "Cleared the cached credentials.");

        Assert.Equal(1, (await KnowledgeWorld.GetAsync(world.Outsider, article)).GetProperty("figures").GetProperty("reuse").GetInt32());
        var links = await world.RequesterA.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident}/articles");
        Assert.Equal("UsedToResolve", Assert.Single(links.EnumerateArray()).GetProperty("relation").GetString());
        var unlinked = await world.Moderator.Client.DeleteAsync($"/api/v1/incidents/{incident}/articles/{article}");
        Assert.Equal(HttpStatusCode.NoContent, unlinked.StatusCode);
        Assert.Equal(0, (await KnowledgeWorld.GetAsync(world.Outsider, article)).GetProperty("figures").GetProperty("reuse").GetInt32());
    }

    [Fact]
    public async Task Only_a_published_article_of_the_records_provider_is_linked()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var other = await KnowledgeWorld.CreateAsync(app);
        var draft = (await world.WriteAsync()).GetProperty("id").GetGuid();
        var foreign = await other.PublishedAsync();
        var incident = await world.IncidentAsync("Outlook password prompt");

        var toDraft = await world.Author.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = draft });
        var toForeign = await world.Moderator.Client.PostJsonAsync($"/api/v1/incidents/{incident}/articles", new { articleId = foreign });
        var asRequest = await world.Moderator.Client.PostJsonAsync($"/api/v1/requests/{incident}/articles", new { articleId = draft });

        Assert.Equal(HttpStatusCode.Conflict, toDraft.StatusCode);
        Assert.Equal(["articleId"], await toForeign.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.NotFound, asRequest.StatusCode);
    }

    [Fact]
    public async Task An_article_is_written_from_a_resolved_incident_as_a_known_error_workaround()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var incident = await world.IncidentAsync("Shared mailbox not visible", "The shared mailbox *Sales* disappeared from Outlook.");

        var early = await world.Author.Client.PostJsonAsync($"/api/v1/incidents/{incident}/article-draft", new { communityId = world.CommunityId });
        await world.ResolveAsync(incident, "Re-added the mailbox through auto-mapping.");
        var byOutsider = await world.Outsider.Client.PostJsonAsync($"/api/v1/incidents/{incident}/article-draft", new { communityId = world.CommunityId });
        var created = await world.Author.Client.PostJsonAsync($"/api/v1/incidents/{incident}/article-draft", new { communityId = world.CommunityId });

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("resolved incident", await early.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var article = await created.ReadAsync<JsonElement>();
        Assert.Equal("KnownErrorWorkaround", article.GetProperty("kind").GetString());
        Assert.Equal("Draft", article.GetProperty("state").GetString());
        Assert.Equal("Shared mailbox not visible", article.GetProperty("title").GetString());
        var body = article.GetProperty("body").GetString()!;
        Assert.Contains("## Symptoms\n\nThe shared mailbox *Sales* disappeared from Outlook.", body, StringComparison.Ordinal);
        Assert.Contains("## Workaround\n\nRe-added the mailbox through auto-mapping.", body, StringComparison.Ordinal);
        Assert.Equal([world.ServiceId], article.GetProperty("serviceIds").EnumerateArray().Select(s => s.GetGuid()));
        var links = await world.Author.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{incident}/articles");
        Assert.Equal("Related", Assert.Single(links.EnumerateArray()).GetProperty("relation").GetString());
    }

    [Fact]
    public async Task Readers_say_whether_an_article_helped_once_each_and_this_solved_it_is_counted()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var article = await world.PublishedAsync(world.ArticleBody(audience: "Customers"));
        var draft = (await world.WriteAsync()).GetProperty("id").GetGuid();

        var first = await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { helpful = false, comment = "Did not work for me." });
        var second = await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { helpful = true });
        var agent = await world.Outsider.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { helpful = true, comment = "Saved me a call." });
        var onDraft = await world.Author.Client.PostJsonAsync($"{Articles}/{draft}/feedback", new { helpful = true });
        var missing = await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/feedback", new { comment = "?" });
        var solved = await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/deflections", new { query = "outlook password", serviceId = world.ServiceId });
        var solvedAgain = await world.RequesterA.Client.PostJsonAsync($"{Articles}/{article}/deflections", new { query = "outlook" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Created, agent.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, onDraft.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Created, solved.StatusCode);
        Assert.Equal(2, (await solvedAgain.ReadAsync<JsonElement>()).GetProperty("deflections").GetInt32());
        var figures = (await KnowledgeWorld.GetAsync(world.RequesterA, article)).GetProperty("figures");
        Assert.Equal(2, figures.GetProperty("helpful").GetInt32());
        Assert.Equal(0, figures.GetProperty("notHelpful").GetInt32());
        Assert.Equal(2, figures.GetProperty("deflections").GetInt32());
        var customersView = await world.RequesterA.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{article}/feedback");
        Assert.Single(customersView.EnumerateArray());
        var providersView = await world.Moderator.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{article}/feedback");
        Assert.Equal(2, providersView.GetArrayLength());
        Assert.Equal(0, (await world.RequesterA.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents?customerId={world.CustomerA}")).GetProperty("items").GetArrayLength());
    }
}
