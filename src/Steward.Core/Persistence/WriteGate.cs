namespace Steward.Core.Persistence;

/// <summary>
/// Serialises SaveChanges within this process on SQLite. SQLite admits one writer at a time; left
/// to the driver's busy-retry, 16 concurrent writers stall each other for ~150 ms. Waiting in line
/// in memory costs microseconds. On PostgreSQL the gate is open.
/// </summary>
public sealed class WriteGate
{
    readonly SemaphoreSlim? gate;

    WriteGate(bool serialise) => gate = serialise ? new SemaphoreSlim(1, 1) : null;

    public static WriteGate Serialised() => new(true);
    public static WriteGate Open() => new(false);

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (gate is null) return default;
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(gate);
    }

    public Releaser Enter()
    {
        if (gate is null) return default;
        gate.Wait();
        return new Releaser(gate);
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
