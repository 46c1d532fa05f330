using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Steward.Bench;

/// <summary>
/// Issue 19: article search and suggestions at 10k and 100k articles, and the satisfaction report
/// at 10k → 1M responses. As for the queue (<see cref="QueueAsync"/>): the real server makes the
/// database and the world (<see cref="KnowledgeWorld"/>) through the API, the seeder copies its
/// template rows with the server stopped (<see cref="KnowledgeSeeder"/>), and the server started on
/// the result is measured over HTTP on loopback.
/// </summary>
public static partial class Cli
{
    public const string KnowledgeUsage = """
          knowledge   [--articles 10000,100000] [--responses 10000,100000,1000000] [--clients 1,4] [--duration 5] [--warm-round 10]
                      [--db sqlite|postgres --pg CONN] [--server-dll DLL] [--out FILE.md]   (--articles 0 or --responses 0 leaves that part out)
        """;

    static async Task<int> KnowledgeAsync(Args args)
    {
        var config = Config(args);
        var clientCounts = args.Get("clients", "1,4").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var duration = TimeSpan.FromSeconds(args.Number("duration", 5));
        var warm = TimeSpan.FromSeconds(args.Number("warm-round", 10));
        static int[] Sizes(string text) => text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0).ToArray();
        var articleSizes = Sizes(args.Get("articles", "10000,100000"));
        var responseSizes = Sizes(args.Get("responses", "10000,100000,1000000"));
        var rows = new List<(string Size, LoadResult Result, string Load)>();
        var notes = new List<string>();
        void Log(string line) { Console.WriteLine(line); notes.Add(line); }
        Log($"# Steward.Bench knowledge ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, work dir {config.WorkDir}), load average {LoadAvg()}");

        var baseDir = Path.Combine(config.WorkDir, "base");
        var sw = Stopwatch.StartNew();
        var world = await KnowledgeBaseAsync(config, baseDir);
        await File.WriteAllTextAsync(Path.Combine(baseDir, "world.json"), JsonSerializer.Serialize(world, WorldJson));
        Log($"world through the API in {sw.Elapsed.TotalSeconds:F1} s: {world.Customers.Count} customers, {world.Services.Count} services, {world.Communities.Count} communities, "
            + $"{world.Articles.Count} template articles ({string.Join(", ", world.Articles.Select(a => a.Shape))}), {world.Incidents.Count} incidents, "
            + $"{world.Invitations.Count} invitations answered");

        async Task MeasureAsync(string label, string dir, Func<ServerProcess, Task<List<(string Name, HttpClient Http, Func<int, long, HttpRequestMessage> Next)>>> prepare)
        {
            using var server = ServerProcess.Start(ServerFor(config, dir), dir, Path.Combine(config.WorkDir, $"server-{Path.GetFileName(dir)}.log"));
            var ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(300));
            Log($"{label}: server ready in {ready.TotalSeconds:F1} s");
            var shapes = await prepare(server);
            // What each shape answers (its first request), so that nothing empty or refused is timed.
            foreach (var (name, http, next) in shapes)
            {
                using var response = await http.SendAsync(next(0, 0));
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {body}");
                var doc = JsonDocument.Parse(body).RootElement;
                var found = doc.ValueKind == JsonValueKind.Array ? doc.GetArrayLength()
                    : doc.TryGetProperty("items", out var items) ? items.GetArrayLength() : doc.GetProperty("rows").GetArrayLength();
                Log($"{label}: {name} answers {found} {(doc.ValueKind == JsonValueKind.Array ? "suggestions" : doc.TryGetProperty("items", out _) ? "articles on its first page" : "rows")}"
                    + (doc.ValueKind == JsonValueKind.Object && doc.TryGetProperty("total", out var total) && total.TryGetProperty("responses", out var n) ? $" over {n.GetInt32():N0} responses" : ""));
            }
            foreach (var (name, http, next) in shapes)
                await LoadDriver.RunAsync(name, http, new LoadOptions(2, warm / shapes.Count, TimeSpan.Zero, long.MaxValue), next);
            Log($"{label}: warm round {warm.TotalSeconds:F0} s over every shape, not measured; load {LoadAvg()}");
            foreach (var clients in clientCounts)
                foreach (var (name, http, next) in shapes)
                {
                    var result = await LoadDriver.RunAsync(name, http, new LoadOptions(clients, duration, TimeSpan.FromSeconds(1), long.MaxValue, server.Pid), next);
                    var load = LoadAvg();
                    rows.Add((label, result, load));
                    Console.WriteLine($"{label,16}  {result}  load {load}");
                }
            foreach (var (_, http, _) in shapes.DistinctBy(s => s.Http)) http.Dispose();
        }

        foreach (var size in articleSizes)
        {
            var dir = Path.Combine(config.WorkDir, $"articles-{size}");
            await CopyBaseAsync(config, baseDir, dir, $"articles{size}");
            using (var store = OpenStore(dir))
            {
                var seeded = new KnowledgeSeeder(store, world).SeedArticles(size);
                Log($"seeded {seeded.Articles:N0} articles ({seeded.Published:N0} published, {seeded.CustomerVisible:N0} of them for every customer) in {seeded.Elapsed.TotalSeconds:F1} s; "
                    + $"{store.Describe()}; load {LoadAvg()}");
            }
            await MeasureAsync($"{size:N0} articles", dir, server => Task.FromResult(KnowledgeShapes.Prepare(server.BaseUri, world)));
        }
        foreach (var size in responseSizes)
        {
            var dir = Path.Combine(config.WorkDir, $"responses-{size}");
            await CopyBaseAsync(config, baseDir, dir, $"responses{size}");
            using (var store = OpenStore(dir))
            {
                var seeded = new KnowledgeSeeder(store, world).SeedResponses(size);
                Log($"seeded {seeded.Invitations:N0} invitations, {seeded.Responses:N0} responses over 395 days in {seeded.Elapsed.TotalSeconds:F1} s; {store.Describe()}; load {LoadAvg()}");
            }
            await MeasureAsync($"{size:N0} responses", dir, server => Task.FromResult(KnowledgeShapes.Report(server.BaseUri, config.Token)));
        }

        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {duration.TotalSeconds:F0} s per run after 1 s warm-up; load average (1/5/15 min) at the end of each run.");
        md.AppendLine();
        md.AppendLine("| Data | Shape | Clients | req/s | p50 ms | p95 ms | p99 ms | max ms | server CPU/req µs | errors | load |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (size, r, load) in rows)
            md.AppendLine(inv, $"| {size} | {r.Scenario} | {r.Clients} | {r.Throughput:N1} | {r.P50Ms:F2} | {r.P95Ms:F2} | {r.P99Ms:F2} | {r.MaxMs:F1} | {r.ServerCpuUs:F0} | {r.Errors} | {load} |");
        foreach (var (size, r, _) in rows.Where(x => x.Item2.FirstError is not null)) md.AppendLine(inv, $"\n- {r.Scenario} ({size}) first error: `{r.FirstError}`");
        md.AppendLine();
        foreach (var n in notes) md.AppendLine(inv, $"- {n}");
        Console.WriteLine();
        Console.WriteLine(md);
        if (args.Get("out") is { } outPath) await File.WriteAllTextAsync(outPath, md.ToString());
        return 0;
    }

    /// <summary>
    /// Issue 19's world through the API into <paramref name="baseDir"/>, on a database the server
    /// creates: two server starts, with the people's tokens written between them (only a signed-in
    /// person makes a token); <paramref name="more"/> runs on the second start, with the server up.
    /// The administrator's token is kept in token.txt for later runs on copies of the directory.
    /// </summary>
    static async Task<KnowledgeWorld.World> KnowledgeBaseAsync(BenchConfig config, string baseDir, Func<ServerProcess, KnowledgeWorld.World, Task>? more = null,
        int customers = 10, int services = 12)
    {
        Directory.CreateDirectory(baseDir);
        if (config.Db == "postgres") await File.WriteAllTextAsync(Path.Combine(baseDir, PostgresFile), await CreateDatabaseAsync(config.PgServer!, "kbase", null));
        KnowledgeWorld.World world;
        using (var server = ServerProcess.Start(ServerFor(config, baseDir), baseDir, Path.Combine(config.WorkDir, "server-base.log")))
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
            using var http = LoadDriver.NewClient(server.BaseUri, config.Token, 4);
            world = await KnowledgeWorld.PrepareAsync(http, customers, services);
        }
        Settle(baseDir);
        using (var store = OpenStore(baseDir)) world = KnowledgeWorld.AddTokens(store, world);
        using (var server = ServerProcess.Start(ServerFor(config, baseDir), baseDir, Path.Combine(config.WorkDir, "server-base-2.log")))
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(120));
            world = await KnowledgeWorld.WorkAsync(server.BaseUri, config.Token, world);
            if (more is not null) await more(server, world);
        }
        Settle(baseDir);
        await File.WriteAllTextAsync(Path.Combine(baseDir, "token.txt"), config.Token);
        return world;
    }

    /// <summary>A stopped server's SQLite file with its WAL folded in, so that the directory copies whole.</summary>
    static void Settle(string dir)
    {
        if (PostgresOf(dir) is null) Checkpoint(Path.Combine(dir, "steward.db"));
    }

    /// <summary>A copy of a base data directory for one size; on PostgreSQL its database copied as a template (the server that made it has stopped).</summary>
    static async Task CopyBaseAsync(BenchConfig config, string baseDir, string dir, string label)
    {
        CopyDirectory(baseDir, dir);
        if (PostgresOf(baseDir) is { } connection)
        {
            NpgsqlConnection.ClearAllPools();
            await File.WriteAllTextAsync(Path.Combine(dir, PostgresFile), await CreateDatabaseAsync(config.PgServer!, label, DatabaseOf(connection)));
        }
    }
}

/// <summary>The requests of issue 19's targets, each a factory over several terms, records or groupings.</summary>
public static class KnowledgeShapes
{
    static readonly string[] Everyday = ["error", "settings", "password", "restart", "network"];
    static readonly string[] Prefixes = ["pass", "cert", "sync", "outl", "prin"];
    static readonly string[] Groupings = ["party", "service", "customer", "kind", "month"];

    /// <summary>
    /// Search as the desk agent (a member of one of the three communities: published text of every
    /// article, the working text of that community's too) and as a customer's requester (published
    /// articles for customers, for every customer or for theirs); suggestions when a record opens and
    /// in the portal while a title is typed.
    /// </summary>
    public static List<(string Name, HttpClient Http, Func<int, long, HttpRequestMessage> Next)> Prepare(Uri baseUri, KnowledgeWorld.World world)
    {
        var agent = LoadDriver.NewClient(baseUri, world.Tokens["agent"], 4);
        var customer = LoadDriver.NewClient(baseUri, world.Tokens["requester0"], 4);
        var text = new ArticleText(19);
        const string Search = "api/v1/knowledge/articles?q=";
        // A component: in ~1 of 36 titles and tags and a few sentences more (2–5 % of articles);
        // an everyday word of the vocabulary (in most articles); a component and a symptom word;
        // words of the long tail by rank (rank 5 and its prefix-mates in a few %, host names of rank 6,000+ in tens at 100k); a 4-letter prefix.
        var components = IncidentText.Components.Where(c => c.All(char.IsLetter)).Select(c => c.ToLowerInvariant()).ToList();
        var common = components.Select(c => Search + Uri.EscapeDataString(c)).ToList();
        var everyday = Everyday.Select(w => Search + w).ToList();
        var two = components.Select((c, i) => Search + Uri.EscapeDataString(c + " " + IncidentText.Symptoms[i % IncidentText.Symptoms.Length].Split(' ')[^1])).ToList();
        var mid = Enumerable.Range(5, 50).Select(r => Search + text.TailWord(r)).ToList();
        // Host names (srv0000…): no other word starts with one, so they stay rare under prefix matching, unlike the syllable words.
        var rare = Enumerable.Range(0, 50).Select(r => Search + text.TailWord(6000 + r)).ToList();
        var prefix = Prefixes.Select(w => Search + w).ToList();
        var records = world.Incidents.Select(id => $"api/v1/incidents/{id}/suggested-articles").ToList();
        var typed = new IncidentText(23);
        var rng = new Random(23);
        var portal = Enumerable.Range(0, 50).Select(i => $"api/v1/knowledge/suggestions?q={Uri.EscapeDataString(typed.Next(rng).Title)}&serviceId={world.Services[i % world.Services.Count]}").ToList();
        return
        [
            ("search-agent-component", agent, Pick(common)),
            ("search-agent-everyday-word", agent, Pick(everyday)),
            ("search-agent-two-words", agent, Pick(two)),
            ("search-agent-mid-word", agent, Pick(mid)),
            ("search-agent-rare-word", agent, Pick(rare)),
            ("search-agent-prefix-4", agent, Pick(prefix)),
            ("search-customer-component", customer, Pick(common)),
            ("search-customer-everyday-word", customer, Pick(everyday)),
            ("search-customer-two-words", customer, Pick(two)),
            ("search-customer-rare-word", customer, Pick(rare)),
            ("suggest-record-opens", agent, Pick(records)),
            ("suggest-portal-customer", customer, Pick(portal)),
        ];
    }

    /// <summary>The report by every grouping, over the whole seeded period (395 days; a report covers at most 400) and over the default 90 days.</summary>
    public static List<(string Name, HttpClient Http, Func<int, long, HttpRequestMessage> Next)> Report(Uri baseUri, string adminToken)
    {
        var admin = LoadDriver.NewClient(baseUri, adminToken, 4);
        var today = DateTime.UtcNow.Date;
        var whole = $"&from={today.AddDays(-397):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        var shapes = new List<(string, HttpClient, Func<int, long, HttpRequestMessage>)>();
        foreach (var g in Groupings)
        {
            shapes.Add(($"report-{g}-all-397-days", admin, Pick([$"api/v1/satisfaction?groupBy={g}{whole}"])));
            shapes.Add(($"report-{g}-90-days", admin, Pick([$"api/v1/satisfaction?groupBy={g}"])));
        }
        return shapes;
    }

    static Func<int, long, HttpRequestMessage> Pick(List<string> urls) =>
        (client, seq) => new HttpRequestMessage(HttpMethod.Get, urls[(int)((uint)HashCode.Combine(client, seq) % (uint)urls.Count)]);
}
