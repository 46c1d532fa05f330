using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>
/// Who reads which article, by id, in search and in suggestions: members read drafts, other readers
/// only what is published; a customer's people only what is published for customers and meant for
/// them; another provider's people and a contractor's outside the community nothing.
/// </summary>
public sealed class KnowledgeVisibilityTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task A_customers_person_reads_articles_published_for_them_and_never_an_internal_one()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var internalOne = await world.PublishedAsync(world.ArticleBody(title: "Mailbox quota internals", tags: ["quota"]));
        var forEveryCustomer = await world.PublishedAsync(world.ArticleBody(title: "Mailbox quota full", audience: "Customers", tags: ["quota"]));
        var forCustomerB = await world.PublishedAsync(world.ArticleBody(title: "Mailbox quota for clinics", audience: "Customers", customerIds: [world.CustomerB], tags: ["quota"]));
        var draftForCustomers = (await world.WriteAsync(world.ArticleBody(title: "Mailbox quota draft", audience: "Customers"))).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Articles}/{internalOne}"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(world.RequesterA, $"{Articles}/{forEveryCustomer}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Articles}/{forCustomerB}"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(world.RequesterB, $"{Articles}/{forCustomerB}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Articles}/{draftForCustomers}"));
        Assert.Equal([forEveryCustomer], await SearchAsync(world.RequesterA, "q=mailbox quota"));
        Assert.Equal(new[] { forEveryCustomer, forCustomerB }.Order(), (await SearchAsync(world.RequesterB, "q=quota")).Order());
        Assert.Equal([forEveryCustomer], await SearchAsync(world.RequesterA, "tag=quota"));
        var suggested = await world.RequesterA.Client.GetFromJsonAsync<JsonElement>($"/api/v1/knowledge/suggestions?q=my mailbox quota is full&serviceId={world.ServiceId}");
        Assert.Equal([forEveryCustomer], suggested.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Articles}/{internalOne}/versions"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.RequesterA, $"{Articles}/{internalOne}/diff"));
    }

    [Fact]
    public async Task Another_providers_people_and_a_contractor_outside_the_community_see_nothing()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var published = await world.PublishedAsync(world.ArticleBody(title: "Resetting a mailbox rule", audience: "Customers"));

        foreach (var stranger in new[] { world.ForeignAgent, world.ContractOutsider })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(stranger, $"{Articles}/{published}"));
            Assert.Empty(await SearchAsync(stranger, "q=mailbox"));
            Assert.Empty(await SearchAsync(stranger, "sort=title"));
            var suggested = await stranger.Client.GetFromJsonAsync<JsonElement>("/api/v1/knowledge/suggestions?q=mailbox rule");
            Assert.Empty(suggested.EnumerateArray());
            var feedback = await stranger.Client.PostJsonAsync($"{Articles}/{published}/feedback", new { helpful = true });
            Assert.Equal(HttpStatusCode.NotFound, feedback.StatusCode);
        }
    }

    [Fact]
    public async Task Drafts_are_read_and_found_by_the_communitys_members_only_including_a_contractors()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var draft = (await world.WriteAsync(world.ArticleBody(title: "Calendar sharing across tenants"))).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(world.ContractReviewer, $"{Articles}/{draft}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOfAsync(world.Outsider, $"{Articles}/{draft}"));
        Assert.Equal([draft], await SearchAsync(world.ContractReviewer, "q=calendar shar"));
        Assert.Empty(await SearchAsync(world.Outsider, "q=calendar"));
        Assert.Equal([draft], await SearchAsync(world.Author, "state=Draft"));
        Assert.Equal([draft], await SearchAsync(world.ContractReviewer, "mine=true&sort=-createdAt"));
        Assert.Empty(await SearchAsync(world.Outsider, "mine=true"));
    }

    [Fact]
    public async Task A_new_draft_of_a_published_article_is_found_by_members_on_its_new_words_and_by_readers_only_on_the_published_ones()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = await world.PublishedAsync(world.ArticleBody(title: "Printer queue stuck", body: "Restart the spooler."));
        var edit = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}",
            world.ArticleBody(title: "Printer queue stuck", body: "Restart the spooler, then clear the tray sensor."), "*");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        Assert.Equal([id], await SearchAsync(world.Author, "q=tray sensor"));
        Assert.Empty(await SearchAsync(world.Outsider, "q=tray sensor"));
        Assert.Equal([id], await SearchAsync(world.Outsider, "q=spooler"));
        var listed = await world.Outsider.Client.GetFromJsonAsync<JsonElement>($"{Articles}?q=spooler");
        var summary = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("workingVersionNumber").ValueKind);
        var forMember = (await world.Author.Client.GetFromJsonAsync<JsonElement>($"{Articles}?q=spooler")).GetProperty("items")[0];
        Assert.Equal(2, forMember.GetProperty("workingVersionNumber").GetInt32());
    }

    [Fact]
    public async Task A_member_finds_an_article_whose_words_are_spread_over_its_published_text_and_its_draft()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var id = await world.PublishedAsync(world.ArticleBody(title: "Scanner offline", body: "Power-cycle the docking station."));
        var edit = await world.Author.Client.SendWithIfMatchAsync(HttpMethod.Put, $"{Articles}/{id}",
            world.ArticleBody(title: "Scanner offline", body: "Reinstall the firmware."), "*");
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        // "docking" is only in the published text, "firmware" only in the draft: either text's words count for members.
        Assert.Equal([id], await SearchAsync(world.Author, "q=docking firmware"));
        Assert.Equal([id], await SearchAsync(world.Author, "q=firmware"));
        Assert.Empty(await SearchAsync(world.Outsider, "q=docking firmware"));
        Assert.Equal([id], await SearchAsync(world.Outsider, "q=docking"));
        Assert.Empty(await SearchAsync(world.Author, "q=docking bluetooth"));
    }
}
