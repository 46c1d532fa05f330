using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Steward.Bench;

/// <summary>
/// Bulk-loads articles, or survey invitations and responses, into a database the server created,
/// by copying the rows the API wrote for <see cref="KnowledgeWorld"/>'s templates and changing what
/// differs per copy. Run with the server stopped.
/// <para>
/// Articles: the article row and the version readers see (or the one in the works), with ids
/// (version 7, from the creation instant), title, body, tags, kind, community, services and the
/// instants; the search words (<c>ReadingText</c>, <c>WorkingText</c>) are made by the product's
/// own <see cref="Core.Knowledge.ArticleVersion.SearchText"/>, and the full-text index by the
/// migration's triggers on SQLite (an insert into KnowledgeArticles writes its ArticleSearch row),
/// exactly as for an article the API writes. Rows are written oldest first, so the index's rowid
/// order (search's newest-first walk) is the creation order, as on a server that grew.
/// </para>
/// <para>
/// Satisfaction: invitations spread over the period, about half answered; each copy keeps one
/// template invitation's attribution as the product stored it at resolution (service, performing
/// party and its organization and agreement, accountable party, kind of sourcing) and varies the
/// customer and its requester, the instants, the rating (the contractor's work rated lower) and the
/// 0–10 answer.
/// </para>
/// </summary>
/// <remarks>
/// Not as in production, and why it does not bear on what is measured: reviews, feedback and the
/// audit journal are not copied (search, suggestions and the report read none of them); a copied
/// invitation keeps its template's record (the report never reads records); low ratings open no
/// follow-up (the report does not read them); the bell's notifications are not written.
/// </remarks>
public sealed class KnowledgeSeeder(ISeedStore store, KnowledgeWorld.World world)
{
    static readonly string[] ArticleInstants = ["CreatedAt", "UpdatedAt", "LastReviewedAt", "RetiredAt", "FirstPublishedAt", "PublishedAt"];
    static readonly string[] VersionInstants = ["CreatedAt", "UpdatedAt", "FirstSubmittedAt", "SubmittedAt", "PublishedAt"];
    static readonly string[] Kinds = ["HowTo", "KnownErrorWorkaround", "Faq", "BestPractice"];

    static string G(Guid g) => Seeder.SqliteGuid(g);

    static long? Ticks(object? v) => v is null ? null : Convert.ToInt64(v, CultureInfo.InvariantCulture);

    static void Shift(Dictionary<string, object?> row, IEnumerable<string> columns, long delta)
    {
        foreach (var k in columns)
            if (Ticks(row[k]) is { } t) row[k] = t + delta;
    }

    /// <summary>A JSON array of ids written as EF Core wrote the template's (the case of its GUIDs).</summary>
    static string GuidsJson(IEnumerable<Guid> ids, bool upper) =>
        JsonSerializer.Serialize(ids.Select(g => upper ? g.ToString().ToUpperInvariant() : g.ToString()).ToArray());

    public sealed record ArticleResult(int Articles, int Published, int CustomerVisible, TimeSpan Elapsed);

    public ArticleResult SeedArticles(int count, int daysOfHistory = 1825, int seed = 19)
    {
        var sw = Stopwatch.StartNew();
        var templates = world.Articles.ToDictionary(t => t.Shape, t =>
        {
            var article = store.Read("KnowledgeArticles", "Id", t.Id).Single();
            var versions = store.Read("ArticleVersions", "ArticleId", t.Id);
            var shown = (string?)(article["PublishedVersionId"] ?? article["WorkingVersionId"]);
            return (Article: article, Version: versions.Single(v => (string?)v["Id"] == shown));
        });
        var sample = (string)templates["customers"].Article["ServiceIds"]!;
        var upper = sample.Any(char.IsUpper);
        var rng = new Random(seed);
        var text = new ArticleText(seed);
        var now = IncidentSeeder.Instant.Now;
        var span = TimeSpan.FromDays(daysOfHistory);
        var first = now.Plus(-span);
        int published = 0, customerVisible = 0;
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && i % 20_000 == 0) store.Flush();
            var shape = rng.NextDouble() switch { < 0.55 => "customers", < 0.62 => "customer-limited", < 0.92 => "internal", < 0.97 => "draft", _ => "in-review" };
            var (template, version) = templates[shape];
            var created = first.Plus(TimeSpan.FromTicks((long)(span.Ticks * ((i + rng.NextDouble()) / count))));
            var delta = created.Ticks - Ticks(template["CreatedAt"])!.Value;
            var id = Guid.CreateVersion7(created.ToDateTimeOffset());
            var versionId = Guid.CreateVersion7(created.ToDateTimeOffset());
            var (title, body, tags) = text.Next(rng);
            var kind = Kinds[rng.Next(Kinds.Length)];
            var community = world.Communities[rng.NextDouble() switch { < 0.6 => 0, < 0.8 => 1, _ => 2 }];
            var services = rng.NextDouble() < 0.3
                ? new[] { world.Services[rng.Next(world.Services.Count)], world.Services[rng.Next(world.Services.Count)] }.Distinct().ToArray()
                : [world.Services[rng.Next(world.Services.Count)]];
            var servicesJson = GuidsJson(services, upper);
            var tagsJson = JsonSerializer.Serialize(tags);
            var words = Core.Knowledge.KnowledgeText.IndexOf([title, .. tags, body]);

            var a = new Dictionary<string, object?>(template);
            Shift(a, ArticleInstants, delta);
            a["Id"] = G(id);
            a["CommunityId"] = G(community);
            a["Title"] = title;
            a["Kind"] = kind;
            a["ServiceIds"] = servicesJson;
            a["Tags"] = tagsJson;
            if (a["PublishedVersionId"] is not null) a["PublishedVersionId"] = G(versionId);
            if (a["WorkingVersionId"] is not null) a["WorkingVersionId"] = G(versionId);
            if ((string?)a["ReadingText"] is { Length: > 0 }) a["ReadingText"] = words;
            if ((string?)a["WorkingText"] is { Length: > 0 }) a["WorkingText"] = words;
            store.Add("KnowledgeArticles", a);

            var v = new Dictionary<string, object?>(version);
            Shift(v, VersionInstants, delta);
            v["Id"] = G(versionId);
            v["ArticleId"] = G(id);
            v["CommunityId"] = G(community);
            v["Title"] = title;
            v["Body"] = body;
            v["Kind"] = kind;
            v["Tags"] = tagsJson;
            v["ServiceIds"] = servicesJson;
            store.Add("ArticleVersions", v);
            if ((string?)a["State"] == "Published")
            {
                published++;
                if (shape == "customers") customerVisible++;
            }
        }
        store.Flush();
        store.Finish(store.MaxIncidentSequence());
        return new ArticleResult(count, published, customerVisible, sw.Elapsed);
    }

    public sealed record ResponseResult(int Invitations, int Responses, TimeSpan Elapsed);

    /// <summary>About two invitations per response, spread evenly over <paramref name="daysOfHistory"/> days up to yesterday (a report covers at most 400 days: one covers them all).</summary>
    public ResponseResult SeedResponses(int responses, int daysOfHistory = 395, int seed = 19)
    {
        var sw = Stopwatch.StartNew();
        var templates = world.Invitations.Select(id => (Invitation: store.Read("SurveyInvitations", "Id", id).Single(),
            Response: store.Read("SurveyResponses", "InvitationId", id).Single())).ToList();
        var contractor = G(world.ContractorId);
        var rng = new Random(seed);
        var now = IncidentSeeder.Instant.Now.Plus(TimeSpan.FromDays(-1));
        var span = TimeSpan.FromDays(daysOfHistory);
        var first = now.Plus(-span);
        var invitations = responses * 2;
        var customerWeights = Enumerable.Range(1, world.Customers.Count).Select(k => 1 / Math.Pow(k, 0.8)).ToArray();
        var cumulative = customerWeights.Select((_, k) => customerWeights.Take(k + 1).Sum() / customerWeights.Sum()).ToArray();
        var answered = 0;
        for (var i = 0; i < invitations; i++)
        {
            if (i > 0 && i % 50_000 == 0) store.Flush();
            var (template, templateResponse) = templates[rng.Next(templates.Count)];
            var invited = first.Plus(TimeSpan.FromTicks((long)(span.Ticks * ((i + rng.NextDouble()) / invitations))));
            var delta = invited.Ticks - Ticks(template["InvitedAt"])!.Value;
            var k = Array.BinarySearch(cumulative, rng.NextDouble());
            k = Math.Min(k < 0 ? ~k : k, world.Customers.Count - 1);
            var id = Guid.CreateVersion7(invited.ToDateTimeOffset());
            // Half answered (the last of them while the period is still open are as likely as the rest).
            var answers = answered < responses && rng.NextDouble() < (responses - answered) / (double)(invitations - i);
            var respondedAt = invited.Plus(TimeSpan.FromMinutes(5 + rng.Next(3 * 24 * 60))).Ticks;

            var inv = new Dictionary<string, object?>(template);
            Shift(inv, ["InvitedAt", "ExpiresAt"], delta);
            inv["Id"] = G(id);
            inv["CustomerId"] = G(world.Customers[k]);
            inv["InviteeId"] = G(world.Requesters[k]);
            inv["RespondedAt"] = answers ? respondedAt : null;
            store.Add("SurveyInvitations", inv);
            if (!answers) continue;
            answered++;
            var byContractor = (string?)template["PerformerOrganizationId"] == contractor;
            var x = rng.NextDouble();
            var rating = byContractor
                ? x switch { < 0.10 => 1, < 0.25 => 2, < 0.50 => 3, < 0.85 => 4, _ => 5 }
                : x switch { < 0.03 => 1, < 0.08 => 2, < 0.20 => 3, < 0.60 => 4, _ => 5 };
            var r = new Dictionary<string, object?>(templateResponse);
            r["Id"] = G(Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddTicks(respondedAt)));
            r["InvitationId"] = G(id);
            r["CustomerId"] = G(world.Customers[k]);
            r["RespondentId"] = G(world.Requesters[k]);
            r["InvitedAt"] = invited.Ticks;
            r["RespondedAt"] = respondedAt;
            r["Rating"] = (long)rating;
            r["Recommend"] = rng.NextDouble() < 0.7 ? Math.Clamp(rating * 2 + rng.Next(-1, 2), 0, 10) : null;
            r["Comment"] = rng.NextDouble() < 0.2 ? "Thanks for the quick help." : null;
            store.Add("SurveyResponses", r);
        }
        store.Flush();
        store.Finish(store.MaxIncidentSequence());
        return new ResponseResult(invitations, answered, sw.Elapsed);
    }
}
