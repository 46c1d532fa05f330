using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Knowledge;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Knowledge;

/// <summary>
/// Lists, search and suggestions of articles. A search matches every word of the query as a prefix
/// of a word of the title, body or tags (<see cref="KnowledgeSearch"/>, the same on both
/// databases): of the published text for every reader, and of the version in the works too for
/// the community's members. Suggestions match any of the words and rank what they found here, in
/// the same way on both databases.
/// </summary>
public sealed partial class KnowledgeReader
{
    static readonly SortField<KnowledgeArticle>[] Sorts = [new("title", a => a.Title), new("createdAt", null)];

    /// <summary>Marks a search's cursor, whose key is the index's rank (SQLite), apart from a title.</summary>
    const string RankMark = "r";

    public async Task<(Page<ArticleSummary>? Page, KnowledgeProblem? Problem)> ListAsync(ArticleQuery q, CancellationToken ct = default)
    {
        var (filter, problem) = Filters(q, Actor.CommunityIds.ToArray());
        if (problem is not null) return (null, problem);
        var mine = Actor.CommunityIds.ToArray();
        var seesAll = Actor.SeesAll;
        var summary = Summary(mine, seesAll);
        if (string.IsNullOrWhiteSpace(q.Q))
        {
            var listed = await Keyset.PageAsync(filter!(Readable().AsNoTracking()), q.Page, Sorts, summary, s => s.Title, s => s.Id, ct);
            return listed.Result switch
            {
                Microsoft.AspNetCore.Http.HttpResults.Ok<Page<ArticleSummary>> { Value: { } listedPage } => (listedPage, null),
                Microsoft.AspNetCore.Http.HttpResults.ValidationProblem invalid => (null, KnowledgeProblem.Invalid(invalid.ProblemDetails.Errors.Keys.First(),
                    invalid.ProblemDetails.Errors.Values.First()[0])),
                _ => throw new InvalidOperationException("Unexpected paging result."),
            };
        }

        var words = KnowledgeText.QueryWords(q.Q);
        if (words.Count == 0) return (null, KnowledgeProblem.Invalid("q", "Search for at least one word of letters or digits."));
        if (q.Sort is { Length: > 0 } sort && sort != "-createdAt")
            return (null, KnowledgeProblem.Invalid("sort", "A search lists the newest articles first (-createdAt)."));
        Cursor cursor = default;
        if (q.Cursor is not null && !Cursor.TryDecode(q.Cursor, out cursor))
            return (null, KnowledgeProblem.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged."));
        var take = q.Limit ?? PageQuery.DefaultLimit;

        if (db.Provider is DatabaseProvider.Postgres)
        {
            var matching = filter!(ReadableFrom(await SpelledOutForCustomersAsync(KnowledgeSearch.PostgresMatching(db, words, WordMatch.All, mine, seesAll), ct)).AsNoTracking());
            if (q.Cursor is not null)
            {
                var after = cursor.Id;
                matching = matching.Where(a => a.Id.CompareTo(after) < 0);
            }
            var items = await matching.OrderByDescending(a => a.Id).Take(take + 1).Select(summary).ToListAsync(ct);
            return (PageOf(items, take, s => new Cursor("", s.Id)), null);
        }

        var articles = filter!(Readable().AsNoTracking());
        var ranked = RankedSqlite(words, WordMatch.All, articles, mine, seesAll);
        if (q.Cursor is not null)
        {
            if (!cursor.Key.StartsWith(RankMark, StringComparison.Ordinal) || !long.TryParse(cursor.Key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var rank))
                return (null, KnowledgeProblem.Invalid("cursor", "The cursor belongs to another list or search."));
            ranked = ranked.Where(h => h.Rank < rank);
        }
        var hits = await ranked.OrderByDescending(h => h.Rank).Take(take + 1).Select(h => new { h.Rank, h.Article.Id }).ToListAsync(ct);
        var ids = hits.Select(h => h.Id).ToList();
        var found = await db.KnowledgeArticles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(summary).ToDictionaryAsync(s => s.Id, ct);
        var ordered = hits.Where(h => found.ContainsKey(h.Id)).Select(h => (h.Rank, Summary: found[h.Id])).ToList();
        var page = PageOf(ordered, take, h => new Cursor(RankMark + h.Rank.ToString(CultureInfo.InvariantCulture), h.Summary.Id));
        return (new Page<ArticleSummary>(page.Items.Select(h => h.Summary).ToList(), page.Next), null);
    }

    static Page<T> PageOf<T>(List<T> items, int take, Func<T, Cursor> cursorOf)
    {
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            next = cursorOf(items[^1]).Encode();
        }
        return new Page<T>(items, next);
    }

    sealed class RankedArticle
    {
        public long Rank { get; init; }
        public required KnowledgeArticle Article { get; init; }
    }

    /// <summary>
    /// SQLite: the index's rows joined to the articles (the index outside, so that a page newest
    /// first reads the index newest first and stops). Readers match the published text; members of
    /// the article's community either text; administrators and auditors either text of every article.
    /// </summary>
    IQueryable<RankedArticle> RankedSqlite(IReadOnlyList<string> words, WordMatch match, IQueryable<KnowledgeArticle> articles, Guid[] mine, bool seesAll)
    {
        var reading = KnowledgeSearch.SqliteRows(db, words, match, readingOnly: true);
        if (seesAll)
            return from h in KnowledgeSearch.SqliteRows(db, words, match, readingOnly: false)
                   from a in articles
                   where a.Id == h.ArticleId
                   select new RankedArticle { Rank = h.Rank, Article = a };
        if (mine.Length == 0)
            return from h in reading from a in articles where a.Id == h.ArticleId select new RankedArticle { Rank = h.Rank, Article = a };
        // Whether the published text has the words is asked of the article's own copy of it (the
        // words the index holds, one space apart), not of the index again: a correlated MATCH per
        // row walked the index's doclists once per candidate (107 ms a page for a common word at
        // 100,000 articles, against 3 ms for a reader; docs/performance.md, issue 19).
        return from h in KnowledgeSearch.SqliteRows(db, words, match, readingOnly: false)
               from a in articles.Where(MineOrPublishedTextHas(mine, words, match))
               where a.Id == h.ArticleId
               select new RankedArticle { Rank = h.Rank, Article = a };
    }

    /// <summary>In one of <paramref name="mine"/> communities, or its published words have the words (each as a prefix of a word), all or any.</summary>
    static Expression<Func<KnowledgeArticle, bool>> MineOrPublishedTextHas(Guid[] mine, IReadOnlyList<string> words, WordMatch match)
    {
        Expression<Func<KnowledgeArticle, bool>> inMine = a => mine.Contains(a.CommunityId);
        var article = inMine.Parameters[0];
        Expression? has = null;
        foreach (var word in words)
        {
            // ReadingText is KnowledgeText's words one space apart: " " + word finds a word that starts with it.
            var spaced = " " + word;
            Expression<Func<KnowledgeArticle, bool>> one = a => (" " + a.ReadingText).Contains(spaced);
            var body = Microsoft.EntityFrameworkCore.Query.ReplacingExpressionVisitor.Replace(one.Parameters[0], article, one.Body);
            has = has is null ? body : match is WordMatch.All ? Expression.AndAlso(has, body) : Expression.OrElse(has, body);
        }
        return Expression.Lambda<Func<KnowledgeArticle, bool>>(has is null ? inMine.Body : Expression.OrElse(inMine.Body, has), article);
    }

    static Expression<Func<KnowledgeArticle, ArticleSummary>> Summary(Guid[] mine, bool seesAll) => a => new ArticleSummary(
        a.Id, a.CommunityId, a.ProviderId, a.Title, a.Kind, a.State, a.Audience, a.Tags, a.ServiceIds, a.OwnerId, a.PublishedVersionNumber, a.PublishedAt,
        seesAll || mine.Contains(a.CommunityId) ? a.WorkingVersionNumber : null,
        seesAll || mine.Contains(a.CommunityId) ? a.WorkingState : null,
        a.UpdatedAt);

    /// <summary>The query's filters as one function over a query of articles; or the problem with a value.</summary>
    static (Func<IQueryable<KnowledgeArticle>, IQueryable<KnowledgeArticle>>? Filter, KnowledgeProblem? Problem) Filters(ArticleQuery q, Guid[] mine)
    {
        ArticleKind? kind = null;
        if (q.Kind is { } kindText)
        {
            if (!TryEnum<ArticleKind>(kindText, out var k)) return (null, KnowledgeProblem.Invalid("kind", $"kind is one of {string.Join(", ", Enum.GetNames<ArticleKind>())}."));
            kind = k;
        }
        ArticleState? state = null;
        if (q.State is { } stateText)
        {
            if (!TryEnum<ArticleState>(stateText, out var s)) return (null, KnowledgeProblem.Invalid("state", $"state is one of {string.Join(", ", Enum.GetNames<ArticleState>())}."));
            state = s;
        }
        ArticleAudience? audience = null;
        if (q.Audience is { } audienceText)
        {
            if (!TryEnum<ArticleAudience>(audienceText, out var a)) return (null, KnowledgeProblem.Invalid("audience", "audience is Internal or Customers."));
            audience = a;
        }
        var tag = q.Tag?.Trim();
        var processKey = q.ProcessKey?.Trim();
        return (articles =>
        {
            articles = state is { } only ? articles.Where(a => a.State == only) : articles.Where(a => a.State != ArticleState.Retired);
            if (kind is { } k) articles = articles.Where(a => a.Kind == k);
            if (audience is { } au) articles = articles.Where(a => a.Audience == au);
            if (q.CommunityId is { } community) articles = articles.Where(a => a.CommunityId == community);
            if (q.ProviderId is { } provider) articles = articles.Where(a => a.ProviderId == provider);
            if (q.OwnerId is { } owner) articles = articles.Where(a => a.OwnerId == owner);
            if (q.Mine is true) articles = articles.Where(a => mine.Contains(a.CommunityId));
            if (q.ServiceId is { } service) articles = articles.Where(a => a.ServiceIds.Contains(service));
            if (!string.IsNullOrEmpty(tag)) articles = articles.Where(a => a.Tags.Contains(tag));
            if (!string.IsNullOrEmpty(processKey)) articles = articles.Where(a => a.ProcessKeys.Contains(processKey));
            return articles;
        }, null);
    }

    static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out value) && !int.TryParse(text, out _) && Enum.IsDefined(value);

    /// <summary>
    /// For a customer's person, <paramref name="articles"/> with the tenancy filter's customer branch
    /// spelled out as plain conditions in its place: published, for customers, for every customer
    /// or theirs, of a provider they are a customer of. Nobody else's articles change. PostgreSQL's
    /// planner cannot estimate the filter's OR of EXISTS (it took 76 rows for 34,000 matches of a
    /// common word at 100k articles), so it sorted every match instead of walking the newest first.
    /// </summary>
    async Task<IQueryable<KnowledgeArticle>> SpelledOutForCustomersAsync(IQueryable<KnowledgeArticle> articles, CancellationToken ct)
    {
        if (Actor.SeesAll || Actor.CommunityIds.Count > 0 || Actor.OrganizationId is not { } me) return articles;
        var customer = await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == me && o.Kind == OrganizationKind.Customer, ct);
        if (!customer) return articles;
        var providers = await db.PartnerRelationships.IgnoreQueryFilters().Where(r => r.PartnerId == me).Select(r => r.ProviderId).Distinct().ToListAsync(ct);
        return articles.IgnoreQueryFilters().Where(a => a.State == ArticleState.Published && a.Audience == ArticleAudience.Customers
            && (a.CustomerIds.Count == 0 || a.CustomerIds.Contains(me)) && providers.Contains(a.ProviderId));
    }

    // ---- Suggestions ----

    /// <summary>Candidates ranked per suggestion: enough that the best are among them, few enough to rank in a millisecond.</summary>
    const int Candidates = 200;

    /// <summary>
    /// Published articles for a text: those in which any of its words occurs, and those filed under
    /// the service; ranked by how many of the words they have (in the title counts more), then by
    /// the service, then newest first. A customer's person gets only what is published for them.
    /// </summary>
    public async Task<IReadOnlyList<ArticleSuggestion>> SuggestAsync(string? text, Guid? serviceId, Guid? providerId, int take, CancellationToken ct = default)
    {
        var words = SuggestionWords(text);
        var postgres = db.Provider is DatabaseProvider.Postgres;
        var published = (postgres ? await SpelledOutForCustomersAsync(db.KnowledgeArticles, ct) : db.KnowledgeArticles).AsNoTracking()
            .Where(a => a.State == ArticleState.Published);
        if (providerId is { } provider) published = published.Where(a => a.ProviderId == provider);
        var candidates = new List<Candidate>();
        if (words.Count > 0)
        {
            if (postgres)
                candidates.AddRange(await (await SpelledOutForCustomersAsync(KnowledgeSearch.PostgresMatching(db, words, WordMatch.Any, [], everyCommunity: false), ct)).AsNoTracking()
                    .Where(a => a.State == ArticleState.Published && (providerId == null || a.ProviderId == providerId))
                    .OrderByDescending(a => a.Id).Take(Candidates).Select(CandidateOf).ToListAsync(ct));
            else
                candidates.AddRange(await (from h in KnowledgeSearch.SqliteRows(db, words, WordMatch.Any, readingOnly: true)
                                           from a in published
                                           where a.Id == h.ArticleId
                                           orderby h.Rank descending
                                           select a).Take(Candidates).Select(CandidateOf).ToListAsync(ct));
        }
        if (serviceId is { } service)
        {
            // Articles name only their own provider's services, so the service's provider bounds the
            // walk: newest first along (ProviderId, State, Id), stopping once enough name the service.
            var owner = providerId ?? await db.Services.IgnoreQueryFilters().Where(s => s.Id == service).Select(s => (Guid?)s.ProviderId).SingleOrDefaultAsync(ct);
            if (owner is { } ownerId)
                candidates.AddRange(await published.Where(a => a.ProviderId == ownerId && a.ServiceIds.Contains(service))
                    .OrderByDescending(a => a.Id).Take(Candidates / 4).Select(CandidateOf).ToListAsync(ct));
        }

        var best = candidates.DistinctBy(c => c.Id)
            .Select(c => (Candidate: c, Scored: Score(c, words, serviceId)))
            .Where(x => x.Scored.Score > 0)
            .OrderByDescending(x => x.Scored.Score).ThenByDescending(x => x.Candidate.Id)
            .Take(take).ToList();
        var versionIds = best.Select(x => x.Candidate.PublishedVersionId).OfType<Guid>().ToList();
        var bodies = await db.ArticleVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Body, ct);
        return best.Select(x => new ArticleSuggestion(x.Candidate.Id, x.Candidate.CommunityId, x.Candidate.Title, x.Candidate.Kind, x.Candidate.Audience,
            Excerpt(x.Candidate.PublishedVersionId is { } v ? bodies.GetValueOrDefault(v) : null), x.Scored.Matched, x.Scored.SameService, x.Scored.Score,
            x.Candidate.PublishedVersionNumber ?? 0, x.Candidate.PublishedAt)).ToList();
    }

    /// <summary>Suggestions for a record the actor may read, from its title, description and service; null when it is out of reach.</summary>
    public async Task<IReadOnlyList<ArticleSuggestion>?> SuggestForRecordAsync(RecordKind kind, Guid recordId, int take, CancellationToken ct = default)
    {
        var record = await db.WorkRecords.AsNoTracking().Where(r => r.Id == recordId && r.Kind == kind)
            .Select(r => new { r.Title, r.Description, r.ServiceId, r.ProviderId }).SingleOrDefaultAsync(ct);
        if (record is null) return null;
        return await SuggestAsync($"{record.Title} {record.Description}", record.ServiceId, record.ProviderId, take, ct);
    }

    sealed record Candidate(Guid Id, Guid CommunityId, string Title, ArticleKind Kind, ArticleAudience Audience, List<Guid> ServiceIds, string ReadingText,
        Guid? PublishedVersionId, int? PublishedVersionNumber, NodaTime.Instant? PublishedAt);

    static readonly Expression<Func<KnowledgeArticle, Candidate>> CandidateOf = a =>
        new Candidate(a.Id, a.CommunityId, a.Title, a.Kind, a.Audience, a.ServiceIds, a.ReadingText, a.PublishedVersionId, a.PublishedVersionNumber, a.PublishedAt);

    static (int Score, IReadOnlyList<string> Matched, bool SameService) Score(Candidate c, IReadOnlyList<string> words, Guid? serviceId)
    {
        var title = KnowledgeText.IndexOf(c.Title);
        var matched = words.Where(w => KnowledgeText.HasWordStartingWith(c.ReadingText, w)).ToList();
        var inTitle = matched.Count(w => KnowledgeText.HasWordStartingWith(title, w));
        var sameService = serviceId is { } s && c.ServiceIds.Contains(s);
        return (matched.Count * 10 + inTitle * 5 + (sameService ? 15 : 0), matched, sameService);
    }

    /// <summary>Words that carry meaning in a sentence someone types: at least three letters, and not the commonest English ones.</summary>
    public static IReadOnlyList<string> SuggestionWords(string? text) =>
        KnowledgeText.QueryWords(string.Join(' ', KnowledgeText.IndexOf(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 3 && !CommonWords.Contains(w))));

    static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "not", "but", "are", "was", "were", "has", "have", "had", "this", "that", "there", "from", "when", "what",
        "which", "who", "can", "cannot", "cant", "does", "doesnt", "dont", "isnt", "wont", "our", "your", "you", "they", "them", "its", "into",
        "after", "before", "since", "any", "all", "some", "please", "help", "need", "get", "got", "will", "would", "could", "should", "again",
    };

    /// <summary>The opening of an article as plain text: what a suggestion shows under its title.</summary>
    static string Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("```", StringComparison.Ordinal));
        var text = string.Join(' ', lines);
        text = new string(text.Where(ch => ch is not ('*' or '_' or '`' or '>')).ToArray());
        return text.Length <= 240 ? text : text[..239].TrimEnd() + "…";
    }
}
