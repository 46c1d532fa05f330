using System.Text;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Persistence;

namespace Steward.Core.Records;

/// <summary>
/// One record that SQLite's FTS5 index matches: one row per record (its number, title, description
/// and public comments in Body, its internal notes in Internal), kept by triggers and, for new
/// records, by <see cref="RecordSearch.SqliteIndexPending"/>. Rank is the
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
    /// <summary>Records indexed per transaction by <see cref="IndexPendingAsync"/>: a large backlog (a bulk load) releases the write gate in between.</summary>
    public const int PendingChunk = 10_000;

    /// <summary>
    /// SQLite: indexes up to <see cref="PendingChunk"/> of the records logged since the last time and
    /// takes them off the list. A record that a comment or an edit indexed meanwhile (their triggers
    /// write its row at once) is left as it is.
    /// </summary>
    /// <remarks>
    /// A new record's row used to be written by its insert trigger. FTS5 writes its pending terms
    /// out as a new segment at every statement savepoint, and an insert that fires a trigger opens
    /// one, so each create wrote, and later merged, a segment of its own: a quarter of the SQLite
    /// writer's time (issue 5). Now the trigger only notes the record's rowid in
    /// RecordSearchPending, and this statement indexes the records noted, hundreds in one segment.
    /// A search runs it first (so a search finds every record committed before it), and so does
    /// the server a few times a second (<c>SearchIndexing</c>).
    /// </remarks>
    public static readonly string SqliteIndexPending = $$"""
        INSERT INTO "RecordSearch" (rowid, "RecordId", "Body")
        SELECT w.rowid, w."Id", w."Number" || ' ' || w."Title" || ' ' || coalesce(w."Description", '')
        FROM (SELECT "RecordRowId" FROM "RecordSearchPending" ORDER BY "RecordRowId" LIMIT {{PendingChunk}}) p
        CROSS JOIN "WorkRecords" w ON w.rowid = p."RecordRowId"
        WHERE NOT EXISTS (SELECT 1 FROM "RecordSearch" s WHERE s.rowid = w.rowid);
        DELETE FROM "RecordSearchPending" WHERE "RecordRowId" IN
            (SELECT "RecordRowId" FROM "RecordSearchPending" ORDER BY "RecordRowId" LIMIT {{PendingChunk}});
        """;

    /// <summary>Whether a record waits to be indexed (SQLite).</summary>
    public const string SqliteAnyPending = """SELECT EXISTS (SELECT 1 FROM "RecordSearchPending") AS "Value" """;

    /// <summary>
    /// SQLite: indexes every record logged since the last time (<see cref="SqliteIndexPending"/>),
    /// a chunk per write transaction; on PostgreSQL, where a record's search vector is its own
    /// column, nothing. Returns whether there was anything to index.
    /// </summary>
    public static async Task<bool> IndexPendingAsync(StewardDbContext db, CancellationToken ct)
    {
        if (db.Provider is not DatabaseProvider.Sqlite) return false;
        var any = false;
        // Looked at outside the gate: most of the time there is nothing, and a read costs no writer its turn.
        while (await db.Database.SqlQueryRaw<bool>(SqliteAnyPending).SingleAsync(ct))
        {
            any = true;
            await db.InWriteTransactionAsync(c => db.Database.ExecuteSqlRawAsync(SqliteIndexPending, c), ct);
        }
        return any;
    }

    /// <summary>
    /// PostgreSQL: the records in which every word of <paramref name="text"/> (each as a prefix)
    /// occurs somewhere in the record and its comments; internal notes count only on records of the
    /// providers the actor sees. Null when the text holds no word. The match is a condition on the
    /// record's own row: a record's vector ("Search", generated from its number, title and
    /// description) joined with the vectors of its public comments and internal notes, which a
    /// trigger on the comments keeps on the record (the SearchRecordsWithComments migration), each
    /// join with a GIN index of its own. So the planner can read a page newest first along the
    /// primary key and stop when it is full (a common word), or fetch a rare word's few records from
    /// the index and sort them: it has statistics of both expressions to choose.
    /// </summary>
    /// <remarks>
    /// The records are the root of the query, as a subquery PostgreSQL folds into the outer one,
    /// so every filter and the page's order apply to the same scan. Searching each word's hits in
    /// a subquery of their own read every hit (344,000 records for "error" at 1M incidents: 1 s).
    /// </remarks>
    public static IQueryable<WorkRecord>? MatchingPostgres(StewardDbContext db, string text)
    {
        var words = Words(text);
        if (words.Count == 0) return null;
        // Letters and digits only (Words): nothing of the tsquery syntax comes from the user.
        var query = string.Join(" & ", words.Select(w => w + ":*"));
        if (db.Actor.SeesAll)
            return db.WorkRecords.FromSql($"""
                SELECT * FROM "WorkRecords" WHERE ("Search" || "PublicNotes" || "InternalNotes") @@ to_tsquery('simple', {query})
                """);
        var visible = db.Actor.VisibleOrganizationIds.ToArray();
        return db.WorkRecords.FromSql($"""
            SELECT * FROM "WorkRecords"
            WHERE ("Search" || "PublicNotes") @@ to_tsquery('simple', {query})
               OR ("ProviderId" = ANY({visible}) AND ("Search" || "PublicNotes" || "InternalNotes") @@ to_tsquery('simple', {query}))
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
