using System.Text;
using Npgsql;

namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// Which database the server tests run on, and throwaway PostgreSQL databases for them.
/// <para>
/// <c>STEWARD_TEST_DB</c> chooses the provider: <c>sqlite</c> (the default, so that plain
/// <c>dotnet test</c> needs no server) or <c>postgres</c>. For <c>postgres</c>,
/// <c>STEWARD_TEST_POSTGRES</c> is the connection string of a server where the tests may create
/// databases as a superuser; <c>./test.sh</c> starts such a server on loopback and sets both.
/// </para>
/// </summary>
public static class TestDatabase
{
    public const string ProviderVariable = "STEWARD_TEST_DB";
    public const string ServerVariable = "STEWARD_TEST_POSTGRES";

    /// <summary><c>"sqlite"</c> or <c>"postgres"</c>, from <c>STEWARD_TEST_DB</c>; <c>"sqlite"</c> when unset.</summary>
    public static string Provider
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ProviderVariable)?.Trim().ToLowerInvariant();
            return value switch
            {
                null or "" or "sqlite" => "sqlite",
                "postgres" or "postgresql" => "postgres",
                _ => throw new InvalidOperationException(
                    $"{ProviderVariable}='{value}' is not a database the tests know; use 'sqlite' (the default) or 'postgres'."),
            };
        }
    }

    public static bool IsPostgres => Provider == "postgres";

    /// <summary>Connection string of the PostgreSQL server (<c>STEWARD_TEST_POSTGRES</c>), or null when unset.</summary>
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(ServerVariable) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Creates an empty database and returns the connection string for it.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string name)
    {
        var server = RequireServer();
        await ExecuteOnMaintenanceDatabaseAsync(server, $"CREATE DATABASE {Quote(name)}");
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database even while connections to it are open (they are terminated).</summary>
    public static async Task DropPostgresDatabaseAsync(string name)
    {
        var server = RequireServer();
        // The pool's connections to this database are about to be killed; never hand them out again.
        using (var pooled = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString))
            NpgsqlConnection.ClearPool(pooled);
        await ExecuteOnMaintenanceDatabaseAsync(server, $"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)");
    }

    static string RequireServer() => PostgresServer ?? throw new InvalidOperationException(
        $"The tests need a PostgreSQL server, but {ServerVariable} is not set ({ProviderVariable}={Provider}). " +
        "Run ./test.sh, which starts a throwaway server and sets it, or point it at a server where the tests may create databases, e.g. " +
        $"{ServerVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\".");

    static async Task ExecuteOnMaintenanceDatabaseAsync(string server, string sql)
    {
        // CREATE/DROP DATABASE cannot run inside the database itself, and a pooled maintenance
        // connection would only occupy a server slot between tests.
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Identifiers cannot be parameters; Quote() makes the name a single identifier.
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The name as one quoted identifier; refuses names PostgreSQL would silently truncate.</summary>
    static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Encoding.UTF8.GetByteCount(name) > 63)
            throw new ArgumentException($"PostgreSQL truncates database names longer than 63 bytes: '{name}'.", nameof(name));
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
