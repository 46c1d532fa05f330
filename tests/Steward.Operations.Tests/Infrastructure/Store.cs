using Npgsql;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// Where a server keeps its data for one test: a fresh SQLite data directory, or a fresh database on
/// the PostgreSQL server ./test.sh starts (<c>STEWARD_TEST_POSTGRES</c>). Both are removed on dispose.
/// </summary>
public sealed class Store : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Kind { get; }
    /// <summary>The servers' working directory; on SQLite its <c>data</c> folder holds the database.</summary>
    public string WorkingDirectory { get; }
    public string DataDirectory => Path.Combine(WorkingDirectory, "data");
    public string? DatabaseName { get; }
    public string? ConnectionString { get; }

    Store(string kind, string workingDirectory, string? databaseName, string? connectionString)
    {
        Kind = kind;
        WorkingDirectory = workingDirectory;
        DatabaseName = databaseName;
        ConnectionString = connectionString;
    }

    public bool IsPostgres => Kind == Postgres;

    public static async Task<Store> CreateAsync(string kind)
    {
        var directory = Directory.CreateTempSubdirectory("steward-ops-").FullName;
        if (kind == Sqlite) return new Store(kind, directory, null, null);
        var name = "steward_ops_" + Guid.NewGuid().ToString("N");
        var connection = await TestDatabase.CreatePostgresDatabaseAsync(name);
        return new Store(kind, directory, name, connection);
    }

    /// <summary>The environment that points a server (or its backup and restore commands) at this store.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings => IsPostgres
        ? new Dictionary<string, string> { ["Steward__Database"] = "postgres", ["ConnectionStrings__Steward"] = ConnectionString! }
        : new Dictionary<string, string> { ["Steward__Database"] = "sqlite", ["Steward__DataDirectory"] = DataDirectory };

    /// <summary>A connection to the PostgreSQL database, for checks the API cannot make (say, that a job fired once).</summary>
    public NpgsqlConnection OpenPostgres()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (DatabaseName is not null) await TestDatabase.DropPostgresDatabaseAsync(DatabaseName);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(WorkingDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
