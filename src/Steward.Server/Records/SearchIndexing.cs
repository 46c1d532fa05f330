using Steward.Core.Identity;
using Steward.Core.Records;
using Steward.Server.Hosting;

namespace Steward.Server.Records;

/// <summary>
/// On SQLite, indexes the records logged since the last round four times a second
/// (<see cref="RecordSearch.SqliteIndexPending"/>), hundreds in one full-text segment. A search does
/// the same before it reads the index, so this only keeps that search from finding a backlog.
/// </summary>
public sealed class SearchIndexing(IServiceScopeFactory scopes, StartupGate startup, ILogger<SearchIndexing> log) : BackgroundService
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
            return; // start-up failed or the server is stopping: there is no database to work on.
        }
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<Actor>().BecomeSystem();
                    await RecordSearch.IndexPendingAsync(scope.ServiceProvider.GetRequiredService<Core.StewardDbContext>(), stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Indexing new records for search failed; the next round retries.");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
