using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Steward.Core.Persistence;

/// <summary>
/// Copies a SQLite file's write-ahead log back into the database on a thread of its own, so that no
/// commit waits for it.
/// </summary>
/// <remarks>
/// <para>
/// Left to SQLite, the commit that takes the log past its mark copies the whole log and syncs the
/// file while it holds the write lock: with every save of the process waiting in line behind it, a
/// create's p99 was ~130 ms at 16 clients, each stall as long as a 40 MB copy (issue 5).
/// </para>
/// <para>
/// Here a passive checkpoint, which runs beside readers and writers, copies the bulk of the log.
/// Under a steady stream of writes it can never finish the log, since writers keep appending
/// frames, and SQLite starts the log over only once every frame is copied: so a second pass
/// copies the few frames written meanwhile while it holds the <see cref="WriteGate"/>, the
/// next commit then starts the log from the beginning, and the file stays bounded. The gate is
/// held for that short second pass only.
/// </para>
/// </remarks>
/// <param name="minimumPages">A log shorter than this (in pages of 4 KB) is copied without the gate and its last frames left for a later round.</param>
public sealed class WalCheckpointer(WriteGate gate, Func<DbConnection> openConnection, int minimumPages = WalCheckpointer.DefaultMinimumPages)
{
    /// <summary>8 MB: about half a second of creates at full speed, a fifth of SQLite's own mark (wal_autocheckpoint).</summary>
    public const int DefaultMinimumPages = 2_000;

    static readonly Histogram<double> Hold = WriteGate.Meter.CreateHistogram<double>(
        "steward.db.checkpoint.hold", "s", "Time a checkpoint's final pass held the SQLite write gate.");

    DbConnection? connection;

    /// <summary>One round: nothing when the log is short, otherwise both passes. Returns the pages copied.</summary>
    public async Task<long> RunAsync(CancellationToken ct)
    {
        connection ??= openConnection();
        var (log, copied) = Checkpoint(connection);
        if (log < minimumPages) return copied;
        using (await gate.EnterAsync(ct))
        {
            var entered = Stopwatch.GetTimestamp();
            var (_, rest) = Checkpoint(connection);
            if (Hold.Enabled) Hold.Record(Stopwatch.GetElapsedTime(entered).TotalSeconds);
            return copied + rest;
        }
    }

    /// <summary>A passive checkpoint: the log's length and how much of it is now in the database, in pages.</summary>
    static (long Log, long Copied) Checkpoint(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    public void Close()
    {
        connection?.Dispose();
        connection = null;
    }
}
