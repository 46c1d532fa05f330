using System.Text;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Persistence;

namespace Steward.Core.Records;

/// <summary>
/// One hit of PostgreSQL's full-text search: a record whose title, number or description matches
/// ("r"), or one of its public ("c") or internal ("i") comments, from tsvector columns with GIN
/// indexes (the RecordSearch migration). Not a table.
/// </summary>
public sealed class RecordSearchHit
{
    public Guid RecordId { get; init; }
    public required string Source { get; init; }
}

/// <summary>
/// One record that SQLite's FTS5 index matches: one row per record (its number, title, description
/// and public comments in Body, its internal notes in Internal), kept by triggers. Rank is the
/// record's rowid, the order records were logged in, which FTS5 can walk newest first and stop after
/// a page (the RecordSearchPerRecord migration). Not a table.
/// </summary>
public sealed class RecordSearchRow
{
    public long Rank { get; init; }
    public Guid RecordId { get; init; }
}

public static class RecordSearch
{
    /// <summary>
    /// PostgreSQL: the records whose text holds <paramref name="word"/> (as a prefix), in the record
    /// itself or in one of its comments, with where it matched: the caller keeps internal notes ("i")
    /// to those who may read them, and asks once per word of a search (<see cref="Words"/>).
    /// </summary>
    public static IQueryable<RecordSearchHit> Hits(StewardDbContext db, string word)
    {
        var query = word + ":*";
        return db.Set<RecordSearchHit>().FromSql($"""
            SELECT "Id" AS "RecordId", 'r' AS "Source" FROM "WorkRecords" WHERE "Search" @@ to_tsquery('simple', {query})
            UNION ALL
            SELECT "RecordId", CASE WHEN "IsPublic" THEN 'c' ELSE 'i' END FROM "RecordComments" WHERE "Search" @@ to_tsquery('simple', {query})
            """);
    }

    /// <summary>
    /// SQLite: the records in which every word of <paramref name="text"/> (each as a prefix) occurs
    /// somewhere in the record and its comments, or, with <paramref name="publicOnly"/>, somewhere
    /// outside its internal notes. Null when the text holds no word.
    /// </summary>
    public static IQueryable<RecordSearchRow>? Rows(StewardDbContext db, string text, bool publicOnly)
    {
        var words = Words(text);
        if (words.Count == 0) return null;
        // "w"* is a prefix phrase; "Body : phrase" keeps a phrase to the public column. The words
        // hold letters and digits only (Words), so nothing of the query syntax comes from the user.
        var match = string.Join(" ", words.Select(w => publicOnly ? $"\"Body\" : \"{w}\"*" : $"\"{w}\"*"));
        return db.Set<RecordSearchRow>().FromSql($"""SELECT rowid AS "Rank", "RecordId" FROM "RecordSearch" WHERE "RecordSearch" MATCH {match}""");
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
