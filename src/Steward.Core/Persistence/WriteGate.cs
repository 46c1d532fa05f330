using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Steward.Core.Persistence;

/// <summary>
/// Serialises writes within this process on SQLite. SQLite admits one writer at a time; left to the
/// driver's busy-retry, 16 concurrent writers stall each other for ~150 ms. Waiting in line in
/// memory costs microseconds. Saves that only insert go to one writer thread that commits them in
/// groups (<see cref="GroupWriter"/>); other saves take the semaphore themselves. On PostgreSQL the
/// gate is open.
/// </summary>
/// <remarks>
/// The time a write waits for the gate and the time the gate is held (once per save, or once per
/// group of inserts) are published as the histograms <c>steward.db.write_gate.wait</c> and
/// <c>steward.db.write_gate.hold</c> (seconds).
/// </remarks>
public sealed class WriteGate : IDisposable
{
    public const string MeterName = "Steward.Database";

    /// <summary>The SQLite write path's instruments: the gate's here, the checkpoint's in <see cref="WalCheckpointer"/>.</summary>
    internal static readonly Meter Meter = new(MeterName);
    static readonly Histogram<double> Wait = Meter.CreateHistogram<double>("steward.db.write_gate.wait", "s", "Time a write waited for the SQLite write gate.");
    static readonly Histogram<double> Hold = Meter.CreateHistogram<double>("steward.db.write_gate.hold", "s", "Time a write, or a group of inserts, held the SQLite write gate.");

    readonly SemaphoreSlim? gate;
    readonly GroupWriter? writer;

    WriteGate(Func<DbConnection>? openWriterConnection)
    {
        if (openWriterConnection is null) return;
        gate = new SemaphoreSlim(1, 1);
        writer = new GroupWriter(gate, openWriterConnection);
    }

    /// <param name="openWriterConnection">
    /// Opens the writer thread's own connection to the same database, configured as the contexts'
    /// connections are; it stays open while the gate lives.
    /// </param>
    public static WriteGate Serialised(Func<DbConnection> openWriterConnection) => new(openWriterConnection);

    public static WriteGate Open() => new(null);

    /// <summary>Writes a save that only inserts: grouped on SQLite, in its own transaction otherwise.</summary>
    internal async Task<int> InsertAsync(InsertOnlySave.Batch batch, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        if (writer is null) await batch.ExecuteAsync(ct);
        else await writer.WriteAsync(batch);
        return batch.Complete(acceptAllChangesOnSuccess);
    }

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (gate is null) return default;
        var asked = Stopwatch.GetTimestamp();
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return Entered(asked);
    }

    public Releaser Enter()
    {
        if (gate is null) return default;
        var asked = Stopwatch.GetTimestamp();
        gate.Wait();
        return Entered(asked);
    }

    Releaser Entered(long asked)
    {
        var now = Stopwatch.GetTimestamp();
        RecordWait(asked, now);
        return new Releaser(gate, now);
    }

    internal static void RecordWait(long asked, long entered)
    {
        if (Wait.Enabled) Wait.Record(Stopwatch.GetElapsedTime(asked, entered).TotalSeconds);
    }

    internal static void RecordHold(long entered)
    {
        if (Hold.Enabled) Hold.Record(Stopwatch.GetElapsedTime(entered).TotalSeconds);
    }

    public void Dispose() => writer?.Dispose();

    public readonly struct Releaser(SemaphoreSlim? gate, long enteredAt) : IDisposable
    {
        public void Dispose()
        {
            if (gate is null) return;
            RecordHold(enteredAt);
            gate.Release();
        }
    }
}
