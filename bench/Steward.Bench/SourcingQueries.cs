using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;
using Steward.Server.Hosting;
using Steward.Server.Sourcing;

namespace Steward.Bench;

/// <summary>
/// What SourcingLoader's queries cost, one by one, without a server: a fresh database (a SQLite
/// file, or a new PostgreSQL database), migrated and seeded, then the loader for one customer and
/// for the whole provider with every command timed from execution to the reader's disposal (so
/// materialisation is included), and each query's plan.
/// </summary>
public static class SourcingQueries
{
    /// <summary>Times each command from execution until EF disposes its reader.</summary>
    sealed class Timer : DbCommandInterceptor
    {
        readonly ConcurrentDictionary<DbCommand, long> started = new();
        public List<(string Sql, double Ms, Dictionary<string, object?> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            started[command] = Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (started.TryRemove(command, out var t0))
                lock (Commands)
                    Commands.Add((command.CommandText, Stopwatch.GetElapsedTime(t0).TotalMilliseconds,
                        command.Parameters.Cast<DbParameter>().ToDictionary(p => p.ParameterName, p => p.Value)));
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result) =>
            ValueTask.FromResult(DataReaderClosing(command, eventData, result));
    }

    public static async Task<int> RunAsync(Args args)
    {
        var shape = SourcingShape.Parse(args.Get("shape", "1000x50"));
        var pg = args.Get("pg");
        var repeat = args.Count("repeat", 5);
        var timer = new Timer();
        var builder = new DbContextOptionsBuilder<StewardDbContext>().AddInterceptors(timer);
        string? database = null, sqlitePath = null, connection;
        if (pg is not null)
        {
            database = $"steward_queries_{Guid.NewGuid().ToString("N")[..10]}";
            await using (var admin = new NpgsqlConnection(pg))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            connection = new NpgsqlConnectionStringBuilder(pg) { Database = database }.ConnectionString;
            builder.UseNpgsql(connection, o => o.UseNodaTime().MigrationsAssembly(DatabaseSetup.PostgresMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        else
        {
            var dir = Path.Combine(Path.GetTempPath(), $"steward-queries-{Guid.NewGuid().ToString("N")[..6]}");
            Directory.CreateDirectory(dir);
            sqlitePath = Path.Combine(dir, "steward.db");
            connection = DatabaseSetup.SqliteConnectionString(sqlitePath);
            builder.UseSqlite(connection, o => o.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly)
                .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        }
        var options = builder.Options;
        StewardDbContext Db() => new StewardDbContext(options).For(Actor.System(), SystemClock.Instance, WriteGate.Open());
        try
        {
            await using (var db = Db())
            {
                await db.Database.MigrateAsync();
                if (sqlitePath is not null) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
            var data = new SourcingData(shape, "Q");
            var seeded = await new SourcingSeeder(pg is null ? "sqlite" : "postgres", sqlitePath, pg is null ? null : connection).SeedAsync(data);
            Console.WriteLine($"{(pg is null ? "SQLite" : "PostgreSQL")}: seeded {data.Describe()} in {seeded.TotalSeconds:F1} s");

            // An experiment before a migration: e.g. --sql 'CREATE INDEX x ON "SourcingAssignments" ("ProviderId", "CustomerId")'.
            if (args.Get("sql") is { } extra)
            {
                await using var db = Db();
                await db.Database.ExecuteSqlRawAsync(extra);
                Console.WriteLine($"ran: {extra}");
            }
            var customer = data.Customers[data.Customers.Count / 2].Id;
            var loads = new[] { ("one customer", (Guid?)customer), ("whole provider", null) };
            foreach (var (what, customerId) in loads.Where(l => args.Get("only") is not { } only || l.Item1.StartsWith(only, StringComparison.Ordinal)))
            {
                var runs = new List<List<(string Sql, double Ms, Dictionary<string, object?> Parameters)>>();
                var totals = new List<double>();
                var cpu = new List<double>();
                for (var i = 0; i <= repeat; i++)
                {
                    timer.Commands.Clear();
                    await using var db = Db();
                    var c0 = Process.GetCurrentProcess().TotalProcessorTime;
                    var t0 = Stopwatch.GetTimestamp();
                    await SourcingLoader.LoadAsync(db, data.Provider.Id, customerId, SourcingData.Today, CancellationToken.None);
                    if (i == 0) continue; // the first run compiles the queries
                    totals.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                    cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds);
                    runs.Add([.. timer.Commands]);
                }
                totals.Sort();
                cpu.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"\n## SourcingLoader.LoadAsync, {what}: median {totals[totals.Count / 2]:F1} ms (min {totals[0]:F1}), this process's CPU median {cpu[cpu.Count / 2]:F0} ms, over {repeat} runs; per query, median (min):"));
                for (var q = 0; q < runs[0].Count; q++)
                {
                    var ms = runs.Select(r => r[q].Ms).Order().ToList();
                    var sql = runs[0][q].Sql.ReplaceLineEndings(" ");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ms[ms.Count / 2],8:F2} ({ms[0],7:F2}) ms  {(sql.Length > 140 ? sql[..140] + "…" : sql)}"));
                }
                if (args.Flag("plans"))
                    foreach (var (sql, _, parameters) in runs[0])
                        Console.WriteLine($"\n{sql}\n{await PlanAsync(pg is null, connection, sql, parameters)}");
            }
            if (args.Count("pipeline", 0) is var n and > 0) await PipelineAsync(Db, data, n);
            if (args.Flag("raw") && sqlitePath is not null) await RawAsync(Db, connection, data, customer);
        }
        finally
        {
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(pg);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
            if (sqlitePath is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(Path.GetDirectoryName(sqlitePath)!, recursive: true);
            }
        }
        return 0;
    }

    /// <summary>
    /// GET /profile's work without HTTP, step by step, <paramref name="n"/> times over random customers
    /// (after as many unmeasured rounds, so that the code is tier-1): the access check, the load, the
    /// derivation and view, the JSON. Medians of each step's wall time.
    /// </summary>
    static async Task PipelineAsync(Func<StewardDbContext> db, SourcingData data, int n)
    {
        var steps = new[] { "MaySeeAsync", "LoadAsync (one customer)", "derive + view (SourcingViewsBuilder.Profile)", "JSON (server options)" };
        var times = steps.Select(_ => new List<double>()).ToArray();
        var customers = data.Customers;
        var c0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < 2 * n; i++)
        {
            if (i == n) c0 = Process.GetCurrentProcess().TotalProcessorTime;
            var customer = customers[i * 7919 % customers.Count].Id;
            await using var context = db();
            var t = Stopwatch.GetTimestamp();
            void Lap(int step)
            {
                if (i >= n) times[step].Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                t = Stopwatch.GetTimestamp();
            }
            await SourcingLoader.MaySeeAsync(context, data.Provider.Id, customer, CancellationToken.None);
            Lap(0);
            var model = await SourcingLoader.LoadAsync(context, data.Provider.Id, customer, SourcingData.Today, CancellationToken.None);
            Lap(1);
            var view = SourcingViewsBuilder.Profile(model, customer);
            Lap(2);
            using (var sink = new MemoryStream(8 << 20)) await System.Text.Json.JsonSerializer.SerializeAsync(sink, view, SourcingModelBench.Json);
            Lap(3);
        }
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds / n;
        Console.WriteLine($"\n## GET /profile's work in-process, {n} customers after {n} unmeasured (median per step); this process's CPU {cpu:F1} ms per profile:");
        for (var s = 0; s < steps.Length; s++)
        {
            var sorted = times[s].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2],8:F2} ms (p95 {sorted[(int)(sorted.Count * 0.95)],7:F2})  {steps[s]}"));
        }
    }

    /// <summary>
    /// The one-customer assignments query through EF Core and through the bare driver (the same SQL,
    /// the same columns read with GetGuid/GetString): what EF adds to materialising ~2,000 rows.
    /// </summary>
    static async Task RawAsync(Func<StewardDbContext> db, string connectionString, SourcingData data, Guid customer)
    {
        const string sql = """
            SELECT "s"."Id", "s"."ServiceId", "s"."CustomerId", "s"."ProcessKey", "s"."ActivityKey", "s"."PerformerOrganizationId", "s"."PerformerTeamId", "s"."AccountableId"
            FROM "SourcingAssignments" AS "s"
            WHERE "s"."ProviderId" = $p AND ("s"."CustomerId" IS NULL OR "s"."CustomerId" = $c)
            """;
        var provider = data.Provider.Id;
        async Task<int> Ef()
        {
            await using var context = db();
            return (await context.SourcingAssignments.IgnoreQueryFilters().AsNoTracking()
                .Where(a => a.ProviderId == provider && (a.CustomerId == null || a.CustomerId == customer))
                .Select(a => new { a.Id, a.ServiceId, a.CustomerId, a.ProcessKey, a.ActivityKey, a.PerformerOrganizationId, a.PerformerTeamId, a.AccountableId })
                .ToListAsync()).Count;
        }
        async Task<int> Raw()
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", Seeder.SqliteGuid(provider));
            command.Parameters.AddWithValue("$c", Seeder.SqliteGuid(customer));
            var rows = new List<(Guid, Guid, Guid?, string, string?, Guid, Guid?, Guid?)>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.GetGuid(5), reader.IsDBNull(6) ? null : reader.GetGuid(6), reader.IsDBNull(7) ? null : reader.GetGuid(7)));
            return rows.Count;
        }
        async Task<int> Count()
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql.Replace("\"s\".\"Id\", \"s\".\"ServiceId\", \"s\".\"CustomerId\", \"s\".\"ProcessKey\", \"s\".\"ActivityKey\", \"s\".\"PerformerOrganizationId\", \"s\".\"PerformerTeamId\", \"s\".\"AccountableId\"", "count(*)", StringComparison.Ordinal);
            command.Parameters.AddWithValue("$p", Seeder.SqliteGuid(provider));
            command.Parameters.AddWithValue("$c", Seeder.SqliteGuid(customer));
            return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        foreach (var (name, work) in new (string, Func<Task<int>>)[] { ("EF Core", Ef), ("driver", Raw), ("count(*)", Count), ("EF Core", Ef), ("driver", Raw), ("count(*)", Count) })
        {
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < 300; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                count = await work();
                if (i >= 100) times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"assignments of one customer via {name,-8}: {count} rows, median {times[times.Count / 2]:F2} ms, min {times[0]:F2} ms"));
        }
    }

    static async Task<string> PlanAsync(bool sqlite, string connectionString, string sql, Dictionary<string, object?> parameters)
    {
        await using var source = sqlite ? null : new NpgsqlDataSourceBuilder(connectionString).UseNodaTime().Build();
        await using DbConnection connection = sqlite ? new SqliteConnection(connectionString) : source!.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, BUFFERS) ") + sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            lines.Add(sqlite ? "  " + reader.GetString(3) : "  " + reader.GetString(0));
        return string.Join("\n", lines);
    }
}
