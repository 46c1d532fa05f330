using BenchmarkDotNet.Attributes;
using NodaTime;
using Steward.Core.Sla;

namespace Steward.Bench;

/// <summary>
/// Issue 5: due dates and elapsed business time. Each invocation computes 1,024 of them from starts
/// spread over 2026–2028 (so several year tables are in use), on a calendar whose tables are built;
/// the result is per computation. <see cref="BuildYear"/> is the one-time cost of a new year's table.
/// Parameters: the zone, how many working intervals a day (the table grows with them), and the
/// business time asked for (the search crosses more intervals and, for 2,000 h, years).
/// </summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    const int Batch = 1024;

    [Params("Europe/London", "Australia/Lord_Howe")] public string Zone { get; set; } = "Europe/London";
    [Params(1, 12)] public int IntervalsPerDay { get; set; }
    [Params(1, 8, 2000)] public int Hours { get; set; }

    BusinessCalendar calendar = null!;
    readonly Instant[] starts = new Instant[Batch];
    readonly Instant[] ends = new Instant[Batch];
    Duration duration;

    [GlobalSetup]
    public void Setup()
    {
        calendar = Calendar(Zone, IntervalsPerDay);
        var random = new Random(42);
        var from = Instant.FromUtc(2026, 1, 1, 0, 0);
        for (var i = 0; i < Batch; i++)
        {
            starts[i] = from + Duration.FromSeconds(random.NextInt64(0, 3L * 365 * 86_400));
            ends[i] = starts[i] + Duration.FromHours(random.Next(1, 24 * 30));
        }
        duration = Duration.FromHours(Hours);
        foreach (var start in starts) calendar.Due(start, duration); // build every year table the batch touches
    }

    /// <summary>Monday to Friday, 08:00–18:00 cut into <paramref name="perDay"/> intervals with short gaps between them.</summary>
    public static BusinessCalendar Calendar(string zone, int perDay)
    {
        var hours = new List<WorkingHours>();
        var length = 600 / perDay;
        foreach (var day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
            for (var i = 0; i < perDay; i++)
                hours.Add(new WorkingHours(day, 480 + i * length, 480 + (i + 1) * length - (perDay > 1 ? 5 : 0)));
        var holidays = Enumerable.Range(2025, 6).SelectMany(y => new[] { new LocalDate(y, 1, 1), new LocalDate(y, 12, 25), new LocalDate(y, 12, 26) });
        return new BusinessCalendar(DateTimeZoneProviders.Tzdb[zone], hours, holidays);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Due()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++) sum += calendar.Due(starts[i], duration)!.Value.ToUnixTimeTicks();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public long Elapsed()
    {
        long sum = 0;
        for (var i = 0; i < Batch; i++) sum += calendar.Elapsed(starts[i], ends[i]).BclCompatibleTicks;
        return sum;
    }

    /// <summary>A fresh calendar's first question about a year: its table is built.</summary>
    [Benchmark]
    public Instant? BuildYear() => Calendar(Zone, IntervalsPerDay).Due(starts[0], Duration.FromMinutes(1));
}
