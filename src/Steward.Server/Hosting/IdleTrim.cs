namespace Steward.Server.Hosting;

/// <summary>
/// Gives memory back to the operating system when the server goes quiet. Two seconds after the last
/// request, if enough was allocated since the last time, it runs one full compacting collection in
/// the GC's aggressive mode, which also releases the heap's free space. Under load it never runs;
/// a server that is idle most of the day (the usual case for a team's ITSM tool between bursts)
/// holds only what it uses.
/// </summary>
public sealed class IdleTrim(StewardOptions options, ILogger<IdleTrim> log) : BackgroundService
{
    static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    /// <summary>Bytes allocated since the last time below which a full, blocking collection would free too little to be worth it.</summary>
    internal long WorthTrimming { get; set; } = 16 * 1024 * 1024;

    long lastRequest = Environment.TickCount64;
    int trims;

    /// <summary>How many times memory has been released since start.</summary>
    public int Trims => Volatile.Read(ref trims);

    /// <summary>Called for every request; a single store, so it costs nothing measurable.</summary>
    public void Touch() => Volatile.Write(ref lastRequest, Environment.TickCount64);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.TrimMemoryWhenIdle) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        // From zero: the first quiet moment after start-up also releases start-up's garbage (the EF
        // model, migrations, the first queries' compilation).
        var trimmedAt = 0L;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (Environment.TickCount64 - Volatile.Read(ref lastRequest) < Quiet.TotalMilliseconds) continue;
            if (GC.GetTotalAllocatedBytes() - trimmedAt < WorthTrimming) continue;
            var before = Environment.WorkingSet;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            trimmedAt = GC.GetTotalAllocatedBytes();
            Interlocked.Increment(ref trims);
            log.LogDebug("Idle: collected and released memory; working set {Before} → {After} bytes.", before, Environment.WorkingSet);
        }
    }

    public sealed class Middleware(RequestDelegate next, IdleTrim trim)
    {
        public Task InvokeAsync(HttpContext http)
        {
            trim.Touch();
            return next(http);
        }
    }
}
