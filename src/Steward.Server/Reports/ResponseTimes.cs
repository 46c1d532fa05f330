using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Calendars;
using Steward.Core;
using Steward.Core.Sla;

namespace Steward.Server.Reports;

/// <summary>How long something took, over the records that have done it: null mean and median when none has.</summary>
public sealed record TimeStats(int Count, double? MeanSeconds, double? MedianSeconds)
{
    public static TimeStats Of(IEnumerable<Duration> durations)
    {
        var seconds = durations.Select(d => d.TotalSeconds).Order().ToArray();
        if (seconds.Length == 0) return new(0, null, null);
        var middle = seconds.Length / 2;
        var median = seconds.Length % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
        return new(seconds.Length, Math.Round(seconds.Average(), 1), Math.Round(median, 1));
    }
}

/// <summary>
/// Time to respond and to resolve of one group of records: in business time, as the first response
/// and resolution clocks counted it (only stopped clocks: the time is final), and in wall time, from
/// logging to the first response or the resolution as recorded.
/// </summary>
public sealed record ResponseTimesRow(string Key, string Name, LocalDate? WeekStart, int Records,
    TimeStats RespondBusiness, TimeStats RespondWall, TimeStats ResolveBusiness, TimeStats ResolveWall);

public sealed record ResponseTimesReport(ReportPeriod Period, IReadOnlyList<ResponseTimesRow> ByPriority, IReadOnlyList<ResponseTimesRow> ByWeek, ResponseTimesRow Total);

/// <summary>
/// Mean and median time to respond and to resolve for the records opened in the period, per
/// priority and per week they were opened in (weeks start on Monday in the report's zone). Medians
/// need every value, so the database returns one narrow row per record and clock, not the records.
/// </summary>
public static class ResponseTimes
{
    sealed record Fact(int Priority, LocalDate Week, Duration? RespondWall, Duration? ResolveWall, Duration? RespondBusiness, Duration? ResolveBusiness);

    public static async Task<ResponseTimesReport> RunAsync(StewardDbContext db, ReportScope scope, CancellationToken ct)
    {
        var records = await ReportRecords.OpenedIn(db, scope)
            .Select(r => new { r.Id, r.Priority, r.OpenedAt, r.RespondedAt, r.ResolvedAt })
            .ToListAsync(ct);
        var clocks = await (
                from c in db.SlaClocks.AsNoTracking()
                join r in ReportRecords.OpenedIn(db, scope) on c.RecordId equals r.Id
                where c.Stage == ClockStage.Stopped && (c.Metric == ClockMetric.FirstResponse || c.Metric == ClockMetric.Resolution)
                select new { c.RecordId, c.Metric, c.Business })
            .ToListAsync(ct);
        var respond = clocks.Where(c => c.Metric == ClockMetric.FirstResponse).GroupBy(c => c.RecordId).ToDictionary(g => g.Key, g => g.First().Business);
        var resolve = clocks.Where(c => c.Metric == ClockMetric.Resolution).GroupBy(c => c.RecordId).ToDictionary(g => g.Key, g => g.First().Business);
        var facts = records.Select(r => new Fact(r.Priority, WeekOf(scope.DateOf(r.OpenedAt)),
            r.RespondedAt - r.OpenedAt, r.ResolvedAt - r.OpenedAt,
            respond.TryGetValue(r.Id, out var a) ? a : null, resolve.TryGetValue(r.Id, out var b) ? b : null)).ToList();

        var byPriority = facts.GroupBy(f => f.Priority).OrderBy(g => g.Key)
            .Select(g => Row(g.Key.ToString(CultureInfo.InvariantCulture), $"P{g.Key}", null, g.ToList()))
            .ToList();
        var weeks = facts.ToLookup(f => f.Week);
        var byWeek = new List<ResponseTimesRow>();
        var last = WeekOf(scope.DateOf(scope.To - Duration.Epsilon));
        for (var week = WeekOf(scope.DateOf(scope.From)); week <= last; week = week.PlusWeeks(1))
            byWeek.Add(Row(WeekKey(week), $"Week of {week.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", week, weeks[week].ToList()));
        return new ResponseTimesReport(scope.ToPeriod(), byPriority, byWeek, Row("", "Total", null, facts));
    }

    static ResponseTimesRow Row(string key, string name, LocalDate? week, IReadOnlyCollection<Fact> facts) => new(key, name, week, facts.Count,
        TimeStats.Of(facts.Select(f => f.RespondBusiness).OfType<Duration>()),
        TimeStats.Of(facts.Select(f => f.RespondWall).OfType<Duration>()),
        TimeStats.Of(facts.Select(f => f.ResolveBusiness).OfType<Duration>()),
        TimeStats.Of(facts.Select(f => f.ResolveWall).OfType<Duration>()));

    /// <summary>The Monday that starts the week of <paramref name="date"/>.</summary>
    public static LocalDate WeekOf(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - (int)IsoDayOfWeek.Monday));

    /// <summary>"2026-W49": the ISO week of a Monday.</summary>
    public static string WeekKey(LocalDate monday) =>
        $"{WeekYearRules.Iso.GetWeekYear(monday)}-W{WeekYearRules.Iso.GetWeekOfWeekYear(monday):D2}";
}
