using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Upgrades;

/// <summary>
/// The current server started on a copy of a release's database: on SQLite the release's file is
/// put in the empty data folder, on PostgreSQL its SQL is loaded into the new database, before the
/// server starts and migrates it as it would after an operator's upgrade.
/// </summary>
/// <remarks>
/// The SLA worker stays off: the release left clocks whose escalations fall due later (hours of
/// office time), and firing them while the answers are compared would change the records under the
/// comparison. What is compared is what the release stored, read by the new server.
/// </remarks>
public sealed class UpgradedApp(ReleaseFixture release) : StewardApp
{
    protected override async Task PrepareDatabaseAsync(string dataDirectory, string? postgresConnectionString)
    {
        if (postgresConnectionString is null)
        {
            Directory.CreateDirectory(dataDirectory);
            await release.WriteSqliteDatabaseAsync(Path.Combine(dataDirectory, "steward.db"));
            return;
        }
        // One connection of its own: the script sets search_path for its session.
        var connectionString = new NpgsqlConnectionStringBuilder(postgresConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The release's own dump, from the fixture folder.
        command.CommandText = await release.PostgresScriptAsync();
#pragma warning restore CA2100
        command.CommandTimeout = 120;
        await command.ExecuteNonQueryAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Steward:RunSlaWorker", "false");
    }
}
