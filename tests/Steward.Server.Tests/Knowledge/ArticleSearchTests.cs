using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using static Steward.Server.Tests.Knowledge.KnowledgeWorld;

namespace Steward.Server.Tests.Knowledge;

/// <summary>
/// What a search means, written down once and run on both databases: every word of the query, as a
/// prefix of a word of the title, body or tags, case and accents aside; punctuation separates
/// words; newest first; pages that neither skip nor repeat.
/// </summary>
public sealed class ArticleSearchTests(StewardApp app) : IClassFixture<StewardApp>
{
    [Fact]
    public async Task Search_matches_every_word_as_a_prefix_of_the_title_body_or_tags_whatever_the_case_and_accents()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var cafe = await world.PublishedAsync(world.ArticleBody(title: "Café Wi-Fi portal", body: "The captive portal of the café network.", tags: ["network"]));
        var vpn = await world.PublishedAsync(world.ArticleBody(title: "VPN drops after 8.2.3 update", body: "Reinstall the client (version 8.2.3).", tags: ["VPN", "remote-work"]));
        var naive = await world.PublishedAsync(world.ArticleBody(title: "Naïve resolver timeouts", body: "DNS_TIMEOUT errors; see RFC-1035.", tags: ["dns"]));
        var mail = await world.PublishedAsync(world.ArticleBody(title: "E-mail bounces", body: "Check the SPF record of steward@example.com.", tags: ["mail"]));

        async Task<Guid[]> Found(string q) => await SearchAsync(world.Outsider, "q=" + Uri.EscapeDataString(q));

        Assert.Equal([cafe], await Found("cafe"));
        Assert.Equal([cafe], await Found("CAFÉ"));
        Assert.Equal([cafe], await Found("wi fi"));
        Assert.Equal([cafe], await Found("capt port"));
        Assert.Empty(await Found("apt"));
        Assert.Equal([vpn], await Found("8.2.3"));
        Assert.Equal([vpn], await Found("remote"));
        Assert.Equal([vpn], await Found("vpn reinstall"));
        Assert.Empty(await Found("vpn portal"));
        Assert.Equal([naive], await Found("naive"));
        Assert.Equal([naive], await Found("dns timeout"));
        Assert.Equal([naive], await Found("rfc 1035"));
        Assert.Equal([mail], await Found("example"));
        Assert.Equal([mail], await Found("e mail"));
        Assert.Empty(await Found("email"));
        Assert.Equal(new[] { mail, vpn, cafe }, await Found("the"));
        Assert.Equal(new[] { mail, naive }, await Found("e"));
    }

    [Fact]
    public async Task A_query_without_words_is_refused_and_filters_narrow_a_search()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var howTo = await world.PublishedAsync(world.ArticleBody(title: "Token expired in the portal", kind: "HowTo", tags: ["portal"]));
        var faq = await world.PublishedAsync(world.ArticleBody(title: "Why does the portal log me out?", kind: "Faq", tags: ["portal", "session"], withService: false));

        var noWords = await world.Outsider.Client.GetAsync($"{Articles}?q=%20%2B%2B%20");
        var badKind = await world.Outsider.Client.GetAsync($"{Articles}?q=portal&kind=Novel");
        var badSort = await world.Outsider.Client.GetAsync($"{Articles}?q=portal&sort=title");

        Assert.Equal(["q"], await noWords.ErrorFieldsAsync());
        Assert.Equal(["kind"], await badKind.ErrorFieldsAsync());
        Assert.Equal(["sort"], await badSort.ErrorFieldsAsync());
        Assert.Equal([faq], await SearchAsync(world.Outsider, "q=portal&kind=Faq"));
        Assert.Equal([howTo], await SearchAsync(world.Outsider, $"q=portal&serviceId={world.ServiceId}"));
        Assert.Equal([faq], await SearchAsync(world.Outsider, "q=portal&tag=session"));
        Assert.Equal([faq], await SearchAsync(world.Outsider, "tag=session"));
        Assert.Equal(new[] { howTo, faq }, await SearchAsync(world.Outsider, $"communityId={world.CommunityId}&sort=title"));
    }

    [Fact]
    public async Task Search_pages_newest_first_without_skipping_or_repeating()
    {
        var world = await KnowledgeWorld.CreateAsync(app);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await world.PublishedAsync(world.ArticleBody(title: $"Backup job {i} fails")));

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await world.Outsider.Client.GetFromJsonAsync<JsonElement>($"{Articles}?q=backup&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(HttpStatusCode.BadRequest, (await world.Outsider.Client.GetAsync($"{Articles}?q=backup&cursor=not-a-cursor")).StatusCode);
    }
}
