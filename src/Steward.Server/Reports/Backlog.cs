using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;

namespace Steward.Server.Reports;

public sealed record CountRow(string Key, string Name, int Count);

/// <summary>Records opened and records resolved on one day (in the report's zone).</summary>
public sealed record DayRow(LocalDate Day, int Opened, int Resolved);

/// <summary>
/// The backlog as it stands at <see cref="At"/>: every open record matching the filters, whenever it
/// was opened, by state, by age and by priority; and the flow over the period, records opened and
/// resolved per day.
/// </summary>
public sealed record BacklogReport(ReportPeriod Period, Instant At, int Open, IReadOnlyList<CountRow> ByState, IReadOnlyList<CountRow> ByAge,
    IReadOnlyList<CountRow> ByPriority, IReadOnlyList<DayRow> Days);

public static class Backlog
{
    /// <summary>The age buckets: at least the lower bound in days, less than the upper.</summary>
    public static readonly (string Key, string Name, int FromDays)[] Ages =
        [("lt1d", "< 1 d", 0), ("1to3d", "1–3 d", 1), ("3to7d", "3–7 d", 3), ("7to30d", "7–30 d", 7), ("gt30d", "> 30 d", 30)];

    static readonly RecordState[] OpenStates = [RecordState.New, RecordState.AwaitingApproval, RecordState.InProgress, RecordState.OnHold];

    public static async Task<BacklogReport> RunAsync(StewardDbContext db, ReportScope scope, Instant now, CancellationToken ct)
    {
        var open = ReportRecords.Matching(db, scope).Where(r => OpenStates.Contains(r.State));
        var states = await open.GroupBy(r => r.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var priorities = await open.GroupBy(r => r.Priority).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Instant d1 = now - Duration.FromDays(1), d3 = now - Duration.FromDays(3), d7 = now - Duration.FromDays(7), d30 = now - Duration.FromDays(30);
        var ages = await open
            .GroupBy(r => r.OpenedAt > d1 ? 0 : r.OpenedAt > d3 ? 1 : r.OpenedAt > d7 ? 2 : r.OpenedAt > d30 ? 3 : 4)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        // Days are local to the report's zone, which neither database can be asked portably to
        // truncate to: the instants come back (one narrow column, read by range) and are counted here.
        var opened = await ReportRecords.OpenedIn(db, scope).Select(r => r.OpenedAt).ToListAsync(ct);
        var resolved = await ReportRecords.Matching(db, scope)
            .Where(r => r.ResolvedAt >= scope.From && r.ResolvedAt < scope.To)
            .Select(r => r.ResolvedAt!.Value).ToListAsync(ct);
        var openedOn = opened.CountBy(scope.DateOf).ToDictionary();
        var resolvedOn = resolved.CountBy(scope.DateOf).ToDictionary();
        var days = new List<DayRow>();
        for (LocalDate day = scope.DateOf(scope.From), last = scope.DateOf(scope.To - Duration.Epsilon); day <= last; day = day.PlusDays(1))
            days.Add(new DayRow(day, openedOn.GetValueOrDefault(day), resolvedOn.GetValueOrDefault(day)));

        var shownStates = scope.Kind is RecordKind.Incident ? OpenStates.Where(s => s is not RecordState.AwaitingApproval) : OpenStates;
        return new BacklogReport(scope.ToPeriod(), now, states.Values.Sum(),
            shownStates.Select(s => new CountRow(s.ToString(), Ui.Shared.Show.Words(s), states.GetValueOrDefault(s))).ToList(),
            Ages.Select((a, i) => new CountRow(a.Key, a.Name, ages.GetValueOrDefault(i))).ToList(),
            Enumerable.Range(PriorityMatrix.Highest, PriorityMatrix.Lowest - PriorityMatrix.Highest + 1).Select(p => new CountRow(
                p.ToString(System.Globalization.CultureInfo.InvariantCulture), $"P{p}", priorities.GetValueOrDefault(p))).ToList(),
            days);
    }
}
