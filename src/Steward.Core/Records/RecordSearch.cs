using System.Text;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Persistence;

namespace Steward.Core.Records;

/// <summary>
/// One hit of full-text search: a record whose title, number or description matches ("r"), or one
/// of its public ("c") or internal ("i") comments. Not a table: SQLite answers it from an FTS5 index
/// kept by triggers, PostgreSQL from tsvector columns with GIN indexes (see the RecordSearch
/// migrations).
/// </summary>
public sealed class RecordSearchHit
{
    public Guid RecordId { get; init; }
    public required string Source { get; init; }
}

public static class RecordSearch
{
    /// <summary>
    /// The records whose text matches every word of <paramref name="text"/> (each as a prefix), in the
    /// record itself or in one of its comments, with where it matched: the caller keeps internal notes
    /// ("i") to those who may read them. Null when the text holds no word to search for.
    /// </summary>
    public static IQueryable<RecordSearchHit>? Hits(StewardDbContext db, string text)
    {
        var words = Words(text);
        if (words.Count == 0) return null;
        if (db.Provider is DatabaseProvider.Postgres)
        {
            var query = string.Join(" & ", words.Select(w => w + ":*"));
            var hits = db.Set<RecordSearchHit>().FromSql($"""
                SELECT "Id" AS "RecordId", 'r' AS "Source" FROM "WorkRecords" WHERE "Search" @@ to_tsquery('simple', {query})
                UNION ALL
                SELECT "RecordId", CASE WHEN "IsPublic" THEN 'c' ELSE 'i' END FROM "RecordComments" WHERE "Search" @@ to_tsquery('simple', {query})
                """);
            return hits;
        }
        var match = string.Join(" ", words.Select(w => $"\"{w}\"*"));
        var fts = db.Set<RecordSearchHit>().FromSql($"""SELECT "RecordId", "Source" FROM "RecordSearch" WHERE "RecordSearch" MATCH {match}""");
        return fts;
    }

    /// <summary>Letters and digits only, lower-cased, at most 8 words: nothing of the search syntax of either database gets through.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c)) current.Append(char.ToLowerInvariant(c));
            else Flush();
        }
        Flush();
        return words.Distinct().Take(8).ToList();

        void Flush()
        {
            if (current.Length > 0 && current.Length <= 64) words.Add(current.ToString());
            current.Clear();
        }
    }
}
