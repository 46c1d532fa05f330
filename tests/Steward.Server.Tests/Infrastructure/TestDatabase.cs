using Npgsql;

namespace Steward.Server.Tests.Infrastructure;

/// <summary>Which database the server tests run on: STEWARD_TEST_DB=sqlite (default) or postgres, the server named by STEWARD_TEST_POSTGRES.</summary>
public static class TestDatabase
{
    public static string Provider { get; } = (Environment.GetEnvironmentVariable("STEWARD_TEST_DB") ?? "sqlite").Trim().ToLowerInvariant();

    public static bool IsPostgres => Provider == "postgres";

    public static string? PostgresServer { get; } = Environment.GetEnvironmentVariable("STEWARD_TEST_POSTGRES");

    static string Server => PostgresServer
        ?? throw new InvalidOperationException("STEWARD_TEST_DB=postgres needs STEWARD_TEST_POSTGRES, the connection string of a PostgreSQL server; ./test.sh starts one and sets it.");

    public static async Task<string> CreatePostgresDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public static async Task DropPostgresDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
