using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

/// <summary>Runs the <see cref="WalCheckpointer"/> four times a second while the server runs on SQLite.</summary>
public sealed class SqliteCheckpoints(WalCheckpointer checkpointer, StartupGate startup, ILogger<SqliteCheckpoints> log) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await startup.Completion.WaitAsync(stoppingToken);
        }
        catch (Exception) when (!startup.IsOpen)
        {
            return; // start-up failed or the server is stopping: the database may not be there.
        }
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await checkpointer.RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // SQLite's own automatic checkpoint still bounds the log; try again next round.
                    log.LogWarning(e, "A background checkpoint of the SQLite log failed; the next round retries.");
                    checkpointer.Close();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            checkpointer.Close();
        }
    }
}
