using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>Communities of practice through the API: their fields and ETags, the journal, and who may be a member.</summary>
public sealed class CommunitiesApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    static readonly string[] Itil4 = ["itil-4"];
    static readonly string[] RequestFulfilment = ["request-fulfilment"];
    static readonly string[] Cobit = ["cobit"];
    static readonly string[] NoSuchProcess = ["no-such-process"];

    [Fact]
    public async Task A_community_is_created_changed_under_its_etag_and_journaled()
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var created = await provider.Manager.PostJsonAsync(Communities, new { name = "Service desk practice", frameworks = Itil4 });
        var community = await ProviderBuilder.CreatedAsync<JsonElement>(created);
        var id = community.GetProperty("id").GetGuid();
        var etag = created.Headers.ETag!.Tag;
        var unconditional = await provider.Manager.PutAsJsonAsync($"{Communities}/{id}", new { name = "Renamed" }, StewardApp.Json);
        var changed = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Communities}/{id}",
            new { name = "Service desk and request practice", reviewQuorum = 3, processKeys = RequestFulfilment }, etag);
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Communities}/{id}", new { name = "Stale" }, etag);

        Assert.Equal(provider.Id, community.GetProperty("providerId").GetGuid());
        Assert.Equal(2, community.GetProperty("reviewQuorum").GetInt32());
        Assert.Equal(["itil-4"], community.GetProperty("frameworks").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.PreconditionRequired, unconditional.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.ReadAsync<JsonElement>();
        Assert.Equal(3, after.GetProperty("reviewQuorum").GetInt32());
        Assert.Equal(["itil-4"], after.GetProperty("frameworks").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}");
        Assert.Equal(["Created", "Updated"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Order());
    }

    [Fact]
    public async Task Bad_values_are_refused_naming_their_field()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(Communities, new { name = "Taken" }));

        var duplicate = await provider.Manager.PostJsonAsync(Communities, new { name = " taken " });
        var framework = await provider.Manager.PostJsonAsync(Communities, new { name = "F", frameworks = Cobit });
        var process = await provider.Manager.PostJsonAsync(Communities, new { name = "P", processKeys = NoSuchProcess });
        var skill = await provider.Manager.PostJsonAsync(Communities, new { name = "S", skillIds = new[] { Guid.NewGuid() } });
        var quorum = await provider.Manager.PostJsonAsync(Communities, new { name = "Q", reviewQuorum = 0 });
        var foreign = await provider.Manager.PostJsonAsync(Communities, new { name = "X", providerId = await app.AdminOrganizationIdAsync() });

        Assert.Equal(["name"], await duplicate.ErrorFieldsAsync());
        Assert.Equal(["frameworks[0]"], await framework.ErrorFieldsAsync());
        Assert.Equal(["processKeys[0]"], await process.ErrorFieldsAsync());
        Assert.Equal(["skillIds[0]"], await skill.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, quorum.StatusCode);
        Assert.Equal(["providerId"], await foreign.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_providers_and_its_contractors_people_may_be_members_but_customers_people_may_not()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var url = $"{Communities}/{world.CommunityId}/members";

        var customer = await world.Provider.Manager.PostJsonAsync(url, new { personId = world.RequesterA.Id, role = "Member" });
        var foreign = await world.Provider.Manager.PostJsonAsync(url, new { personId = world.ForeignAgent.Id, role = "Member" });
        var contractor = await world.Provider.Manager.PostJsonAsync(url, new { personId = world.ContractOutsider.Id, role = "Member" });
        var promoted = await world.Provider.Manager.PostJsonAsync(url, new { personId = world.ContractOutsider.Id, role = "Reviewer" });

        Assert.Equal(HttpStatusCode.Conflict, customer.StatusCode);
        Assert.Contains("a customer", await customer.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(["personId"], await foreign.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, contractor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var members = await world.ContractOutsider.Client.GetFromJsonAsync<JsonElement>(url);
        var row = Assert.Single(members.EnumerateArray(), m => m.GetProperty("personId").GetGuid() == world.ContractOutsider.Id);
        Assert.Equal("Reviewer", row.GetProperty("role").GetString());
        Assert.Equal(world.ContractorId, row.GetProperty("organizationId").GetGuid());
        Assert.Equal("Moderator", members[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Moderators_manage_members_other_members_may_not_and_anyone_may_leave()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var url = $"{Communities}/{world.CommunityId}/members";

        var byMember = await world.Author.Client.PostJsonAsync(url, new { personId = world.Outsider.Id, role = "Member" });
        var byModerator = await world.Moderator.Client.PostJsonAsync(url, new { personId = world.Outsider.Id, role = "Member" });
        var etag = $"\"{(await byModerator.ReadAsync<JsonElement>()).GetProperty("version").GetInt64()}\"";
        var removedByMember = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Delete, $"{url}/{world.Outsider.Id}", null, etag);
        var removedByModerator = await world.Moderator.Client.SendWithIfMatchAsync(HttpMethod.Delete, $"{url}/{world.Outsider.Id}", null, etag);
        var leaves = await world.Author.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(new { personId = world.Author.Id }) });
        var again = await world.Author.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{url}?personId={world.Author.Id}"));

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byModerator.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, removedByMember.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removedByModerator.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, leaves.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var write = await world.Author.Client.PostJsonAsync(Articles, world.ArticleBody());
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task A_community_with_articles_is_not_deleted_and_an_empty_one_is_with_its_members()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        await world.WriteAsync();
        var empty = await ProviderBuilder.CreatedAsync<JsonElement>(await world.Provider.Manager.PostJsonAsync(Communities, new { name = "Empty " + ProviderBuilder.Unique() }));
        var emptyId = empty.GetProperty("id").GetGuid();
        await ProviderBuilder.CreatedAsync<JsonElement>(await world.Provider.Manager.PostJsonAsync($"{Communities}/{emptyId}/members", new { personId = world.Outsider.Id }));

        var withArticles = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Communities}/{world.CommunityId}", null, "*");
        var byModerator = await world.Moderator.Client.SendWithIfMatchAsync(HttpMethod.Delete, $"{Communities}/{world.CommunityId}", null, "*");
        var deleted = await world.Provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Communities}/{emptyId}", null, "*");

        Assert.Equal(HttpStatusCode.Conflict, withArticles.StatusCode);
        Assert.Contains("1 article", await withArticles.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byModerator.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Outsider, $"{Communities}/{emptyId}"));
    }

    [Fact]
    public async Task Customers_and_other_providers_people_see_no_community_and_a_contractor_sees_only_its_own()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var other = await ProviderBuilder.CreatedAsync<JsonElement>(await world.Provider.Manager.PostJsonAsync(Communities, new { name = "Other " + ProviderBuilder.Unique() }));
        var otherId = other.GetProperty("id").GetGuid();

        static async Task<Guid[]> ListedAsync(Member by) =>
            (await by.Client.GetFromJsonAsync<JsonElement>($"{Communities}?limit=200")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToArray();

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Communities}/{world.CommunityId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.ForeignAgent, $"{Communities}/{world.CommunityId}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.ContractOutsider, $"{Communities}/{world.CommunityId}"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(world.ContractReviewer, $"{Communities}/{world.CommunityId}"));
        Assert.Empty(await ListedAsync(world.RequesterA));
        Assert.Empty(await ListedAsync(world.ForeignAgent));
        Assert.Equal([world.CommunityId], await ListedAsync(world.ContractReviewer));
        Assert.Equal(new[] { world.CommunityId, otherId }.Order(), (await ListedAsync(world.Outsider)).Order());
        var memberOf = await world.Outsider.Client.GetFromJsonAsync<JsonElement>($"{Communities}?memberId={world.Reviewer.Id}");
        Assert.Equal([world.CommunityId], memberOf.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_customers_person_with_a_managers_role_still_creates_no_community_for_the_provider()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var (_, customerManager) = await app.AddPersonAsync(world.CustomerA, Roles.ProviderManager);

        var created = await customerManager.PostJsonAsync(Communities, new { name = "Sneaky", providerId = world.Provider.Id });

        Assert.Equal(["providerId"], await created.ErrorFieldsAsync());
    }
}
