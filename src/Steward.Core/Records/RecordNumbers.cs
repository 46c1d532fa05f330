using Microsoft.EntityFrameworkCore;

namespace Steward.Core.Records;

/// <summary>
/// Hands out record numbers without a write per record, so that creating a record stays a save
/// that only inserts (the fast path of <see cref="Persistence.InsertOnlySave"/>).
/// </summary>
/// <remarks>
/// On SQLite one server owns the file (its writes are serialised in-process), so the numbers
/// continue from the highest one stored and count in memory: no gaps. On PostgreSQL several
/// servers may share the database; each reserves blocks of <see cref="Block"/> from the counter
/// row in a statement of its own, so numbers are unique but a server that stops leaves the rest of
/// its block unused, and two servers' records interleave out of order within a few numbers.
/// </remarks>
public sealed class RecordNumbers : IDisposable
{
    public const int Block = 20;

    sealed class Range : IDisposable
    {
        public readonly SemaphoreSlim Refill = new(1, 1);
        public long Next, End;

        public void Dispose() => Refill.Dispose();
    }

    readonly Dictionary<RecordKind, Range> ranges = Enum.GetValues<RecordKind>().ToDictionary(k => k, _ => new Range());

    public void Dispose()
    {
        foreach (var range in ranges.Values) range.Dispose();
    }

    public async ValueTask<long> NextAsync(StewardDbContext db, RecordKind kind, CancellationToken ct)
    {
        var range = ranges[kind];
        while (true)
        {
            lock (range)
                if (range.Next < range.End) return range.Next++;
            await range.Refill.WaitAsync(ct);
            try
            {
                bool empty;
                lock (range) empty = range.Next >= range.End;
                if (!empty) continue;
                var (from, to) = await ReserveAsync(db, kind, ct);
                lock (range) (range.Next, range.End) = (from, to);
            }
            finally
            {
                range.Refill.Release();
            }
        }
    }

    static async Task<(long From, long To)> ReserveAsync(StewardDbContext db, RecordKind kind, CancellationToken ct)
    {
        if (db.Provider is Persistence.DatabaseProvider.Sqlite)
        {
            var highest = await db.WorkRecords.IgnoreQueryFilters().Where(r => r.Kind == kind).MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
            return (highest + 1, long.MaxValue);
        }
        // One statement: the row lock it takes is held for no longer than the statement itself.
        var next = await db.Database.SqlQuery<long>($"""
            INSERT INTO "RecordCounters" ("Kind", "Next") VALUES ({kind.ToString()}, {1 + Block})
            ON CONFLICT ("Kind") DO UPDATE SET "Next" = "RecordCounters"."Next" + {Block}
            RETURNING "Next" AS "Value"
            """).ToListAsync(ct);
        return (next[0] - Block, next[0]);
    }
}
