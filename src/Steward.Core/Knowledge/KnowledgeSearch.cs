using Microsoft.EntityFrameworkCore;

namespace Steward.Core.Knowledge;

/// <summary>
/// An article that SQLite's FTS5 index matches: the index's row is the article's (rowid), with the
/// published version's words in Reading and the working version's in Working, kept by triggers on
/// the articles (the KnowledgeBase migration). Rank is the rowid, the order articles were written
/// in, which FTS5 walks newest first. Not a table.
/// </summary>
public sealed class ArticleSearchRow
{
    public long Rank { get; init; }
    public Guid ArticleId { get; init; }
}

/// <summary>How many of the words must occur: all of them (a search), or any (suggestions, ranked afterwards).</summary>
public enum WordMatch
{
    All,
    Any,
}

/// <summary>
/// Full-text matching of articles with the same meaning on both databases: each word of the query
/// (<see cref="KnowledgeText.QueryWords"/>) matches as a prefix a word of the indexed text, which
/// <see cref="KnowledgeText"/> made, not the databases' tokenizers. Readers match the published
/// text; the members of an article's community also the version in the works.
/// </summary>
public static class KnowledgeSearch
{
    /// <summary>SQLite: articles whose published text, or with <paramref name="readingOnly"/> false either text, has the words.</summary>
    public static IQueryable<ArticleSearchRow> SqliteRows(StewardDbContext db, IReadOnlyList<string> words, WordMatch match, bool readingOnly)
    {
        // "w"* is a prefix; the words hold letters and digits only, so nothing of FTS5's syntax comes from the user.
        var expression = string.Join(match is WordMatch.All ? " AND " : " OR ", words.Select(w => $"\"{w}\"*"));
        var query = readingOnly ? $"\"Reading\" : ({expression})" : expression;
        return db.Set<ArticleSearchRow>().FromSql($"""SELECT rowid AS "Rank", "ArticleId" FROM "ArticleSearch" WHERE "ArticleSearch" MATCH {query}""");
    }

    /// <summary>
    /// PostgreSQL: the articles whose published text has the words, or, in <paramref name="memberOf"/>
    /// communities (every community with <paramref name="everyCommunity"/>), whose published or working text has.
    /// </summary>
    public static IQueryable<KnowledgeArticle> PostgresMatching(StewardDbContext db, IReadOnlyList<string> words, WordMatch match,
        IReadOnlyCollection<Guid> memberOf, bool everyCommunity)
    {
        var query = string.Join(match is WordMatch.All ? " & " : " | ", words.Select(w => w + ":*"));
        if (memberOf.Count == 0 && !everyCommunity)
            return db.KnowledgeArticles.FromSql($"""
                SELECT * FROM "KnowledgeArticles" WHERE "ReadingSearch" @@ to_tsquery('simple', {query})
                """);
        // Either text's words are the two vectors joined, but joining them on every row walked costs
        // more than the search (17 ms of 100k articles' rows for a word in 2.5 % of them). So the
        // condition also says it without the join, which PostgreSQL tests first: any of several words
        // is in the join exactly when the working vector or the published one has one of them, and all
        // of them exactly when each word is in one vector or the other (12 ms; 6 instead of 10 ms for
        // two words). The join stays in the condition for the GIN index on it to find rare words.
        // Parameters: {0} the whole query, {1}… each word, then the communities.
        var without = match is WordMatch.Any || words.Count == 1
            ? "\"WorkingSearch\" @@ to_tsquery('simple', {0})"
            : string.Join(" AND ", words.Select((_, i) =>
                $"(\"ReadingSearch\" @@ to_tsquery('simple', {{{i + 1}}}) OR \"WorkingSearch\" @@ to_tsquery('simple', {{{i + 1}}}))"));
        var community = everyCommunity ? "" : $"\"CommunityId\" = ANY({{{words.Count + 1}}}) AND ";
        var sql = $$"""
            SELECT * FROM "KnowledgeArticles"
            WHERE "ReadingSearch" @@ to_tsquery('simple', {0})
               OR ({{community}}{{without}} AND ("ReadingSearch" || "WorkingSearch") @@ to_tsquery('simple', {0}))
            """;
        // Every value is a parameter; the words are letters and digits only (KnowledgeText.QueryWords).
        List<object> parameters = [query, .. words.Select(w => w + ":*")];
        if (!everyCommunity) parameters.Add(memberOf.ToArray());
        return db.KnowledgeArticles.FromSqlRaw(sql, [.. parameters]);
    }
}
