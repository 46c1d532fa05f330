using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Steward.Core.Finance;
using Steward.Core.Persistence;
using Steward.Server.Hosting;

namespace Steward.Server.Operations;

/// <summary>
/// <c>--rebuild-work-log-months</c>: rebuilds the work log's monthly rollup, which the P&amp;L and the
/// money measures read, from the work log itself, on the database the configuration names; runs
/// instead of the server and exits. Safe beside a running server: one transaction that other writers
/// of the rollup wait for (docs/operations.md).
/// </summary>
public static class RollupCommands
{
    public const string Rebuild = "--rebuild-work-log-months";

    public static Func<Task<int>>? Find(string[] args, IConfiguration configuration, StewardOptions options) =>
        args.Contains(Rebuild) ? () => RebuildAsync(configuration, options) : null;

    static async Task<int> RebuildAsync(IConfiguration configuration, StewardOptions options)
    {
        var started = Stopwatch.StartNew();
        try
        {
            await using DbConnection connection = options.Database is DatabaseProvider.Postgres
                ? new NpgsqlConnection(BackupCommands.PostgresConnection(configuration))
                : new SqliteConnection(DatabaseSetup.SqliteConnectionString(Path.Combine(options.FullDataDirectory, BackupCommands.SqliteFile)));
            if (connection is SqliteConnection && !File.Exists(Path.Combine(options.FullDataDirectory, BackupCommands.SqliteFile)))
                throw new InvalidOperationException($"There is no database in {options.FullDataDirectory}; check Steward__DataDirectory.");
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var statement in new[] { WorkLogRollup.LockForRebuild(options.Database) }.OfType<string>()
                .Concat(WorkLogRollup.RebuildStatements(options.Database, oneProvider: false)))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync();
            }
            await using (var count = connection.CreateCommand())
            {
                count.Transaction = transaction;
                count.CommandText = $"""SELECT count(*) FROM "{WorkLogRollup.Table}" """;
                var rows = Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                await transaction.CommitAsync();
                Console.WriteLine($"Rebuilt the work log's monthly rollup: {rows:N0} rows in {started.Elapsed.TotalSeconds:F1} s.");
            }
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or SqliteException or NpgsqlException)
        {
            await Console.Error.WriteLineAsync("Failed: " + e.Message);
            return 1;
        }
    }
}
