using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Sla;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Reports;

/// <summary>The dimensions SLA compliance is broken down by.</summary>
public enum ComplianceDimension
{
    Service,
    Customer,
    Priority,
    Party,
}

/// <summary>
/// How many clocks of one kind met or breached their target. <see cref="Pending"/> clocks are still
/// running (or paused) within their target; <see cref="Unjudged"/> ones have no target, so their
/// time is measured but not judged. Compliance is met ÷ (met + breached): a clock counts once its
/// outcome is known, and a breach is known the moment it happens, before the record is resolved.
/// </summary>
public sealed record ComplianceCounts(int Clocks, int Met, int Breached, int Pending, int Unjudged, double? CompliancePercent)
{
    public static readonly ComplianceCounts None = Of(0, 0, 0, 0);

    public static ComplianceCounts Of(int clocks, int met, int breached, int unjudged) =>
        new(clocks, met, breached, clocks - met - breached - unjudged, unjudged, Percent(met, met + breached));

    public ComplianceCounts Add(ComplianceCounts other) =>
        Of(Clocks + other.Clocks, Met + other.Met, Breached + other.Breached, Unjudged + other.Unjudged);

    public static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}

/// <summary>
/// One group's clocks: the records' first response and resolution clocks (null when grouping by
/// party, which holds only party clocks) and the performing parties' clocks against their own agreements.
/// </summary>
public sealed record ComplianceRow(string Key, string Name, ComplianceCounts? FirstResponse, ComplianceCounts? Resolution, ComplianceCounts Party);

public sealed record ComplianceReport(ReportPeriod Period, ComplianceDimension By, IReadOnlyList<ComplianceRow> Rows, ComplianceRow Total);

/// <summary>SLA compliance of the records opened in the period, counted in the database with one GROUP BY per report.</summary>
public static class SlaCompliance
{
    public static async Task<ComplianceReport> RunAsync(StewardDbContext db, ReportScope scope, ComplianceDimension by, Instant now, CancellationToken ct)
    {
        var facts = ReportRecords.Clocks(db, scope, now);
        var rows = by switch
        {
            ComplianceDimension.Service => await NamedAsync(db, await TallyAsync(facts, f => f.ServiceId, ct), "No service"),
            ComplianceDimension.Customer => await NamedAsync(db, (await TallyAsync(facts, f => f.CustomerId, ct)).Select(t => t.With((Guid?)t.Key)).ToList(), ""),
            ComplianceDimension.Priority => (await TallyAsync(facts, f => f.Priority, ct)).OrderBy(t => t.Key)
                .Select(t => t.ToRow(t.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), $"P{t.Key}")).ToList(),
            _ => (await NamedAsync(db, await TallyAsync(facts.Where(f => f.Metric == ClockMetric.Party), f => f.PartyId, ct), "Unknown party"))
                .Select(r => r with { FirstResponse = null, Resolution = null }).ToList(),
        };
        var total = new ComplianceRow("", "Total",
            by is ComplianceDimension.Party ? null : Sum(rows.Select(r => r.FirstResponse!)),
            by is ComplianceDimension.Party ? null : Sum(rows.Select(r => r.Resolution!)),
            Sum(rows.Select(r => r.Party)));
        return new ComplianceReport(scope.ToPeriod(), by, rows, total);
    }

    static ComplianceCounts Sum(IEnumerable<ComplianceCounts> counts) => counts.Aggregate(ComplianceCounts.None, (a, b) => a.Add(b));

    /// <summary>Each group's clocks by metric and outcome, as conditional counts of one GROUP BY.</summary>
    internal static Task<List<Tally<TKey>>> TallyAsync<TKey>(IQueryable<ClockFact> facts, Expression<Func<ClockFact, TKey>> key, CancellationToken ct) =>
        facts.GroupBy(key).Select(g => new Tally<TKey>
        {
            Key = g.Key,
            ResponseClocks = g.Count(f => f.Metric == ClockMetric.FirstResponse),
            ResponseMet = g.Count(f => f.Metric == ClockMetric.FirstResponse && f.Judged && f.Stopped && !f.Breached),
            ResponseBreached = g.Count(f => f.Metric == ClockMetric.FirstResponse && f.Judged && f.Breached),
            ResponseUnjudged = g.Count(f => f.Metric == ClockMetric.FirstResponse && !f.Judged),
            ResolutionClocks = g.Count(f => f.Metric == ClockMetric.Resolution),
            ResolutionMet = g.Count(f => f.Metric == ClockMetric.Resolution && f.Judged && f.Stopped && !f.Breached),
            ResolutionBreached = g.Count(f => f.Metric == ClockMetric.Resolution && f.Judged && f.Breached),
            ResolutionUnjudged = g.Count(f => f.Metric == ClockMetric.Resolution && !f.Judged),
            PartyClocks = g.Count(f => f.Metric == ClockMetric.Party),
            PartyMet = g.Count(f => f.Metric == ClockMetric.Party && f.Judged && f.Stopped && !f.Breached),
            PartyBreached = g.Count(f => f.Metric == ClockMetric.Party && f.Judged && f.Breached),
            PartyUnjudged = g.Count(f => f.Metric == ClockMetric.Party && !f.Judged),
        }).ToListAsync(ct);

    static async Task<List<ComplianceRow>> NamedAsync(StewardDbContext db, List<Tally<Guid?>> tallies, string none)
    {
        var names = await PartyNames.OfAsync(db, tallies.Select(t => t.Key));
        return tallies
            .Select(t => t.ToRow(t.Key?.ToString() ?? "", t.Key is { } id ? names.GetValueOrDefault(id, "Unknown") : none))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>What the database answers per group: conditional counts per metric.</summary>
sealed class Tally<TKey>
{
    public required TKey Key { get; init; }
    public int ResponseClocks { get; init; }
    public int ResponseMet { get; init; }
    public int ResponseBreached { get; init; }
    public int ResponseUnjudged { get; init; }
    public int ResolutionClocks { get; init; }
    public int ResolutionMet { get; init; }
    public int ResolutionBreached { get; init; }
    public int ResolutionUnjudged { get; init; }
    public int PartyClocks { get; init; }
    public int PartyMet { get; init; }
    public int PartyBreached { get; init; }
    public int PartyUnjudged { get; init; }

    public Tally<T> With<T>(T key) => new()
    {
        Key = key, ResponseClocks = ResponseClocks, ResponseMet = ResponseMet, ResponseBreached = ResponseBreached, ResponseUnjudged = ResponseUnjudged,
        ResolutionClocks = ResolutionClocks, ResolutionMet = ResolutionMet, ResolutionBreached = ResolutionBreached, ResolutionUnjudged = ResolutionUnjudged,
        PartyClocks = PartyClocks, PartyMet = PartyMet, PartyBreached = PartyBreached, PartyUnjudged = PartyUnjudged,
    };

    public ComplianceRow ToRow(string key, string name) => new(key, name,
        ComplianceCounts.Of(ResponseClocks, ResponseMet, ResponseBreached, ResponseUnjudged),
        ComplianceCounts.Of(ResolutionClocks, ResolutionMet, ResolutionBreached, ResolutionUnjudged),
        ComplianceCounts.Of(PartyClocks, PartyMet, PartyBreached, PartyUnjudged));
}
