using Steward.Core.Identity;
using Steward.Core.Records;
using Steward.Server.Hosting;

namespace Steward.Server.Records;

/// <summary>
/// On SQLite, indexes the records logged since the last round four times a second
/// (<see cref="RecordSearch.SqliteIndexPending"/>), hundreds in one full-text segment. A search does
/// the same before it reads the index, so this only keeps a search from finding a backlog.
/// </summary>
public sealed class SearchIndexing(IServiceScopeFactory scopes, StartupGate startup, ILogger<SearchIndexing> log)
    : PeriodicRounds(startup, log)
{
    protected override TimeSpan Every => TimeSpan.FromMilliseconds(250);

    protected override string Work => "Indexing new records for search";

    protected override async Task RoundAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().BecomeSystem();
        await RecordSearch.IndexPendingAsync(scope.ServiceProvider.GetRequiredService<Core.StewardDbContext>(), ct);
    }
}
