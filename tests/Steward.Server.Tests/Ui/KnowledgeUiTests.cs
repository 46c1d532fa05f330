using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Knowledge;
using Steward.Server.Identity;
using Steward.Server.Knowledge;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Knowledge;
using Steward.Server.Ui.Knowledge;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>
/// What the knowledge pages do beyond the workflow's calls, as each person's own context answers it
/// (tenancy applies), on both databases: the portal's knowledge answers, an article written from an
/// incident, and the pages' download of a community's measures.
/// </summary>
public sealed class KnowledgeUiTests(StewardApp app) : IClassFixture<StewardApp>
{
    /// <summary>Runs <paramref name="work"/> with a context acting as the person, as their browser's circuit does.</summary>
    async Task<T> AsAsync<T>(Guid personId, Func<StewardDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var who = await scope.ServiceProvider.GetRequiredService<ActorResolver>().ScopeOfAsync(personId, default)
            ?? throw new InvalidOperationException("No such person.");
        scope.ServiceProvider.GetRequiredService<Actor>().BecomePerson(who.PersonId, null, who.OrganizationId, who.Roles, who.VisibleOrganizationIds, who.CommunityIds);
        return await work(scope.ServiceProvider.GetRequiredService<StewardDbContext>(), scope.ServiceProvider);
    }

    static string Unique() => "w" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task The_portals_knowledge_answers_are_the_published_articles_meant_for_the_person_and_never_an_internal_one()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var word = Unique();
        var forA = await world.PublishedAsync(world.ArticleBody(title: $"Mailbox {word} is full", audience: "Customers", customerIds: [world.CustomerA]));
        var internalOne = await world.PublishedAsync(world.ArticleBody(title: $"Mailbox {word} quota runbook"));
        var draft = (await world.WriteAsync(world.ArticleBody(title: $"Mailbox {word} draft", audience: "Customers"))).GetProperty("id").GetGuid();
        var source = new KnowledgePortalSearch();

        var requesterA = await AsAsync(world.RequesterA.Id, (db, _) => source.SearchAsync(db, $"mailbox {word}", 8, default));
        var requesterB = await AsAsync(world.RequesterB.Id, (db, _) => source.SearchAsync(db, $"mailbox {word}", 8, default));
        var outsider = await AsAsync(world.Outsider.Id, (db, _) => source.SearchAsync(db, $"mailbox {word}", 8, default));

        var hit = Assert.Single(requesterA);
        Assert.Equal($"/knowledge/articles/{forA}", hit.Href);
        Assert.Equal("Clear the cached credentials.", hit.Summary);
        Assert.Empty(requesterB);
        Assert.Equal(new[] { forA, internalOne }.Order(), outsider.Select(h => Guid.Parse(h.Href.Split('/')[^1])).Order());
        Assert.DoesNotContain(outsider, h => h.Href.EndsWith(draft.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_article_written_from_a_resolved_incident_is_a_draft_tied_to_it_and_an_open_incident_gives_none()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var open = await world.IncidentAsync("Calendar sync stops " + Unique());
        var resolved = await world.IncidentAsync("Shared mailbox vanished " + Unique(), "Users lost the team mailbox.");
        await world.ResolveAsync(resolved, "Re-added the mailbox permission.");

        async Task<(KnowledgeArticle? Article, KnowledgeProblem? Problem)> WriteFromAsync(Guid incident) => await AsAsync(world.Moderator.Id, async (db, services) =>
        {
            var flow = services.GetRequiredService<KnowledgeWorkflowFactory>().For(db);
            var (input, refused) = await flow.PrefillFromRecordAsync(incident);
            if (refused is not null) return (null, refused);
            return await ArticleFromRecord.CreateAsync(flow, db, incident, input! with { CommunityId = world.CommunityId, Title = input.Title + " (edited)" });
        });

        var (none, refused) = await WriteFromAsync(open);
        var (article, problem) = await WriteFromAsync(resolved);

        Assert.Null(none);
        Assert.Equal(Refusal.Conflict, refused!.Kind);
        Assert.Null(problem);
        Assert.Equal(ArticleState.Draft, article!.State);
        Assert.EndsWith("(edited)", article.Title, StringComparison.Ordinal);
        var links = await world.Moderator.Client.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{resolved}/articles", StewardApp.Json);
        var link = Assert.Single(links.EnumerateArray());
        Assert.Equal(article.Id, link.GetProperty("articleId").GetGuid());
        Assert.Equal("Related", link.GetProperty("relation").GetString());
    }

    [Fact]
    public async Task The_pages_download_of_a_communitys_measures_is_the_APIs_file_and_no_one_elses_community()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        await world.PublishedAsync();
        var path = $"{KnowledgeExports.Path}/communities/{world.CommunityId}/measures";

        var csv = await world.Moderator.Client.GetAsync($"{path}?table=buckets");
        var xlsx = await world.Moderator.Client.GetAsync($"{path}?table=gaps&format=xlsx");
        var foreign = await world.ForeignAgent.Client.GetAsync($"{path}?format=csv");
        var bad = await world.Moderator.Client.GetAsync($"{path}?interval=fortnight");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Period start,Published,", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var file = xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName ?? "";
        Assert.Contains("-gaps-", file, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", file.Trim('"'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
