using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

/// <summary>
/// What start-up and <c>/ready</c> need to know about the database, read with plain SQL. EF Core's
/// own way (its history repository) builds a model of the history table with the whole convention
/// machinery and compiles a LINQ query for it: 0.6 s of a restart's 2 s, on every start, to learn
/// that nothing is pending.
/// </summary>
public static class DatabaseState
{
    /// <summary>The migrations of this build not yet applied to the database, oldest first (all of them on a new database).</summary>
    public static async Task<List<string>> PendingMigrationsAsync(StewardDbContext db, CancellationToken ct)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        // The server configures no other name for EF Core's history table.
        const string history = HistoryRepository.DefaultTableName;
        var applied = await WithConnectionAsync(db, async connection =>
            await ScalarAsync(connection, TableExistsSql(db, history), ct)
                ? await StringsAsync(connection, $"SELECT \"MigrationId\" FROM \"{history}\"", ct)
                : [], ct);
        return [.. known.Except(applied, StringComparer.Ordinal)];
    }

    /// <summary>Whether anyone has been set up yet: an empty database gets the administrator (and the demo data).</summary>
    public static Task<bool> HasPeopleAsync(StewardDbContext db, CancellationToken ct) =>
        WithConnectionAsync(db, connection => ScalarAsync(connection, $"SELECT 1 FROM \"{Table<Person>(db)}\" LIMIT 1", ct), ct);

    /// <summary>The names of the roles in the database.</summary>
    public static Task<List<string>> RoleNamesAsync(StewardDbContext db, CancellationToken ct)
    {
        var role = db.Model.FindEntityType(typeof(Microsoft.AspNetCore.Identity.IdentityRole<Guid>))!;
        var name = role.FindProperty(nameof(Microsoft.AspNetCore.Identity.IdentityRole<Guid>.Name))!.GetColumnName();
        return WithConnectionAsync(db, connection =>
            StringsAsync(connection, $"SELECT \"{name}\" FROM \"{role.GetTableName()}\" WHERE \"{name}\" IS NOT NULL", ct), ct);
    }

    /// <summary>Runs <paramref name="work"/> on the context's connection (so that its settings apply), opened for it.</summary>
    static async Task<T> WithConnectionAsync<T>(StewardDbContext db, Func<DbConnection, Task<T>> work, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return await work(db.Database.GetDbConnection());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task<List<string>> StringsAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct)) values.Add(reader.GetString(0));
        return values;
    }

    static string Table<T>(StewardDbContext db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    static string TableExistsSql(StewardDbContext db, string table) => db.Provider is DatabaseProvider.Postgres
        ? $"SELECT 1 WHERE to_regclass('\"{table}\"') IS NOT NULL"
        : $"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}'";

    /// <summary>True when the query returns a row.</summary>
    static async Task<bool> ScalarAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct) is not (null or DBNull);
    }
}
