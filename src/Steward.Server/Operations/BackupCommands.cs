using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Steward.Core.Persistence;
using Steward.Server.Hosting;

namespace Steward.Server.Operations;

/// <summary>
/// <c>--backup PATH</c> and <c>--restore PATH [--force]</c>: the server's own commands for a
/// consistent copy of everything it keeps (records, attachments, the audit journal, access tokens and
/// the data-protection keys that sign people's cookies all live in the database), on the database the
/// configuration names. They run instead of the server and exit.
/// <list type="bullet">
/// <item>SQLite: <c>VACUUM INTO</c> reads one snapshot while the server goes on writing; a restore puts
/// the file into the data directory, which no server may be using at the time (<see cref="DataDirectoryLock"/>).</item>
/// <item>PostgreSQL: <c>pg_dump --format=custom</c> (one snapshot as well) and <c>pg_restore</c> into an empty database.</item>
/// </list>
/// </summary>
public static class BackupCommands
{
    /// <summary>The command the arguments ask for, or null for a normal start.</summary>
    public static Func<Task<int>>? Find(string[] args, IConfiguration configuration, StewardOptions options)
    {
        var force = args.Contains("--force");
        if (configuration["backup"] is { Length: > 0 } backup) return () => RunAsync(() => BackupAsync(options, configuration, Path.GetFullPath(backup)));
        if (configuration["restore"] is { Length: > 0 } restore) return () => RunAsync(() => RestoreAsync(options, configuration, Path.GetFullPath(restore), force));
        return null;
    }

    static async Task<int> RunAsync(Func<Task<string>> command)
    {
        try
        {
            Console.WriteLine(await command());
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or SqliteException or NpgsqlException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync("Failed: " + e.Message);
            return 1;
        }
    }

    static Task<string> BackupAsync(StewardOptions options, IConfiguration configuration, string path) =>
        options.Database is DatabaseProvider.Postgres
            ? PostgresBackupAsync(PostgresConnection(configuration), path)
            : SqliteBackupAsync(options.FullDataDirectory, path);

    static Task<string> RestoreAsync(StewardOptions options, IConfiguration configuration, string path, bool force) =>
        options.Database is DatabaseProvider.Postgres
            ? PostgresRestoreAsync(PostgresConnection(configuration), path, force)
            : SqliteRestoreAsync(options.FullDataDirectory, path, force);

    // --- SQLite ------------------------------------------------------------------------------

    public const string SqliteFile = "steward.db";

    /// <summary>
    /// A consistent copy of a live SQLite database. VACUUM INTO reads inside one read transaction: it
    /// sees every commit made before it began and none after, beside a server that keeps writing (WAL).
    /// </summary>
    public static async Task<string> SqliteBackupAsync(string dataDirectory, string path)
    {
        var source = Path.Combine(dataDirectory, SqliteFile);
        if (!File.Exists(source)) throw new InvalidOperationException($"There is no database at {source}; check Steward__DataDirectory.");
        if (File.Exists(path)) throw new InvalidOperationException($"{path} exists; a backup never overwrites a file. Choose a new name.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var started = Stopwatch.StartNew();
        var partial = path + ".partial";
        File.Delete(partial);
        await using (var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(source)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $path";
            command.Parameters.AddWithValue("$path", partial);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
        // VACUUM INTO writes a rollback-journal database; the copy is put in WAL mode, as the server keeps it.
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await copy.OpenAsync();
            await using var wal = copy.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL";
            await wal.ExecuteNonQueryAsync();
        }
        var summary = await CheckSqliteAsync(partial);
        // Only a complete, checked copy gets the name asked for: an interrupted backup never looks like one.
        File.Move(partial, path);
        SqliteConnection.ClearAllPools();
        return $"Backed up {source} to {path} ({Megabytes(path)}, {summary}) in {started.Elapsed.TotalSeconds:F1} s.";
    }

    /// <summary>
    /// Puts a backup in place as the data directory's database. The data directory must not be in use;
    /// an existing database is refused unless <paramref name="force"/>, and then kept beside it.
    /// </summary>
    public static async Task<string> SqliteRestoreAsync(string dataDirectory, string path, bool force)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"There is no backup at {path}.");
        using var held = DataDirectoryLock.Take(dataDirectory, "a restore");
        var target = Path.Combine(dataDirectory, SqliteFile);
        var summary = await CheckSqliteAsync(path);
        string? kept = null;
        if (File.Exists(target))
        {
            if (!force) throw new InvalidOperationException($"{target} exists. Restore into an empty data directory, or add --force to replace it (the old one is kept beside it).");
            kept = $"{target}.replaced-{DateTime.UtcNow:yyyyMMddTHHmmssZ}";
            File.Move(target, kept);
        }
        // The old database's log and shared-memory index belong to it, never to the restored file.
        foreach (var leftover in new[] { target + "-wal", target + "-shm" })
            if (File.Exists(leftover))
            {
                if (kept is not null) File.Move(leftover, kept + leftover[target.Length..]);
                else File.Delete(leftover);
            }
        var copying = target + ".restoring";
        File.Copy(path, copying, overwrite: true);
        File.Move(copying, target);
        SqliteConnection.ClearAllPools();
        return $"Restored {path} ({summary}) into {target}" + (kept is null ? "." : $"; the database it replaced is {kept}.") +
               " Start the server: it applies any migrations a newer version needs.";
    }

    /// <summary>Integrity check and a count of what the copy holds; throws when SQLite finds it damaged.</summary>
    static async Task<string> CheckSqliteAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var verdict = (string?)await check.ExecuteScalarAsync();
        if (verdict != "ok") throw new InvalidOperationException($"{path} is damaged: {verdict}");
        check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
        var tables = (long)(await check.ExecuteScalarAsync())!;
        check.CommandText = "SELECT count(*) FROM WorkRecords";
        var records = (long)(await check.ExecuteScalarAsync())!;
        return $"{tables} tables, {records} incidents and requests, integrity ok";
    }

    static string Megabytes(string path) => $"{new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB";

    // --- PostgreSQL --------------------------------------------------------------------------

    internal static string PostgresConnection(IConfiguration configuration) =>
        configuration.GetConnectionString("Steward") is { Length: > 0 } c ? c
            : throw new InvalidOperationException("Steward__Database=postgres needs ConnectionStrings__Steward.");

    public static async Task<string> PostgresBackupAsync(string connectionString, string path)
    {
        if (File.Exists(path)) throw new InvalidOperationException($"{path} exists; a backup never overwrites a file. Choose a new name.");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var started = Stopwatch.StartNew();
        var partial = path + ".partial";
        File.Delete(partial);
        // --format=custom: compressed, and pg_restore can restore it selectively and in parallel.
        await PostgresTools.RunAsync("pg_dump", connectionString, ["--format=custom", "--no-owner", "--no-privileges", "--file", partial]);
        File.Move(partial, path);
        return $"Backed up database {new NpgsqlConnectionStringBuilder(connectionString).Database} to {path} ({Megabytes(path)}) in {started.Elapsed.TotalSeconds:F1} s.";
    }

    /// <summary>Restores into the configured database, which must have no tables unless <paramref name="force"/> (then pg_restore --clean).</summary>
    public static async Task<string> PostgresRestoreAsync(string connectionString, string path, bool force)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"There is no backup at {path}.");
        var tables = await PostgresTablesAsync(connectionString);
        if (tables > 0 && !force)
            throw new InvalidOperationException($"The database has {tables} tables. Restore into an empty database, or add --force to drop what the backup holds and restore it (stop every server first).");
        var started = Stopwatch.StartNew();
        string[] arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", .. force && tables > 0 ? new[] { "--clean", "--if-exists" } : [], path];
        await PostgresTools.RunAsync("pg_restore", connectionString, arguments, database: true);
        return $"Restored {path} into database {new NpgsqlConnectionStringBuilder(connectionString).Database} in {started.Elapsed.TotalSeconds:F1} s. " +
               "Start the servers: the first applies any migrations a newer version needs.";
    }

    static async Task<long> PostgresTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
