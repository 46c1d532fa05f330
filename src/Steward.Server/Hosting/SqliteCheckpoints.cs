using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

/// <summary>Runs the <see cref="WalCheckpointer"/> four times a second while the server runs on SQLite.</summary>
/// <remarks>SQLite's own automatic checkpoint still bounds the log while a round fails.</remarks>
public sealed class SqliteCheckpoints(WalCheckpointer checkpointer, StartupGate startup, ILogger<SqliteCheckpoints> log)
    : PeriodicRounds(startup, log)
{
    protected override TimeSpan Every => TimeSpan.FromMilliseconds(250);

    protected override string Work => "A background checkpoint of the SQLite log";

    protected override Task RoundAsync(CancellationToken ct) => checkpointer.RunAsync(ct);

    protected override void Reset() => checkpointer.Close();
}
