using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;
using Steward.Core.Sourcing;
using Steward.Server.Hosting;
using Steward.Server.Sourcing;

namespace Steward.Bench;

/// <summary>
/// Issue 4: the sourcing endpoints on a server holding a provider with 1,000 customers x 50
/// services x 25 processes (see <see cref="SourcingData"/>), seeded straight into its database.
/// </summary>
public static partial class Cli
{
    const string SourcingUsage = """
          sourcing    [--db sqlite|postgres] [--pg CONNSTRING] [--shape 1000x50] [--growth 100x50,300x50,1000x10,1000x25]
                      [--clients 1,4,16] [--duration 10] [--heavy-duration 10] [--warmup 2] [--warm-round 30] [--scenarios profile,overview,matrix,matrix-one,iso] [--out FILE.md]
                      (starts a server, seeds the data set, checks it reads back as built, times SourcingLoader in-process,
                       then GET profile / overview / matrix / iso20000-scope over HTTP; the growth shapes are further
                       providers seeded into the same database afterwards)
          sourcing-seed --shape 1000x50 [--tag NAME] (--data-dir DIR | --pg CONNSTRING_WITH_DATABASE)
                      (seeds one provider into an existing server's database, e.g. for the UI matrix page; prints the ids)
          sourcing-ui --base URL --password PW --provider ID --customers ID[,ID...] [--email admin@steward.local] [--samples 15]
                      (the sourcing pages in headless /usr/bin/chromium against a seeded server: matrix for one customer (a full load, then
                       another customer picked in the page), for every customer, a cell's dialog, the dashboard, a profile;
                       each until interactive with its data)
          sourcing-queries [--shape 1000x50] [--pg CONNSTRING] [--repeat 5] [--plans] [--sql STATEMENT] [--only one|whole] [--pipeline N] [--raw]
                      (no server: a fresh migrated database, seeded, then --sql if given; SourcingLoader's queries timed one by one, with their plans;
                       --pipeline N: GET profile's steps in-process, timed one by one; --raw: the assignments query via EF Core and the bare driver)
        """;

    static async Task<int> SourcingSeedAsync(Args args)
    {
        var shape = SourcingShape.Parse(args.Get("shape", "1000x50"));
        var data = new SourcingData(shape, args.Get("tag", "Bench"));
        var pg = args.Get("pg");
        var seeder = pg is null
            ? new SourcingSeeder("sqlite", Path.Combine(args.Get("data-dir") ?? throw new ArgumentException("--data-dir or --pg is required."), "steward.db"), null)
            : new SourcingSeeder("postgres", null, pg);
        var elapsed = await seeder.SeedAsync(data);
        Console.WriteLine($"Seeded {data.Describe()} in {elapsed.TotalSeconds:F1} s.");
        Console.WriteLine($"provider:  {data.Provider.Id}  ({data.Provider.Name})");
        var overriding = data.Assignments.Where(a => a.CustomerId is not null).Select(a => a.CustomerId!.Value).First();
        Console.WriteLine($"customer:  {data.Customers[0].Id}  ({data.Customers[0].Name}, service-wide assignments only)");
        Console.WriteLine($"customer:  {overriding}  ({data.Customers.First(c => c.Id == overriding).Name}, with assignments of its own)");
        return 0;
    }

    sealed record SourcingRow(string Shape, string Measure, string Result, string Target = "", bool? Pass = null);

    static async Task<int> SourcingAsync(Args args)
    {
        var config = Config(args);
        var shape = SourcingShape.Parse(args.Get("shape", "1000x50"));
        var growth = args.Get("growth", "100x50,300x50,1000x10,1000x25").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SourcingShape.Parse).ToList();
        var clientCounts = args.Get("clients", "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var duration = TimeSpan.FromSeconds(args.Number("duration", 10));
        var heavy = TimeSpan.FromSeconds(args.Number("heavy-duration", 10));
        var warmup = TimeSpan.FromSeconds(args.Number("warmup", 2));
        var only = args.Get("scenarios", "profile,overview,matrix,matrix-one,iso").Split(',').ToHashSet(StringComparer.Ordinal);
        var rows = new List<SourcingRow>();
        var log = new StringBuilder();
        void Log(string line)
        {
            Console.WriteLine(line);
            log.AppendLine(line);
        }

        Log($"# Steward.Bench sourcing --db {config.Db}  ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, work dir {config.WorkDir})");
        Log($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var instance = await StartAsync(config);
        await instance.Server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var seeder = new SourcingSeeder(config.Db, instance.SqlitePath, instance.Connection);
        using var http = LoadDriver.NewClient(instance.Server.BaseUri, config.Token, clientCounts.Max());
        var options = new LoadOptions(1, duration, warmup, 5_000_000, instance.Server.Pid, Drain: true);

        async Task<SourcingData> SeedAsync(SourcingShape s, string tag)
        {
            var data = new SourcingData(s, tag);
            var elapsed = await seeder.SeedAsync(data);
            Log($"\n## {s.Label}: seeded {data.Describe()} in {elapsed.TotalSeconds:F1} s");
            return data;
        }

        async Task<LoadResult> RunAsync(string shapeLabel, string scenario, LoadOptions o, Func<int, long, HttpRequestMessage> next, string target = "", Func<LoadResult, bool>? pass = null)
        {
            var result = await LoadDriver.RunAsync(scenario, http, o, next);
            Log($"{shapeLabel,8}  {result}");
            rows.Add(new SourcingRow(shapeLabel, $"{scenario}, {o.Clients} client{(o.Clients == 1 ? "" : "s")}", string.Create(CultureInfo.InvariantCulture,
                $"{result.Throughput:F1} req/s, p50 {result.P50Ms:F1}, p95 {result.P95Ms:F1}, p99 {result.P99Ms:F1} ms (n={result.Requests}, {result.ServerCpuUs / 1000:F1} ms CPU/req, {result.Errors} errors)"),
                target, pass?.Invoke(result)));
            return result;
        }

        async Task MeasureAsync(SourcingData data, bool headline)
        {
            var label = data.Shape.Label;
            var provider = data.Provider.Id;
            var customers = data.Customers.Select(c => c.Id).ToArray();
            await CheckAndTimeLoaderAsync(config, instance, data, Log, rows);

            Func<int, long, HttpRequestMessage> Profile() => (client, seq) => new HttpRequestMessage(HttpMethod.Get,
                $"api/v1/sourcing/profile?providerId={provider}&customerId={customers[(int)((uint)HashCode.Combine(client, seq, 17) % (uint)customers.Length)]}");
            using (var probe = await http.GetAsync($"api/v1/sourcing/profile?providerId={provider}&customerId={customers[0]}"))
            {
                var body = await probe.Content.ReadAsByteArrayAsync();
                probe.EnsureSuccessStatusCode();
                Log($"{label,8}  one profile: {body.Length / 1024.0:F0} KiB of JSON");
                rows.Add(new SourcingRow(label, "GET profile response size", $"{body.Length / 1024.0:F0} KiB"));
            }
            if (headline)
            {
                // Unmeasured: the first requests run tier-0 code and fill EF Core's query cache, and for
                // the next tens of seconds the JIT's background thread recompiles hot methods (a CPU
                // profile 10 s after an 8 s warm round still found it on 18 % of the server's samples).
                var warm = options with { Clients = 2, Duration = TimeSpan.FromSeconds(args.Number("warm-round", 30)), Warmup = TimeSpan.Zero };
                await LoadDriver.RunAsync("warm", http, warm with { Duration = warm.Duration * 0.8 }, Profile());
                foreach (var path in new[] { "overview", "matrix" })
                    await LoadDriver.RunAsync("warm", http, warm with { Clients = 1, Duration = warm.Duration * 0.1 },
                        (_, _) => new HttpRequestMessage(HttpMethod.Get, $"api/v1/sourcing/{path}?providerId={provider}"));
                foreach (var clients in clientCounts)
                    await RunAsync(label, "GET profile", options with { Clients = clients }, Profile(),
                        clients == 1 ? "p95 < 50 ms" : "", clients == 1 ? r => r.P95Ms < 50 && r.Errors == 0 : null);
            }
            else await RunAsync(label, "GET profile", options, Profile());
            var one = options with { Duration = heavy };
            if (only.Contains("overview")) await RunAsync(label, "GET overview", one, (_, _) => new HttpRequestMessage(HttpMethod.Get, $"api/v1/sourcing/overview?providerId={provider}"));
            if (only.Contains("matrix")) await RunAsync(label, "GET matrix (provider-wide)", one, (_, _) => new HttpRequestMessage(HttpMethod.Get, $"api/v1/sourcing/matrix?providerId={provider}"));
            if (only.Contains("matrix-one")) await RunAsync(label, "GET matrix (one customer)", options, (client, seq) => new HttpRequestMessage(HttpMethod.Get,
                $"api/v1/sourcing/matrix?providerId={provider}&customerId={customers[(int)((uint)HashCode.Combine(client, seq, 23) % (uint)customers.Length)]}"));
            if (headline && only.Contains("iso"))
                await RunAsync(label, "GET iso20000-scope", one with { Warmup = TimeSpan.Zero }, (_, _) => new HttpRequestMessage(HttpMethod.Get, $"api/v1/sourcing/iso20000-scope?organizationId={provider}"));
        }

        var main = await SeedAsync(shape, "Bench");
        await MeasureAsync(main, headline: true);
        foreach (var g in growth)
            await MeasureAsync(await SeedAsync(g, "G" + g.Label), headline: false);

        Log($"\nrss after: {instance.Server.RssMiB():F0} MiB; load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Database: **{config.Db}**, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average at end {File.ReadAllText("/proc/loadavg").Trim()}; "
            + $"runs of {duration.TotalSeconds:F0} s ({heavy.TotalSeconds:F0} s for the provider-wide reads) after {warmup.TotalSeconds:F0} s of warm-up.");
        md.AppendLine();
        md.AppendLine("| Shape | Measure | Result | Target | Verdict |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var r in rows)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Shape} | {r.Measure} | {r.Result} | {r.Target} | {(r.Pass switch { true => "pass", false => "**MISS**", null => "" })} |");
        Console.WriteLine();
        Console.WriteLine(md);
        if (args.Get("out") is { } outPath) await File.WriteAllTextAsync(outPath, log + "\n" + md);
        return rows.Any(r => r.Measure.Contains("MISMATCH", StringComparison.Ordinal)) ? 2 : 0;
    }

    /// <summary>
    /// Reads the seeded provider back through <see cref="SourcingLoader"/> in this process (the
    /// server's own code, on its database, as the system actor), checks that it derives exactly what
    /// the facts built in memory derive, and times the loads: whole provider and one customer.
    /// </summary>
    static async Task CheckAndTimeLoaderAsync(BenchConfig config, Instance instance, SourcingData data, Action<string> log, List<SourcingRow> rows)
    {
        var builder = new DbContextOptionsBuilder<StewardDbContext>();
        if (config.Db == "postgres")
            builder.UseNpgsql(instance.Connection, o => o.UseNodaTime().UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        else
            builder.UseSqlite(DatabaseSetup.SqliteConnectionString(instance.SqlitePath), o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
        var dbOptions = builder.Options;
        StewardDbContext Db() => new StewardDbContext(dbOptions).For(Actor.System(), SystemClock.Instance, WriteGate.Open());
        var label = data.Shape.Label;
        var provider = data.Provider.Id;

        var inMemory = data.Model();
        SourcingModel loaded;
        await using (var db = Db()) loaded = await SourcingLoader.LoadAsync(db, provider, null, SourcingData.Today, CancellationToken.None);
        static string Summary(SourcingModel m) => string.Join("\n", m.SummariseAll().Select(r => r.ToString()).Order(StringComparer.Ordinal));
        var same = Summary(inMemory) == Summary(loaded);
        var samples = new[] { data.Customers[0].Id, data.Assignments.First(a => a.CustomerId is not null).CustomerId!.Value };
        foreach (var c in samples)
            same &= JsonSerializer.Serialize(SourcingViewsBuilder.Profile(inMemory, c), SourcingModelBench.Json)
                == JsonSerializer.Serialize(SourcingViewsBuilder.Profile(loaded, c), SourcingModelBench.Json);
        log($"{label,8}  read back through SourcingLoader: {(same ? "same relationships, kinds and profiles as the facts in memory" : "MISMATCH with the facts in memory")}");
        rows.Add(new SourcingRow(label, same ? "seeded data read back" : "seeded data read back: MISMATCH", same ? "derives as built in memory" : "differs from the facts in memory"));

        async Task<(double Median, double Min, int N)> TimeAsync(int n, Func<int, StewardDbContext, Task> work)
        {
            await using (var db = Db()) await work(0, db);
            var times = new List<double>();
            for (var i = 0; i < n; i++)
            {
                await using var db = Db();
                var t0 = Stopwatch.GetTimestamp();
                await work(i, db);
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            times.Sort();
            return (times[times.Count / 2], times[0], n);
        }
        var whole = await TimeAsync(5, (_, db) => SourcingLoader.LoadAsync(db, provider, null, SourcingData.Today, CancellationToken.None));
        var customers = data.Customers;
        var single = await TimeAsync(30, (i, db) => SourcingLoader.LoadAsync(db, provider, customers[i * 7919 % customers.Count].Id, SourcingData.Today, CancellationToken.None));
        foreach (var (what, t) in new[] { ("load the whole provider (in-process)", whole), ("load one customer (in-process)", single) })
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"median {t.Median:F1} ms, min {t.Min:F1} ms (n={t.N})");
            log($"{label,8}  SourcingLoader: {what}: {text}");
            rows.Add(new SourcingRow(label, "SourcingLoader: " + what, text));
        }
    }
}
