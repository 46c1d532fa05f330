using Steward.Operations.Tests.Infrastructure;
using Steward.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Steward.Operations.Tests.Durability;

/// <summary>
/// A server killed with kill -9 while eight clients create incidents, comment and edit under ETags:
/// started again on the same data, it has every write it acknowledged, three times over. (SQLite
/// commits in WAL mode with synchronous=NORMAL, which keeps every commit across a process crash;
/// PostgreSQL commits are durable when acknowledged.)
/// </summary>
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public Task On_SQLite_every_acknowledged_write_survives_kill_9_under_write_load() => KillThreeTimesAsync(Store.Sqlite);

    [PostgresFact]
    public Task On_PostgreSQL_every_acknowledged_write_survives_kill_9_under_write_load() => KillThreeTimesAsync(Store.Postgres);

    async Task KillThreeTimesAsync(string database)
    {
        await using var store = await Store.CreateAsync(database);
        var server = ServerProcess.Start(store, "kill-0");
        await server.WaitReadyAsync();
        var world = await DeskWorld.CreateAsync(server.Client());
        var current = server.Client();
        var load = new WriteLoad(world, _ => Volatile.Read(ref current));

        using var stop = new CancellationTokenSource();
        var writing = load.RunAsync(8, "kill", stop.Token);
        for (var round = 1; round <= 3; round++)
        {
            var before = load.Creates.Count;
            await WriteLoad.WaitUntilAsync(() => load.Creates.Count >= before + 150, TimeSpan.FromSeconds(60));
            await server.KillAsync();
            await server.DisposeAsync();
            server = ServerProcess.Start(store, $"kill-{round}");
            await server.WaitReadyAsync();
            Volatile.Write(ref current, server.Client());
        }
        await WriteLoad.WaitUntilAsync(() => load.Creates.Count >= 600, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await writing;

        var missing = await Acknowledged.FindMissingAsync(server.Client(), load);
        await server.DisposeAsync();
        output.WriteLine($"3 kills; {load.Failures} writes failed or were refused meanwhile; {missing}");
        Assert.True(missing.Problems.Count == 0, missing.ToString());
        Assert.True(load.Creates.Count >= 600, $"Only {load.Creates.Count} creates were acknowledged.");
        Assert.True(load.Failures > 0, "No write failed: the kills did not land while the clients were writing.");
    }
}
