using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Steward.Server.Hosting;

/// <summary>
/// Reports each migration to the gate as EF Core starts it: an upgrade that rewrites a large table
/// takes minutes, and <c>/ready</c> then says which step it is on. EF Core applies all pending
/// migrations in one call; it announces each on its diagnostic listener.
/// </summary>
sealed class MigrationProgress : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    readonly List<string> pending;
    readonly IMigrator migrator;
    readonly StartupGate gate;
    readonly IDisposable allListeners;
    readonly List<IDisposable> subscriptions = [];

    MigrationProgress(List<string> pending, IMigrator migrator, StartupGate gate)
    {
        this.pending = pending;
        this.migrator = migrator;
        this.gate = gate;
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <param name="migrator">The migrator of the context that migrates: another server in the same process (tests) reports nothing here.</param>
    public static IDisposable Observe(List<string> pending, IMigrator migrator, StartupGate gate) => new MigrationProgress(pending, migrator, gate);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name != DbLoggerCategory.Name) return;
        lock (subscriptions) subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.MigrationApplying.Name));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is not MigrationEventData data || !ReferenceEquals(data.Migrator, migrator)) return;
        var id = data.Migration.GetType().GetCustomAttribute<MigrationAttribute>()?.Id ?? "";
        var index = pending.IndexOf(id);
        if (index < 0) return;
        gate.Report($"Applying migration {index + 1} of {pending.Count} ({id})", (double)index / pending.Count);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions) subscriptions.ForEach(s => s.Dispose());
    }
}

/// <summary>
/// The demo replay's progress: to the gate (for <c>/ready</c> and the preparing page) at every step,
/// and to the log at every tenth, so that a first start's log shows it is moving without a line per record.
/// </summary>
sealed class DemoReplayProgress(StartupGate gate, ILogger log)
{
    const string Phase = "Replaying 90 days of demo incidents and requests";
    int loggedTenths;

    /// <summary>A part of the replay that covers [<paramref name="from"/>, <paramref name="to"/>) of the whole; it reports its own 0–1.</summary>
    public Action<double> Part(double from, double to) => fraction => Report(from + (to - from) * Math.Clamp(fraction, 0, 1));

    void Report(double fraction)
    {
        gate.Report(Phase, fraction);
        var tenths = (int)Math.Floor(fraction * 10);
        if (tenths <= loggedTenths || tenths >= 10) return;
        loggedTenths = tenths;
        log.LogInformation("Demo data: {Percent} % replayed", tenths * 10);
    }
}
