using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Steward.Bench;

/// <summary>
/// Issue 5, targets 1–3: the incident queue and full-text search at 10k → 1M incidents, and
/// 10,000 SLA clocks falling due together. Everything is measured through the real server over
/// HTTP on loopback; the data is loaded straight into the database the server created (see
/// <see cref="IncidentSeeder"/>), with the server stopped, and the server then started on it.
/// </summary>
public static partial class Cli
{
    public const string QueueUsage = """
          queue       [--db sqlite|postgres --pg CONN] [--sizes 10000,100000,1000000] [--from-base DIR] [--seed-only] [--clients 1,4] [--duration 10] [--warm-round 20] [--server-dll DLL] [--out FILE.md]
                      [--data-dirs DIR,DIR]  (measure again on databases a previous run seeded and kept; the world is read from DIR/world.json,
                                              a PostgreSQL database's connection from DIR/postgres.txt: its databases are kept)
                      [--escalate 10000]     (then on the largest database: that many incidents whose resolution clocks fall due at one instant)
          escalate    --data-dir DIR [--count 10000] [--lead 30] [--server-dll DLL]   (the same on a database a queue run kept)
        """;

    static readonly JsonSerializerOptions WorldJson = new() { WriteIndented = true };

    static async Task<int> QueueAsync(Args args)
    {
        var config = Config(args);
        var clientCounts = args.Get("clients", "1,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var duration = TimeSpan.FromSeconds(args.Number("duration", 10));
        var rows = new List<(string Size, LoadResult Result, string Load)>();
        var notes = new List<string>();
        void Log(string line) { Console.WriteLine(line); notes.Add(line); }

        Log($"# Steward.Bench queue ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, work dir {config.WorkDir}), load average {LoadAvg()}");
        var dirs = new List<string>();
        if (args.Get("data-dirs") is { } existing) dirs.AddRange(existing.Split(','));
        else
        {
            // A server-created database with the service desk and the template incidents, made through the API
            // (or the one a previous run made: --from-base DIR).
            var baseDir = args.Get("from-base") ?? Path.Combine(config.WorkDir, "base");
            QueueWorld.World world;
            if (args.Get("from-base") is not null)
                world = JsonSerializer.Deserialize<QueueWorld.World>(await File.ReadAllTextAsync(Path.Combine(baseDir, "world.json")))!;
            else
            {
            Directory.CreateDirectory(baseDir);
            if (config.Db == "postgres") await File.WriteAllTextAsync(Path.Combine(baseDir, PostgresFile), await CreateDatabaseAsync(config.PgServer!, "base", null));
            using (var server = ServerProcess.Start(ServerFor(config, baseDir), baseDir, Path.Combine(config.WorkDir, "server-base.log")))
            {
                await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
                using var http = LoadDriver.NewClient(server.BaseUri, config.Token, 8);
                var sw = Stopwatch.StartNew();
                world = await QueueWorld.PrepareAsync(http);
                Log($"world through the API in {sw.Elapsed.TotalSeconds:F1} s: 1 provider, {world.Customers.Count} customers × {world.Services.Count} services, {world.Teams.Count} teams, {world.Templates.Count} template incidents");
            }
            if (config.Db == "sqlite") Checkpoint(Path.Combine(baseDir, "steward.db"));
            await File.WriteAllTextAsync(Path.Combine(baseDir, "world.json"), JsonSerializer.Serialize(world, WorldJson));
            // The administrator's token is made on the first start only: a later run on these databases needs it.
            await File.WriteAllTextAsync(Path.Combine(baseDir, "token.txt"), config.Token);
            }
            foreach (var size in args.Get("sizes", "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var dir = Path.Combine(config.WorkDir, $"data-{size}");
                CopyDirectory(baseDir, dir);
                // PostgreSQL copies the base database as a template (the server that made it has stopped).
                if (config.Db == "postgres")
                    await File.WriteAllTextAsync(Path.Combine(dir, PostgresFile),
                        await CreateDatabaseAsync(config.PgServer!, size.ToString(CultureInfo.InvariantCulture), DatabaseOf(PostgresOf(baseDir)!)));
                using var store = OpenStore(dir);
                var seeded = new IncidentSeeder(store, world).Seed(new IncidentSeeder.Options(size));
                Log($"seeded {seeded.Records:N0} incidents ({seeded.Open:N0} open), {seeded.Clocks:N0} clocks, {seeded.Jobs:N0} jobs ({seeded.JobsPending:N0} pending), "
                    + $"{seeded.Comments:N0} comments in {seeded.Elapsed.TotalSeconds:F1} s; {store.Describe()}; load {LoadAvg()}");
                dirs.Add(dir);
            }
            if (args.Flag("seed-only")) return 0;
        }

        foreach (var dir in dirs)
        {
            var world = JsonSerializer.Deserialize<QueueWorld.World>(await File.ReadAllTextAsync(Path.Combine(dir, "world.json")))!;
            config = config with { Token = (await File.ReadAllTextAsync(Path.Combine(dir, "token.txt"))).Trim() };
            long size;
            using (var store = OpenStore(dir)) size = store.CountIncidents();
            NpgsqlConnection.ClearAllPools();
            var label = size.ToString("N0", CultureInfo.InvariantCulture);
            using var server = ServerProcess.Start(ServerFor(config, dir), dir, Path.Combine(config.WorkDir, $"server-{Path.GetFileName(dir)}.log"));
            var ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(300));
            Log($"{label} incidents: server ready in {ready.TotalSeconds:F1} s");
            using var http = LoadDriver.NewClient(server.BaseUri, config.Token, clientCounts.Max());
            var shapes = await QueueShapes.PrepareAsync(http, world);
            var warm = TimeSpan.FromSeconds(args.Number("warm-round", 20));
            foreach (var (name, next) in shapes)
                await LoadDriver.RunAsync(name, http, new LoadOptions(2, warm / shapes.Count, TimeSpan.Zero, long.MaxValue), next);
            Log($"{label}: warm round {warm.TotalSeconds:F0} s over every shape, not measured; load {LoadAvg()}");
            foreach (var clients in clientCounts)
                foreach (var (name, next) in shapes)
                {
                    var result = await LoadDriver.RunAsync(name, http, new LoadOptions(clients, duration, TimeSpan.FromSeconds(1), long.MaxValue, server.Pid), next);
                    var load = LoadAvg();
                    rows.Add((label, result, load));
                    Console.WriteLine($"{label,10}  {result}  load {load}");
                }
        }

        if (args.Get("escalate") is { } escalate)
            await EscalateAsync(config, dirs[^1], int.Parse(escalate, CultureInfo.InvariantCulture), args.Number("lead", 30), Log);

        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {duration.TotalSeconds:F0} s per run after 1 s warm-up; load average (1/5/15 min) at the end of each run.");
        md.AppendLine();
        md.AppendLine("| Incidents | Shape | Clients | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU/req µs | errors | load |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (size, r, load) in rows)
            md.AppendLine(inv, $"| {size} | {r.Scenario} | {r.Clients} | {r.Throughput:N0} | {r.P50Ms:F2} | {r.P95Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.ServerCpuUs:F0} | {r.Errors} | {load} |");
        foreach (var (size, r, _) in rows.Where(x => x.Item2.FirstError is not null)) md.AppendLine(inv, $"\n- {r.Scenario} ({size}) first error: `{r.FirstError}`");
        md.AppendLine();
        foreach (var n in notes) md.AppendLine(inv, $"- {n}");
        Console.WriteLine();
        Console.WriteLine(md);
        if (args.Get("out") is { } outPath) await File.WriteAllTextAsync(outPath, md.ToString());
        return 0;
    }

    static async Task<int> EscalateCommandAsync(Args args)
    {
        var config = Config(args);
        var dir = args.Get("data-dir") ?? throw new ArgumentException("--data-dir is required (a directory a queue run kept).");
        await EscalateAsync(config, dir, args.Count("count", 10_000), args.Number("lead", 30), Console.WriteLine);
        return 0;
    }

    /// <summary>
    /// Adds <paramref name="count"/> open incidents whose resolution clocks (and breach jobs) fall due
    /// at one instant a little after the server has started, starts the server with its SLA worker,
    /// and times from that instant until the last job has fired (polling the database on its own
    /// connection). Then checks exactly-once: every job fired once, by this server, not early; one
    /// notification per team member per incident; every clock marked breached and escalated.
    /// </summary>
    static async Task EscalateAsync(BenchConfig config, string dir, int count, double leadSeconds, Action<string> log)
    {
        var postgresConnection = PostgresOf(dir);
        var postgres = postgresConnection is not null;
        config = config with { Token = (await File.ReadAllTextAsync(Path.Combine(dir, "token.txt"))).Trim() };
        var world = JsonSerializer.Deserialize<QueueWorld.World>(await File.ReadAllTextAsync(Path.Combine(dir, "world.json")))!;
        var now = IncidentSeeder.Instant.Now;
        // Due on a whole second, so that the jobs of this run are told apart by their due instant.
        var due = new IncidentSeeder.Instant((now.Ticks / TimeSpan.TicksPerSecond + (long)leadSeconds) * TimeSpan.TicksPerSecond);
        IncidentSeeder.Result seeded;
        long incidents;
        using (var store = OpenStore(dir))
        {
            seeded = new IncidentSeeder(store, world).Seed(new IncidentSeeder.Options(count, Seed: (int)(now.Ticks % 100_000), DueTogether: due, Now: now.Ticks));
            incidents = store.CountIncidents();
        }
        log($"escalate: seeded {seeded.Records:N0} open incidents with {seeded.Jobs:N0} jobs due at {due.ToDateTimeOffset():HH:mm:ss} UTC in {seeded.Elapsed.TotalSeconds:F1} s; "
            + $"{incidents:N0} incidents in the database; load {LoadAvg()}");
        NpgsqlConnection.ClearAllPools();
        using var server = ServerProcess.Start(ServerFor(config, dir), dir, Path.Combine(config.WorkDir, $"server-escalate-{due.Ticks}.log"));
        var ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(300));
        var untilDue = due.ToDateTimeOffset() - DateTimeOffset.UtcNow;
        log($"escalate: server ready in {ready.TotalSeconds:F1} s; {untilDue.TotalSeconds:F1} s left until the jobs fall due");
        if (untilDue <= TimeSpan.Zero) throw new InvalidOperationException("The server was not ready before the jobs fell due; pass a longer --lead.");

        // The checks on a connection of their own; instants are ticks on SQLite, timestamptz on PostgreSQL.
        using DbConnection c = postgres
            ? new NpgsqlConnection(postgresConnection)
            : new SqliteConnection($"Data Source={Path.Combine(dir, "steward.db")};Mode=ReadOnly");
        c.Open();
        object dueValue = postgres ? due.ToDateTimeOffset().UtcDateTime : due.Ticks;
        object? Value(string sql)
        {
            using var command = c.CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@due";
            parameter.Value = dueValue;
            command.Parameters.Add(parameter);
            return command.ExecuteScalar() is { } v and not DBNull ? v : null;
        }
        long Scalar(string sql) => Convert.ToInt64(Value(sql), CultureInfo.InvariantCulture);
        var firstSeen = TimeSpan.Zero;
        var progress = new List<string>();
        var deadline = due.ToDateTimeOffset().AddSeconds(120);
        long fired = 0;
        while (DateTimeOffset.UtcNow < deadline)
        {
            fired = Scalar("""SELECT count(*) FROM "SlaJobs" WHERE "DueAt" = @due AND "FiredAt" IS NOT NULL""");
            var since = DateTimeOffset.UtcNow - due.ToDateTimeOffset();
            if (fired > 0 && firstSeen == TimeSpan.Zero) firstSeen = since;
            if (fired > 0 && (progress.Count == 0 || progress.Count < 40)) progress.Add($"{since.TotalSeconds:F2}s:{fired}");
            if (fired >= seeded.Jobs) break;
            await Task.Delay(50);
        }
        var all = DateTimeOffset.UtcNow - due.ToDateTimeOffset();
        await Task.Delay(TimeSpan.FromSeconds(3)); // anything fired twice would show now
        var jobs = Scalar("""SELECT count(*) FROM "SlaJobs" WHERE "DueAt" = @due""");
        var firedOnce = Scalar("""SELECT count(*) FROM "SlaJobs" WHERE "DueAt" = @due AND "FiredAt" IS NOT NULL AND "FiredAt" >= @due AND "FiredBy" <> 'bench-seed'""");
        var early = Scalar("""SELECT count(*) FROM "SlaJobs" WHERE "DueAt" = @due AND "FiredAt" < @due""");
        var lastFiredAfter = Value("""SELECT max("FiredAt") FROM "SlaJobs" WHERE "DueAt" = @due""") switch
        {
            DateTime at => (at - due.ToDateTimeOffset().UtcDateTime).TotalSeconds,
            { } ticks => (Convert.ToInt64(ticks, CultureInfo.InvariantCulture) - due.Ticks) / (double)TimeSpan.TicksPerSecond,
            null => double.NaN,
        };
        var clocks = Scalar("""SELECT count(*) FROM "SlaClocks" WHERE "DueAt" = @due AND "BreachEscalated" AND "BreachedAt" = @due""");
        var notifications = Scalar("""SELECT count(*) FROM "Notifications" n JOIN "SlaJobs" j ON j."RecordId" = n."RecordId" WHERE j."DueAt" = @due""");
        var twice = Scalar("""
            SELECT count(*) FROM (SELECT n."RecordId" FROM "Notifications" n JOIN "SlaJobs" j ON j."RecordId" = n."RecordId" WHERE j."DueAt" = @due
            GROUP BY n."RecordId" HAVING count(*) <> 2) AS uneven
            """);
        var batches = File.ReadLines(Path.Combine(config.WorkDir, $"server-escalate-{due.Ticks}.log")).Count(l => l.Contains("Fired ", StringComparison.Ordinal) && l.Contains("SLA jobs", StringComparison.Ordinal));
        log($"escalate: {fired:N0} of {seeded.Jobs:N0} jobs fired {all.TotalSeconds:F2} s after they fell due (first seen fired after {firstSeen.TotalSeconds:F2} s; "
            + $"last FiredAt stamp {lastFiredAfter:F2} s after due; the stamp is the start of its batch); load {LoadAvg()}");
        log($"escalate: progress {string.Join(' ', progress)}");
        log($"escalate: check: jobs {jobs:N0}, fired once by the server and not early {firedOnce:N0}, early {early}, clocks breached and escalated {clocks:N0}, "
            + $"notifications {notifications:N0} (expected {2 * jobs:N0}: two members per team), incidents with other than 2 notifications {twice}, 'Fired' log lines {batches}");
    }

    static string LoadAvg() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    static void Checkpoint(string db)
    {
        using var c = new SqliteConnection($"Data Source={db}");
        c.Open();
        using var command = c.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A data directory of a PostgreSQL run holds its database's connection string in this file.</summary>
    const string PostgresFile = "postgres.txt";

    /// <summary>The PostgreSQL connection of a data directory; null for a SQLite one.</summary>
    static string? PostgresOf(string dir) => File.Exists(Path.Combine(dir, PostgresFile)) ? File.ReadAllText(Path.Combine(dir, PostgresFile)).Trim() : null;

    static ISeedStore OpenStore(string dir) => PostgresOf(dir) is { } connection
        ? new PostgresSeedStore(connection)
        : new SqliteSeedStore(Path.Combine(dir, "steward.db"));

    static ServerConfig ServerFor(BenchConfig config, string dir) => PostgresOf(dir) is { } connection
        ? new ServerConfig(config.Dll, "postgres", connection, config.Token)
        : new ServerConfig(config.Dll, "sqlite", null, config.Token);

    static string DatabaseOf(string connection) => new NpgsqlConnectionStringBuilder(connection.Trim()).Database!;

    /// <summary>A database of its own for one size (kept after the run, for --data-dirs), empty or a copy of <paramref name="template"/>.</summary>
    static async Task<string> CreateDatabaseAsync(string pgServer, string label, string? template)
    {
        var database = $"steward_queue_{label}_{Guid.NewGuid().ToString("N")[..6]}";
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(pgServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}{(template is null ? "" : $" TEMPLATE {template}")}", admin) { CommandTimeout = 600 };
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(pgServer) { Database = database }.ConnectionString;
    }

    static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
    }
}

/// <summary>The query shapes of a queue and of search, each a request factory over several teams, services and terms.</summary>
public static class QueueShapes
{
    public static async Task<List<(string Name, Func<int, long, HttpRequestMessage> Next)>> PrepareAsync(HttpClient http, QueueWorld.World world)
    {
        var text = new IncidentText(5);
        // The teams a service routes to (the busy ones) and the others, all of them in turn.
        var teams = world.Teams;
        var services = world.Services.Take(10).ToList();
        const string Incidents = "api/v1/incidents?limit=50";
        var queueTeam = teams.Select(t => $"{Incidents}&open=true&teamId={t}").ToList();
        var queueTeamPriority = teams.Select(t => $"{Incidents}&open=true&teamId={t}&priority=1,2,3&sort=priority").ToList();
        var queueService = services.Select(s => $"{Incidents}&open=true&serviceId={s}&sort=priority").ToList();
        var queueTeamService = world.Services.Take(10).Select(s => $"{Incidents}&open=true&teamId={world.TeamOfService[s]}&serviceId={s}&priority=2,3,4").ToList();
        var deskOpen = new List<string> { $"{Incidents}&open=true", $"{Incidents}&open=true&sort=priority" };
        var teamAll = teams.Select(t => $"{Incidents}&teamId={t}").ToList();
        var page2Team = await SecondPagesAsync(http, queueTeam.Concat(deskOpen.Take(1)));
        var page2Priority = await SecondPagesAsync(http, queueTeamPriority.Concat(deskOpen.Skip(1)));
        var page2History = await SecondPagesAsync(http, teamAll);
        // Search terms: a component (about 1 in 36 titles), a component and a symptom word, words of the
        // long tail by rank (rank 10 is in ~0.5 % of records, rank 2,000 in a few), a host name, an
        // error code, a number; and one of the everyday words the descriptions are full of ("error").
        var components = IncidentText.Components.Where(c => c.All(char.IsLetter)).Select(c => c.ToLowerInvariant()).ToList();
        var searchComponent = components.Select(c => $"{Incidents}&text={Uri.EscapeDataString(c)}").ToList();
        var searchTwo = components.Select((c, i) => $"{Incidents}&text={Uri.EscapeDataString(c + " " + IncidentText.Symptoms[i % IncidentText.Symptoms.Length].Split(' ')[^1])}").ToList();
        var searchMid = Enumerable.Range(5, 50).Select(r => $"{Incidents}&text={text.TailWord(r)}").ToList();
        var searchRare = Enumerable.Range(2000, 50).Select(r => $"{Incidents}&text={text.TailWord(r)}").ToList();
        var searchOpenComponent = components.Select(c => $"{Incidents}&open=true&text={Uri.EscapeDataString(c)}").ToList();
        var searchBroad = new List<string> { $"{Incidents}&text=error", $"{Incidents}&text=user", $"{Incidents}&text=please" };
        var searchPrefix = new List<string> { $"{Incidents}&text=pri", $"{Incidents}&text=out", $"{Incidents}&text=lap" };
        var searchNumber = Enumerable.Range(1, 50).Select(i => $"{Incidents}&text=INC{i * 97:D6}").ToList();
        var shapes = new List<(string, List<string>)>
        {
            ("queue-team-open", queueTeam),
            ("queue-team-open-page2", page2Team),
            ("queue-team-open-by-priority", queueTeamPriority),
            ("queue-by-priority-page2", page2Priority),
            ("queue-service-open-by-priority", queueService),
            ("queue-team-service-priority", queueTeamService),
            ("queue-desk-open", deskOpen),
            ("queue-team-all-states", teamAll),
            ("queue-team-all-states-page2", page2History),
            ("search-component", searchComponent),
            ("search-two-words", searchTwo),
            ("search-mid-word", searchMid),
            ("search-rare-word", searchRare),
            ("search-open-component", searchOpenComponent),
            ("search-prefix-3", searchPrefix),
            ("search-everyday-word", searchBroad),
            ("search-number", searchNumber),
        };
        // At 10k incidents a team has a handful of open incidents: no second page to ask for.
        return shapes.Where(s => s.Item2.Count > 0).Select(s => (s.Item1, Pick(s.Item2))).ToList();
    }

    /// <summary>The second page of each query: its first page's <c>next</c> cursor (queries with one page only are left out).</summary>
    static async Task<List<string>> SecondPagesAsync(HttpClient http, IEnumerable<string> firstPages)
    {
        var pages = new List<string>();
        foreach (var url in firstPages)
        {
            var doc = await http.GetFromJsonAsync<JsonElement>(url);
            if (doc.GetProperty("next").GetString() is { } next) pages.Add($"{url}&cursor={Uri.EscapeDataString(next)}");
        }
        return pages;
    }

    static Func<int, long, HttpRequestMessage> Pick(List<string> urls) => urls.Count == 0
        ? throw new InvalidOperationException("No query of this shape has a second page at this size.")
        : (client, seq) => new HttpRequestMessage(HttpMethod.Get, urls[(int)((uint)HashCode.Combine(client, seq) % (uint)urls.Count)]);
}
