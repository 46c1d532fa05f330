using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Steward.Core.Measures;

namespace Steward.Bench;

/// <summary>
/// Issue 20: a measure series over 10k → 1M records by month (target: &lt; 300 ms at 1M). As for
/// knowledge and satisfaction (<see cref="KnowledgeAsync"/>): the real server makes the database
/// and the world through the API (<see cref="KnowledgeWorld"/>, then <see cref="MeasureWorld"/>),
/// the seeders copy its template rows with the server stopped (<see cref="MeasureSeeder"/> for the
/// records, their clocks, work log and article links; <see cref="KnowledgeSeeder"/> for survey
/// answers and articles), and the server started on the result is timed over HTTP on loopback: one
/// client, each series asked for <c>--runs</c> times after <c>--warm</c> unmeasured requests.
/// </summary>
public static partial class Cli
{
    public const string MeasuresUsage = """
          measures    [--records 10000,100000,1000000] [--runs 20] [--warm 3] [--max-seconds 120] [--keys KEY,KEY]
                      [--db sqlite|postgres --pg CONN] [--server-dll DLL] [--out FILE.md]
                      [--data-dirs DIR,DIR]  (time again on databases a previous run seeded and kept: DIR/world.json, DIR/token.txt, DIR/postgres.txt)
                      [--customers 10] [--services 12] [--finance true]
                      every measure, a year of months: no filter, serviceId, partyId (where it takes one); with --finance the world keeps books
                      (FinanceBenchWorld) and the P&L by every grouping and the relationship review of the busiest customer are timed too
                      (issue 20's finance targets: --customers 200 --services 50 gives 10,000 subscriptions and a customer with 50 services)
        """;

    /// <summary>Beside world.json when the world keeps books (<see cref="FinanceBenchWorld"/>): the P&amp;L and the review are timed too.</summary>
    const string BooksFile = "books.json";

    static async Task<int> MeasuresAsync(Args args)
    {
        var config = Config(args);
        var runs = args.Count("runs", 20);
        var warm = args.Count("warm", 3);
        var cap = TimeSpan.FromSeconds(args.Number("max-seconds", 120));
        var keys = args.Get("keys")?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        var finance = args.Flag("finance");
        var rows = new List<(string Size, MeasureShape Shape, long N, LoadResult Result, string Load)>();
        var notes = new List<string>();
        void Log(string line) { Console.WriteLine(line); notes.Add(line); }
        Log($"# Steward.Bench measures --db {config.Db} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, work dir {config.WorkDir}), load average {LoadAvg()}");

        var dirs = new List<string>();
        if (args.Get("data-dirs") is { } existing) dirs.AddRange(existing.Split(','));
        else
        {
            var baseDir = Path.Combine(config.WorkDir, "base");
            var sw = Stopwatch.StartNew();
            MeasureWorld.World? world = null;
            FinanceBenchWorld.Books? books = null;
            await KnowledgeBaseAsync(config, baseDir, async (server, k) =>
            {
                world = await MeasureWorld.AddAsync(server.BaseUri, config.Token, k);
                if (finance) books = await FinanceBenchWorld.AddAsync(server.BaseUri, config.Token, world);
            }, args.Count("customers", 10), args.Count("services", 12));
            await File.WriteAllTextAsync(Path.Combine(baseDir, "world.json"), JsonSerializer.Serialize(world!, WorldJson));
            if (books is not null) await File.WriteAllTextAsync(Path.Combine(baseDir, BooksFile), JsonSerializer.Serialize(books, WorldJson));
            Log($"world through the API in {sw.Elapsed.TotalSeconds:F1} s: 1 provider, {world!.Knowledge.Customers.Count} customers, {world.Knowledge.Services.Count} services + Payments "
                + $"({world.Knowledge.Customers.Count * world.Knowledge.Services.Count + 1:N0} subscriptions), "
                + $"{world.Templates.Count} template incidents on three paths (the desk's service, the contractor's under contract, Payments under a skills agreement)"
                + (books is null ? "" : $"; books: {books.Rates} exchange rates, {books.CostRates} cost rates, {books.SupplierCharges} supplier charges, {books.Costs} other costs, {books.Practices} practices"));
            foreach (var size in args.Get("records", "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                var dir = Path.Combine(config.WorkDir, $"records-{size}");
                await CopyBaseAsync(config, baseDir, dir, $"records{size}");
                using (var store = OpenStore(dir))
                {
                    var s = new MeasureSeeder(store, world).Seed(size);
                    Log($"seeded {s.Records:N0} incidents over 395 days ({s.Open:N0} open, {s.Resolved:N0} resolved or closed), {s.Clocks:N0} clocks "
                        + $"({s.JudgedPartyClocks:N0} party clocks under the contract, {s.Engaged:N0} skills clocks engaged), {s.WorkLog:N0} work log entries, "
                        + $"{s.ArticleLinks:N0} article links in {s.Elapsed.TotalSeconds:F1} s; {store.Describe()}; load {LoadAvg()}");
                }
                using (var store = OpenStore(dir))
                {
                    var s = new KnowledgeSeeder(store, world.Knowledge).SeedResponses(size / 2);
                    Log($"seeded {s.Invitations:N0} survey invitations, {s.Responses:N0} answers over 395 days in {s.Elapsed.TotalSeconds:F1} s");
                }
                using (var store = OpenStore(dir))
                {
                    var s = new KnowledgeSeeder(store, world.Knowledge).SeedArticles(Math.Max(500, size / 100), daysOfHistory: 395);
                    Log($"seeded {s.Articles:N0} articles ({s.Published:N0} published) over 395 days in {s.Elapsed.TotalSeconds:F1} s; {store.Describe()}; load {LoadAvg()}");
                }
                dirs.Add(dir);
            }
        }

        foreach (var dir in dirs)
        {
            var world = JsonSerializer.Deserialize<MeasureWorld.World>(await File.ReadAllTextAsync(Path.Combine(dir, "world.json")))!;
            config = config with { Token = (await File.ReadAllTextAsync(Path.Combine(dir, "token.txt"))).Trim() };
            long incidents;
            using (var store = OpenStore(dir)) incidents = store.CountIncidents();
            NpgsqlConnection.ClearAllPools();
            var label = incidents.ToString("N0", CultureInfo.InvariantCulture);
            using var server = ServerProcess.Start(ServerFor(config, dir), dir, Path.Combine(config.WorkDir, $"server-{Path.GetFileName(dir)}.log"));
            var ready = await server.WaitReadyAsync(TimeSpan.FromSeconds(300));
            Log($"{label} incidents: server ready in {ready.TotalSeconds:F1} s");
            using var http = LoadDriver.NewClient(server.BaseUri, config.Token, 1);
            var keeps = File.Exists(Path.Combine(dir, BooksFile));
            var shapes = MeasureShape.All(world, keeps).Where(s => keys is null || keys.Contains(s.Key)).ToList();
            // What each series answers, so that nothing empty or refused is timed.
            var answered = new Dictionary<MeasureShape, long>();
            foreach (var shape in shapes.ToList())
            {
                using var response = await http.GetAsync(shape.Url);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode == 409 && MeasureCatalog.Find(shape.Key) is { Unit: MeasureUnit.Currency })
                {
                    // A server from before the measures read the finance ledger: said, not timed.
                    Log($"{label}: {shape.Name}: refused by this server (409 {body}), not timed");
                    shapes.Remove(shape);
                    continue;
                }
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{shape.Name}: {(int)response.StatusCode} {body}");
                var answer = JsonDocument.Parse(body).RootElement;
                var (n, what) = MeasureShape.Describe(shape, answer);
                answered[shape] = n;
                Log($"{label}: {shape.Name}: {what}" + (n == 0 ? " (reads nothing: check the data)" : ""));
            }
            foreach (var shape in shapes)
            {
                if (warm > 0) await LoadDriver.RunAsync(shape.Name, http, new LoadOptions(1, cap, TimeSpan.Zero, warm), shape.Next);
                var result = await LoadDriver.RunAsync(shape.Name, http, new LoadOptions(1, cap, TimeSpan.Zero, runs, server.Pid), shape.Next);
                var load = LoadAvg();
                rows.Add((label, shape, answered[shape], result, load));
                Console.WriteLine($"{label,10}  {result}  load {load}");
            }
        }

        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.Append(inv, $"Database **{config.Db}**, measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; one client; per series {warm} unmeasured requests, then {runs} timed ");
        md.AppendLine("(each request is the whole series: 12 months and the year's total; the P&L is a year by one grouping; the review is the busiest customer's, all its services); load average (1/5/15 min) after each row. "
            + "Targets at 1,000,000 records: a measure series < 300 ms; the P&L (about a million work log entries, the subscriptions) < 1 s; the review of a customer with 50 services < 1 s.");
        md.AppendLine();
        md.AppendLine("| Incidents | Measure | Filter | n (year) | runs | p50 ms | p95 ms | max ms | server CPU/req ms | errors | load |");
        md.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (size, shape, n, r, load) in rows)
            md.AppendLine(inv, $"| {size} | {shape.Key} | {shape.Filter} | {n:N0} | {r.Requests} | {r.P50Ms:F1} | {r.P95Ms:F1} | {r.MaxMs:F1} | {r.ServerCpuUs / 1000:F1} | {r.Errors} | {load} |");
        foreach (var (size, _, _, r, _) in rows.Where(x => x.Result.FirstError is not null)) md.AppendLine(inv, $"\n- {r.Scenario} ({size}) first error: `{r.FirstError}`");
        md.AppendLine();
        foreach (var n in notes) md.AppendLine(inv, $"- {n}");
        Console.WriteLine();
        Console.WriteLine(md);
        if (args.Get("out") is { } outPath) await File.WriteAllTextAsync(outPath, md.ToString());
        return 0;
    }
}

/// <summary>
/// One timed series: a catalogue measure over the default year of months, with no filter, the
/// busiest service (Payments for the time to engage), or a performing party (for SLA compliance the contractor's team, whose clocks
/// its contract judges; otherwise the service desk, which performs the most records and lends its
/// skills to Payments).
/// </summary>
public sealed record MeasureShape(string Key, string Filter, string Url)
{
    public string Name => $"{Key} {Filter}";

    public Func<int, long, HttpRequestMessage> Next => (_, _) => new HttpRequestMessage(HttpMethod.Get, Url);

    /// <summary>What an answer holds, for the log: the n a series counted, the rows of a P&amp;L, the services of a review.</summary>
    public static (long N, string What) Describe(MeasureShape shape, JsonElement answer)
    {
        if (shape.Key == "pnl")
        {
            var total = answer.GetProperty("total");
            return (total.GetProperty("minutes").GetInt64(), $"{answer.GetProperty("rows").GetArrayLength()} rows, revenue {total.GetProperty("revenue")}, costs {total.GetProperty("costs")}, "
                + $"{total.GetProperty("minutes").GetInt64() / 60:N0} h costed, {answer.GetProperty("missing").GetArrayLength()} missing amounts");
        }
        if (shape.Key == "review")
        {
            var services = answer.GetProperty("services");
            var measured = services.EnumerateArray().Sum(s => s.GetProperty("measure").EnumerateArray().Count(m => m.GetProperty("value").ValueKind == JsonValueKind.Number));
            return (services.GetArrayLength(), $"{services.GetArrayLength()} services, {measured} measure values");
        }
        var totalPoint = answer.GetProperty("total");
        var n = totalPoint.GetProperty("n").GetInt64();
        return (n, $"{answer.GetProperty("points").GetArrayLength()} points, total {totalPoint.GetProperty("value")} over n = {n:N0}");
    }

    public static IEnumerable<MeasureShape> All(MeasureWorld.World world, bool books = false)
    {
        if (books)
        {
            var k = world.Knowledge;
            var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var yearAgo = DateTime.UtcNow.AddDays(-364).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var groupBy in new[] { "service", "customer", "practice", "kind", "month" })
                yield return new("pnl", $"groupBy={groupBy}, a year", $"api/v1/finance/pnl?providerId={k.ProviderId}&groupBy={groupBy}&from={yearAgo}&to={today}");
            yield return new("review", $"customer 0 ({k.Services.Count + 1} services), 90 days", $"api/v1/sourcing/review?providerId={k.ProviderId}&customerId={k.Customers[0]}");
            yield return new("review", $"customer 0 ({k.Services.Count + 1} services), a year", $"api/v1/sourcing/review?providerId={k.ProviderId}&customerId={k.Customers[0]}&from={yearAgo}&to={today}");
        }
        foreach (var m in MeasureCatalog.All.Where(m => books || m.Unit is not MeasureUnit.Currency))
        {
            // Money is the provider's books, in its reporting currency: asked for the provider that keeps them.
            var url = $"api/v1/measures/{m.Key}?interval=month" + (m.Unit is MeasureUnit.Currency ? $"&providerId={world.Knowledge.ProviderId}" : "");
            yield return new(m.Key, "none", url);
            // Time to engage exists only where a party lends its skills: on Payments.
            if (m.Scopes.HasFlag(MeasureScopes.Service))
                yield return m.Key == "time-to-engage-median"
                    ? new(m.Key, "serviceId (Payments)", $"{url}&serviceId={world.Payments}")
                    : new(m.Key, "serviceId (busiest)", $"{url}&serviceId={world.Knowledge.Services[0]}");
            if (m.Scopes.HasFlag(MeasureScopes.Party))
                yield return m.Key == "sla-compliance"
                    ? new(m.Key, "partyId (contractor team)", $"{url}&partyId={world.ContractorTeam}")
                    : new(m.Key, "partyId (service desk)", $"{url}&partyId={world.Teams[0]}");
        }
    }
}
