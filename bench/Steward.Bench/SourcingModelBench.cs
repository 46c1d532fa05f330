using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Steward.Core.Processes;
using Steward.Core.Sourcing;
using Steward.Server.Hosting;
using Steward.Server.Sourcing;

namespace Steward.Bench;

/// <summary>
/// The sourcing derivation in-process, without a database or HTTP: for each data-set shape, the
/// model is built from facts already in memory and every profile of the provider is derived, with
/// the time and the bytes allocated. Complements the BenchmarkDotNet class
/// <see cref="SourcingBenchmarks"/> (fewer shapes, proper statistics) with a quick growth table.
/// </summary>
public static class SourcingModelBench
{
    public static readonly JsonSerializerOptions Json = NewJson();

    static JsonSerializerOptions NewJson()
    {
        var json = new JsonSerializerOptions();
        ServerSetup.ConfigureJson(json);
        return json;
    }

    /// <param name="CpuMs">This process's CPU time for the median run: on a busy machine it moves less than the wall time.</param>
    public sealed record Measured(string Name, double MedianMs, double MinMs, double AllocatedMb, string Note = "", double CpuMs = 0)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name,-48} median {MedianMs,9:F1} ms  min {MinMs,9:F1} ms  cpu {CpuMs,9:F1} ms  alloc {AllocatedMb,8:F1} MB  {Note}");
    }

    /// <summary>Runs <paramref name="work"/> once unmeasured, then <paramref name="repeat"/> times after a full collection each.</summary>
    public static Measured Measure(string name, int repeat, Func<object?> work, Func<object?, string>? note = null)
    {
        var result = work();
        var runs = new List<(double Wall, double Cpu)>();
        long bytes = 0;
        for (var i = 0; i < repeat; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var c0 = Process.GetCurrentProcess().TotalProcessorTime;
            var t0 = Stopwatch.GetTimestamp();
            result = work();
            runs.Add((Stopwatch.GetElapsedTime(t0).TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - c0).TotalMilliseconds));
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        runs.Sort();
        var median = runs[runs.Count / 2];
        return new Measured(name, median.Wall, runs[0].Wall, bytes / 1048576.0, note?.Invoke(result) ?? "", median.Cpu);
    }

    /// <summary>The facts of a data set, materialised, so that building the model is timed on its own.</summary>
    public sealed record Facts(Guid ProviderId, IReadOnlyDictionary<Guid, Party> Parties, List<ServiceFacts> Services,
        List<SubscriptionFacts> Subscriptions, List<AssignmentFacts> Assignments, List<AgreementFacts> Agreements)
    {
        public SourcingModel Build() => new(ProviderId, ProcessCatalog.BuiltIn, Parties, Services, Subscriptions, Assignments, Agreements);

        public static Facts Of(SourcingData data, Guid? customerId = null)
        {
            // As SourcingData.Model() and the loader build them, but as lists, so that nothing lazy is timed with the model.
            var parties = data.Organizations.Select(Party.Of)
                .Concat(data.Teams.Select(t => Party.Of(t, data.Organizations.First(o => o.Id == t.OrganizationId).Kind)))
                .ToDictionary(p => p.Id);
            var offerings = data.Offerings.ToDictionary(o => o.Id);
            return new Facts(data.Provider.Id, parties,
                data.Services.Select(s => new ServiceFacts(s.Id, s.Name, s.ProcessKeys, s.Type, s.Lifecycle)).ToList(),
                data.Subscriptions.Where(s => (customerId == null || s.CustomerId == customerId) && (s.End == null || s.End >= SourcingData.Today))
                    .Select(s => new SubscriptionFacts(s.Id, s.ServiceId, s.CustomerId, offerings[s.OfferingId].Name, s.ClaimedKind, offerings[s.OfferingId].Targets)).ToList(),
                data.Assignments.Where(a => customerId == null || a.CustomerId == null || a.CustomerId == customerId).Select(AssignmentFacts.Of).ToList(),
                data.Agreements.Select(a => a.ToFacts()).ToList());
        }
    }

    /// <summary>Every customer's profile, derived in full (agreements and evidence included) from one model.</summary>
    public static int AllProfiles(SourcingModel model, IReadOnlyList<Guid> customers)
    {
        var derived = 0;
        foreach (var c in customers) derived += model.ProfileOf(c).Count;
        return derived;
    }

    static string Cell(Measured r) => r.MedianMs < 10
        ? string.Create(CultureInfo.InvariantCulture, $"{r.MedianMs:F2} ms ({r.AllocatedMb:F2} MB)")
        : string.Create(CultureInfo.InvariantCulture, $"{r.MedianMs:F0} ms ({r.AllocatedMb:F0} MB)");

    public static async Task<int> RunAsync(Args args)
    {
        var shapes = args.Get("sizes", "100x50,300x50,1000x50,1000x10,1000x25").Split(',').Select(SourcingShape.Parse).ToList();
        var repeat = args.Count("repeat", 5);
        var sb = new StringBuilder();
        void Log(string line)
        {
            Console.WriteLine(line);
            sb.AppendLine(line);
        }
        Log($"# sourcing-model ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}, "
            + $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC})");
        var rows = new List<(SourcingShape Shape, List<Measured> Results, string Mix)>();
        foreach (var shape in shapes)
        {
            var t0 = Stopwatch.GetTimestamp();
            var data = new SourcingData(shape, "m" + shape.Label);
            var generated = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var facts = Facts.Of(data);
            Log($"\n## {shape.Label}: {data.Describe()} (generated in {generated:F0} ms)");
            var model = facts.Build();
            var customers = data.Customers.Select(c => c.Id).ToList();
            var results = new List<Measured>
            {
                Measure("build the model from facts", repeat, () => facts.Build()),
                Measure("all profiles (every relationship, in full)", repeat, () => AllProfiles(model, customers), r => $"{r} relationships"),
                Measure("SummariseAll (overview's derivation)", repeat, () => model.SummariseAll().Count),
                Measure("overview view (SummariseAll + grouping)", repeat, () => SourcingViewsBuilder.Overview(model).Relationships),
                Measure("matrix view, provider-wide", repeat, () => SourcingViewsBuilder.Matrix(model, null).Services.Count),
                Measure("ISO/IEC 20000 scope", Math.Min(repeat, 3), () => Iso20000Scope.For(model, model.PartyOf(model.ProviderId), []).Services.Count),
            };
            foreach (var r in results) Log(r.ToString());

            // What GET /profile does after its queries: a model of one customer's facts, its view, the JSON.
            var sample = customers.Where((_, i) => i % Math.Max(1, customers.Count / 50) == 0).Take(50).ToList();
            var oneFacts = sample.Select(c => (Customer: c, Facts: Facts.Of(data, c))).ToList();
            var bytes = 0L;
            var one = Measure($"one customer's profile x{sample.Count}: model+view+JSON", repeat, () =>
            {
                bytes = 0;
                foreach (var (c, f) in oneFacts)
                    bytes += JsonSerializer.SerializeToUtf8Bytes(SourcingViewsBuilder.Profile(f.Build(), c), Json).Length;
                return bytes;
            }, b => $"{(long)b! / sample.Count / 1024.0:F0} KiB of JSON per profile");
            Measured Each(Measured m, string name) => m with { Name = name, MedianMs = m.MedianMs / sample.Count, MinMs = m.MinMs / sample.Count, AllocatedMb = m.AllocatedMb / sample.Count, CpuMs = m.CpuMs / sample.Count };
            results.Add(Each(one, "one customer's profile: model+view+JSON (each)"));
            Log(results[^1].ToString());
            // The same, step by step.
            var views = oneFacts.Select(x => SourcingViewsBuilder.Profile(x.Facts.Build(), x.Customer)).ToList();
            foreach (var (name, work) in new (string, Func<object?>)[]
            {
                ("  steps: build the one-customer model", () => oneFacts.Select(x => x.Facts.Build()).Count()),
                ("  steps: build + ProfileOf", () => oneFacts.Select(x => x.Facts.Build().ProfileOf(x.Customer).Count).Sum()),
                ("  steps: build + ProfileOf + view", () => oneFacts.Select(x => SourcingViewsBuilder.Profile(x.Facts.Build(), x.Customer).Services.Count).Sum()),
                ("  steps: JSON of the view alone", () => views.Sum(v => JsonSerializer.SerializeToUtf8Bytes(v, Json).Length)),
            })
            {
                results.Add(Each(Measure(name, repeat, work), name + " (each)"));
                Log(results[^1].ToString());
            }
            var matrixOne = Measure($"one customer's matrix view x{sample.Count}", repeat, () =>
                oneFacts.Sum(x => SourcingViewsBuilder.Matrix(x.Facts.Build(), x.Customer).Services.Count));
            results.Add(Each(matrixOne, "one customer's matrix view (each)"));
            Log(results[^1].ToString());

            if (args.Get("dump-profile") is { } dump)
                await File.WriteAllBytesAsync(dump, JsonSerializer.SerializeToUtf8Bytes(SourcingViewsBuilder.Profile(oneFacts[0].Facts.Build(), oneFacts[0].Customer), Json));
            var kinds = model.SummariseAll().GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
            var mix = $"{string.Join(", ", kinds)}; mismatches {model.SummariseAll().Count(r => r.Mismatch)}";
            Log($"kinds: {mix}");
            rows.Add((shape, results, mix));
            await Task.Yield();
        }

        Log("\n| Shape (customers x services) | Relationships | " + string.Join(" | ", rows[0].Results.Select(r => r.Name)) + " |");
        Log("|---|---:|" + string.Concat(rows[0].Results.Select(_ => "---:|")));
        foreach (var (shape, results, _) in rows)
        {
            var relationships = results[1].Note.Split(' ')[0];
            Log($"| {shape.Label} | {relationships} | " + string.Join(" | ", results.Select(Cell)) + " |");
        }
        Log($"\nload average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (args.Get("out") is { } outPath) await File.WriteAllTextAsync(outPath, sb.ToString());
        return 0;
    }
}
