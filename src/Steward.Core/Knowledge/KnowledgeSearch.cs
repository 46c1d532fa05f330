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
        // Either text's words: the two vectors joined. For one word, or any of several, the join has
        // them exactly when one of the vectors has, so the working vector alone is tested first and
        // spares most rows the join (12 ms instead of 17 for a word in 2.5 % of 100k articles, walked
        // newest first); the join stays, for the GIN index on it to find rare words. All of several
        // words may be spread over the two texts: only the join says.
        var eitherAlone = match is WordMatch.Any || words.Count == 1;
        if (everyCommunity)
            return eitherAlone
                ? db.KnowledgeArticles.FromSql($"""
                    SELECT * FROM "KnowledgeArticles"
                    WHERE "ReadingSearch" @@ to_tsquery('simple', {query})
                       OR ("WorkingSearch" @@ to_tsquery('simple', {query}) AND ("ReadingSearch" || "WorkingSearch") @@ to_tsquery('simple', {query}))
                    """)
                : db.KnowledgeArticles.FromSql($"""
                    SELECT * FROM "KnowledgeArticles" WHERE ("ReadingSearch" || "WorkingSearch") @@ to_tsquery('simple', {query})
                    """);
        var communities = memberOf.ToArray();
        return eitherAlone
            ? db.KnowledgeArticles.FromSql($"""
                SELECT * FROM "KnowledgeArticles"
                WHERE "ReadingSearch" @@ to_tsquery('simple', {query})
                   OR ("CommunityId" = ANY({communities}) AND "WorkingSearch" @@ to_tsquery('simple', {query})
                       AND ("ReadingSearch" || "WorkingSearch") @@ to_tsquery('simple', {query}))
                """)
            : db.KnowledgeArticles.FromSql($"""
                SELECT * FROM "KnowledgeArticles"
                WHERE "ReadingSearch" @@ to_tsquery('simple', {query})
                   OR ("CommunityId" = ANY({communities}) AND ("ReadingSearch" || "WorkingSearch") @@ to_tsquery('simple', {query}))
                """);
    }
}
