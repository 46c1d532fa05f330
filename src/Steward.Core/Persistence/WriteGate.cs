using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Steward.Core.Persistence;

/// <summary>
/// Serialises SaveChanges within this process on SQLite. SQLite admits one writer at a time; left
/// to the driver's busy-retry, 16 concurrent writers stall each other for ~150 ms. Waiting in line
/// in memory costs microseconds. On PostgreSQL the gate is open.
/// </summary>
/// <remarks>
/// The time a write waits for the gate and the time it holds it are published as the histograms
/// <c>steward.db.write_gate.wait</c> and <c>steward.db.write_gate.hold</c> (seconds): when writes
/// queue, the hold time says how many writes per second one SQLite file can take.
/// </remarks>
public sealed class WriteGate
{
    public const string MeterName = "Steward.Database";

    static readonly Meter Meter = new(MeterName);
    static readonly Histogram<double> Wait = Meter.CreateHistogram<double>("steward.db.write_gate.wait", "s", "Time a write waited for the SQLite write gate.");
    static readonly Histogram<double> Hold = Meter.CreateHistogram<double>("steward.db.write_gate.hold", "s", "Time a write held the SQLite write gate.");

    readonly SemaphoreSlim? gate;

    WriteGate(bool serialise) => gate = serialise ? new SemaphoreSlim(1, 1) : null;

    public static WriteGate Serialised() => new(true);
    public static WriteGate Open() => new(false);

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
        if (Wait.Enabled) Wait.Record(Stopwatch.GetElapsedTime(asked, now).TotalSeconds);
        return new Releaser(gate, now);
    }

    public readonly struct Releaser(SemaphoreSlim? gate, long enteredAt) : IDisposable
    {
        public void Dispose()
        {
            if (gate is null) return;
            if (Hold.Enabled) Hold.Record(Stopwatch.GetElapsedTime(enteredAt).TotalSeconds);
            gate.Release();
        }
    }
}
