using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>
/// An article from draft to retirement through the API: peer review by the community's reviewers
/// (one of them a contractor's), critique that sends a version back, the quorum that publishes,
/// new versions that readers do not see until published, and the rules' refusals with their reasons.
/// </summary>
public sealed class ArticleLifecycleTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_draft_is_reviewed_sent_back_with_a_critique_approved_by_the_quorum_and_published()
    {
        var world = await KnowledgeWorld.CreateAsync(app);

        var created = await world.WriteAsync();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("Draft", created.GetProperty("state").GetString());
        Assert.Equal(1, created.GetProperty("versionNumber").GetInt32());
        Assert.Equal("<p>Clear the cached credentials.\nSign in again.</p>\n", created.GetProperty("bodyHtml").GetString());

        var submitted = await ActAsync(world.Author, id, "submit");
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("InReview", (await submitted.ReadAsync<JsonElement>()).GetProperty("state").GetString());
        var bell = await world.Reviewer.Client.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains("waits for your review", StringComparison.Ordinal)
            && n.GetProperty("link").GetString() == $"/knowledge/articles/{id}/review");
        var waiting = await world.ContractReviewer.Client.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/reviews/waiting");
        Assert.Contains(waiting.EnumerateArray(), w => w.GetProperty("articleId").GetGuid() == id && w.GetProperty("quorum").GetInt32() == 2);
        Assert.DoesNotContain((await world.Author.Client.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/reviews/waiting")).EnumerateArray(),
            w => w.GetProperty("articleId").GetGuid() == id);

        var critique = await ReviewAsync(world.Reviewer, id, "RequestChanges", "Say which Outlook versions this is for.");
        Assert.Equal(HttpStatusCode.Created, critique.StatusCode);
        var afterCritique = await KnowledgeWorld.GetAsync(world.Author, id);
        Assert.Equal("Draft", afterCritique.GetProperty("state").GetString());
        var working = afterCritique.GetProperty("working");
        Assert.Equal("Draft", working.GetProperty("state").GetString());
        var kept = Assert.Single(working.GetProperty("reviews").EnumerateArray());
        Assert.Equal("Say which Outlook versions this is for.", kept.GetProperty("comment").GetString());
        Assert.Equal("RequestChanges", kept.GetProperty("verdict").GetString());
        Assert.Contains((await world.Author.Client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("text").GetString()!.Contains("asks for changes", StringComparison.Ordinal) && n.GetProperty("link").GetString() == $"/knowledge/articles/{id}/review");

        var edited = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}",
            world.ArticleBody(body: "For Outlook 2021 and Microsoft 365:\nClear the cached credentials.\nSign in again."), $"\"{afterCritique.GetProperty("version").GetInt64()}\"");
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(1, (await edited.ReadAsync<JsonElement>()).GetProperty("versionNumber").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);
        var first = await (await ReviewAsync(world.Reviewer, id, "Approve")).ReadAsync<JsonElement>();
        Assert.Equal("InReview", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("approvals").GetInt32());
        var second = await (await ReviewAsync(world.ContractReviewer, id, "Approve", "Clear and correct.")).ReadAsync<JsonElement>();

        Assert.Equal("Published", second.GetProperty("state").GetString());
        Assert.Equal("Published", second.GetProperty("versionState").GetString());
        var published = await KnowledgeWorld.GetAsync(world.Outsider, id);
        Assert.Equal("Published", published.GetProperty("state").GetString());
        Assert.StartsWith("For Outlook 2021", published.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, published.GetProperty("working").ValueKind);
        Assert.Contains((await world.Author.Client.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("items").EnumerateArray(),
            n => n.GetProperty("text").GetString()!.Contains("is published", StringComparison.Ordinal) && n.GetProperty("link").GetString() == $"/knowledge/articles/{id}/read");
    }

    [Fact]
    public async Task Authors_members_and_outsiders_may_not_review_and_each_refusal_says_why()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        await world.JoinAsync(world.Outsider, "Member");
        var id = (await world.WriteAsync(by: world.Reviewer)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Reviewer, id, "submit")).StatusCode);

        var own = await ReviewAsync(world.Reviewer, id, "Approve");
        var member = await ReviewAsync(world.Outsider, id, "Approve");
        var outsider = await ReviewAsync(world.ContractOutsider, id, "Approve");
        var customer = await ReviewAsync(world.RequesterA, id, "Approve");

        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("authors never review", await own.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Contains("You are a Member", await member.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
    }

    [Fact]
    public async Task A_provider_agent_who_is_no_member_is_refused_review_of_a_draft_with_403_though_they_may_not_read_it()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = (await world.WriteAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);

        var review = await ReviewAsync(world.Outsider, id, "Approve");
        var edit = await world.Outsider.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}", world.ArticleBody(), "*");

        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);
        Assert.Contains("not a member", await review.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Outsider, $"{Articles}/{id}"));
    }

    [Fact]
    public async Task A_provider_agent_who_is_no_member_is_refused_review_with_403_once_the_article_is_readable()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = await world.PublishedAsync();
        var draft = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}", world.ArticleBody(body: "Second thoughts."), "*");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);

        var review = await ReviewAsync(world.Outsider, id, "Approve");

        Assert.Equal(HttpStatusCode.Forbidden, review.StatusCode);
        Assert.Contains("not a member", await review.ProblemDetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Below_the_quorum_only_a_moderator_who_did_not_write_it_publishes()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = (await world.WriteAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(world.Reviewer, id, "Approve")).StatusCode);

        var byAuthor = await ActAsync(world.Author, id, "publish");
        var byReviewer = await ActAsync(world.Reviewer, id, "publish");
        var byOutsider = await world.Outsider.Client.SendWithIfMatchAsync(HttpMethod.Post, $"{Articles}/{id}/publish", new { }, "*");
        var byModerator = await ActAsync(world.Moderator, id, "publish");

        Assert.Equal(HttpStatusCode.Conflict, byAuthor.StatusCode);
        Assert.Contains("1 of the 2 approvals", await byAuthor.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byModerator.StatusCode);
        Assert.Equal("Published", (await byModerator.ReadAsync<JsonElement>()).GetProperty("state").GetString());
        var version = await world.Moderator.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{id}/versions/1");
        Assert.Equal(world.Moderator.Id, version.GetProperty("publishedById").GetGuid());
    }

    [Fact]
    public async Task A_moderator_may_not_publish_their_own_version_below_the_quorum()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = (await world.WriteAsync(by: world.Moderator)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Moderator, id, "submit")).StatusCode);

        var publish = await ActAsync(world.Moderator, id, "publish");

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Contains("its authors may not publish it below the quorum", await publish.ProblemDetailAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_has_one_current_review_of_a_version_and_approving_twice_counts_once()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = (await world.WriteAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);

        var once = await (await ReviewAsync(world.Reviewer, id, "Approve")).ReadAsync<JsonElement>();
        var twice = await (await ReviewAsync(world.Reviewer, id, "Approve", "Still fine.")).ReadAsync<JsonElement>();

        Assert.Equal(1, once.GetProperty("approvals").GetInt32());
        Assert.Equal(1, twice.GetProperty("approvals").GetInt32());
        Assert.Equal("InReview", twice.GetProperty("state").GetString());
        var reviews = (await KnowledgeWorld.GetAsync(world.Reviewer, id)).GetProperty("working").GetProperty("reviews").EnumerateArray().ToList();
        Assert.Equal(2, reviews.Count);
        Assert.Single(reviews, r => r.GetProperty("isCurrent").GetBoolean());
    }

    [Fact]
    public async Task Two_reviewers_approving_at_the_same_moment_both_count_and_publish_the_version()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        for (var round = 0; round < 3; round++)
        {
            var id = (await world.WriteAsync(world.ArticleBody(title: $"Race {round}"))).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);

            var answers = await Task.WhenAll(ReviewAsync(world.Reviewer, id, "Approve"), ReviewAsync(world.ContractReviewer, id, "Approve"));

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
            var article = await KnowledgeWorld.GetAsync(world.Outsider, id);
            Assert.Equal("Published", article.GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_contractors_member_writes_and_submits_an_article_of_the_providers_community()
    {
        var world = await KnowledgeWorld.CreateAsync(app);

        var id = (await world.WriteAsync(by: world.ContractReviewer)).GetProperty("id").GetGuid();
        var submitted = await ActAsync(world.ContractReviewer, id, "submit");

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains((await world.Reviewer.Client.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/reviews/waiting")).EnumerateArray(),
            w => w.GetProperty("articleId").GetGuid() == id);
        var journal = await world.Provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        Assert.All(journal.GetProperty("items").EnumerateArray(), e => Assert.Equal(world.ContractReviewer.Id, e.GetProperty("actorPersonId").GetGuid()));
    }

    [Fact]
    public async Task Editing_a_published_article_makes_a_new_draft_that_readers_do_not_see_until_it_is_published()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = await world.PublishedAsync();

        var edit = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}",
            world.ArticleBody(title: "Outlook asks for the password again and again", body: "Clear the cached credentials.\nRestart Outlook.\nSign in again."), "*");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        var reader = await KnowledgeWorld.GetAsync(world.Outsider, id);
        Assert.Equal("Outlook keeps asking for the password", reader.GetProperty("title").GetString());
        Assert.Equal(1, reader.GetProperty("versionNumber").GetInt32());
        Assert.Equal(JsonValueKind.Null, reader.GetProperty("working").ValueKind);
        var member = await KnowledgeWorld.GetAsync(world.Author, id);
        Assert.Equal(1, member.GetProperty("versionNumber").GetInt32());
        Assert.Equal(2, member.GetProperty("working").GetProperty("number").GetInt32());
        Assert.Equal("Draft", member.GetProperty("working").GetProperty("state").GetString());
        Assert.Single((await world.Outsider.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{id}/versions")).EnumerateArray());
        Assert.Equal(2, (await world.Author.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{id}/versions")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Outsider, $"{Articles}/{id}/versions/2"));

        var diff = await world.Author.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{id}/diff?from=1&to=2");
        Assert.Equal(1, diff.GetProperty("added").GetInt32());
        Assert.Equal(0, diff.GetProperty("removed").GetInt32());
        var added = Assert.Single(diff.GetProperty("lines").EnumerateArray(), l => l.GetProperty("operation").GetString() == "Added");
        Assert.Equal("Restart Outlook.", added.GetProperty("text").GetString());
        Assert.Contains(diff.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "title");

        Assert.Equal(HttpStatusCode.OK, (await ActAsync(world.Author, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(world.Reviewer, id, "Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(world.ContractReviewer, id, "Approve")).StatusCode);
        var republished = await KnowledgeWorld.GetAsync(world.Outsider, id);
        Assert.Equal(2, republished.GetProperty("versionNumber").GetInt32());
        Assert.Equal("Outlook asks for the password again and again", republished.GetProperty("title").GetString());
        var history = await world.Outsider.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{id}/versions");
        Assert.Equal(["Published", "Superseded"], history.EnumerateArray().Select(v => v.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task A_retired_article_is_not_edited_submitted_or_retired_again()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = await world.PublishedAsync();

        var byAuthor = await ActAsync(world.Reviewer, id, "retire");
        var retired = await ActAsync(world.Moderator, id, "retire");
        var edit = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}", world.ArticleBody(body: "Too late."), "*");
        var again = await ActAsync(world.Moderator, id, "retire");

        Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("Retired", (await retired.ReadAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("retired", await edit.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Outsider, $"{Articles}/{id}"));
        Assert.DoesNotContain(id, await SearchAsync(world.Author, "q=outlook"));
        Assert.Contains(id, await SearchAsync(world.Author, "q=outlook&state=Retired"));
    }

    [Fact]
    public async Task Actions_take_the_articles_etag_and_a_stale_one_is_refused()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var created = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody());
        var etag = created.Headers.ETag!.Tag;
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetGuid();

        var withoutTag = await world.Author.Client.PostJsonAsync($"{Articles}/{id}/submit", new { });
        var edited = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}", world.ArticleBody(body: "Changed."), etag);
        var stale = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Post, $"{Articles}/{id}/submit", new { }, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutTag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.NotEqual(etag, edited.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Only_members_write_and_what_an_article_names_is_checked_against_its_provider()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var foreignService = await (await ProviderBuilderFor(world)).ServiceAsync("Elsewhere", "incident-management");

        var outsider = await world.Outsider.Client.PostJsonAsync(Articles, world.ArticleBody());
        var customersInternal = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(customerIds: [world.CustomerA]));
        var notACustomer = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(audience: "Customers", customerIds: [world.ContractorId]));
        var interpretation = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(kind: "Interpretation"));
        var badClause = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(kind: "Interpretation", framework: "iso-20000-1", clause: "8.9"));
        var otherFramework = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(kind: "Interpretation", framework: "itil-4", clause: "service-desk"));
        var goodClause = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(kind: "Interpretation", framework: "iso-20000-1", clause: "8.6.1"));
        var otherService = await world.Author.Client.PostJsonAsync(Articles, new { title = "T", body = "B", kind = "HowTo", communityId = world.CommunityId, serviceIds = new[] { foreignService.Id } });
        var noKind = await world.Author.Client.PostJsonAsync(Articles, new { title = "T", body = "B", communityId = world.CommunityId });
        var nul = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody(body: "A\u0000B"));

        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
        Assert.Contains("Only members", await outsider.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(["customerIds"], await customersInternal.ErrorFieldsAsync());
        Assert.Equal(["customerIds[0]"], await notACustomer.ErrorFieldsAsync());
        Assert.Equal(["framework"], await interpretation.ErrorFieldsAsync());
        Assert.Equal(["clause"], await badClause.ErrorFieldsAsync());
        Assert.Equal(["framework"], await otherFramework.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, goodClause.StatusCode);
        Assert.Equal(["serviceIds[0]"], await otherService.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
    }

    static async Task<Portfolio.ProviderBuilder> ProviderBuilderFor(KnowledgeWorld world) => await Portfolio.ProviderBuilder.StartAsync(world.App);

    [Fact]
    public async Task A_draft_is_deleted_by_its_owner_but_a_published_article_is_retired_instead()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var draft = (await world.WriteAsync()).GetProperty("id").GetGuid();
        var published = await world.PublishedAsync();

        var deleteDraft = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Delete, $"{Articles}/{draft}", null, "*");
        var deletePublished = await world.Moderator.Client.SendWithIfMatchAsync(HttpMethod.Delete, $"{Articles}/{published}", null, "*");

        Assert.Equal(HttpStatusCode.NoContent, deleteDraft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Author, $"{Articles}/{draft}"));
        Assert.Equal(HttpStatusCode.Conflict, deletePublished.StatusCode);
        Assert.Contains("retire it instead", await deletePublished.ProblemDetailAsync(), StringComparison.Ordinal);
        var journal = await world.Provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={draft}");
        Assert.Equal(["Created", "Deleted"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Order());
    }
}
