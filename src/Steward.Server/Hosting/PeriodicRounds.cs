namespace Steward.Server.Hosting;

/// <summary>
/// Background work done in rounds, one every <see cref="Every"/>, once start-up work is done. A round
/// that fails is logged and the next one tries again: the work is one that a later round can catch up.
/// </summary>
public abstract class PeriodicRounds(StartupGate startup, ILogger log) : BackgroundService
{
    protected abstract TimeSpan Every { get; }

    /// <summary>What the rounds do, for the log: "Indexing new records for search".</summary>
    protected abstract string Work { get; }

    protected abstract Task RoundAsync(CancellationToken ct);

    /// <summary>After a failed round, before the next one (say, to drop a connection that may be broken).</summary>
    protected virtual void Reset() { }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await startup.WaitOpenAsync(stoppingToken)) return;
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                try
                {
                    await RoundAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning(e, "{Work} failed; the next round tries again.", Work);
                    Reset();
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a round cut short (cancelled, or its gate or connection already gone) is not a failure.
        }
        finally
        {
            Reset();
        }
    }
}
