using NodaTime;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Measures;

namespace Steward.Server.Improvements;

/// <summary>A measure's value over a window, with how many rows it stands on.</summary>
public sealed record MeasuredValue(decimal? Value, long N, Instant From, Instant To);

/// <summary>A month of an improvement's chart: the measure over that month (null where nothing was measured).</summary>
public sealed record MonthlyPoint(LocalDate Month, decimal? Value);

/// <summary>
/// The register's one way to the measures engine: the baseline, the current value, a review's and
/// the closing value, each over the improvement's provider and scope. The engine reads past the
/// query filters; callers have found the improvement (or its provider) in the actor's tenancy first.
/// </summary>
public static class ImprovementMeasures
{
    public static MeasureFilter FilterOf(Guid provider, ImprovementScope s) => new(provider, s.ServiceId, s.CustomerId, s.ProcessKey, s.PartyId, s.Kind);

    public static DateTimeZone ZoneOf(Improvement improvement) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(improvement.Zone) ?? DateTimeZone.Utc;

    public static async Task<MeasuredValue> ValueAsync(StewardDbContext db, MeasureDefinition measure, Guid provider, ImprovementScope scope,
        Instant from, Instant to, DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var v = await new MeasureEngine(db).ValueAsync(measure, [provider], FilterOf(provider, scope), from, to, zone, now, ct);
        return new MeasuredValue(v.Value is { } d ? (decimal)d : null, v.N, from, to);
    }

    /// <summary>The improvement's measure over a window as long as its baseline, ending at <paramref name="at"/>.</summary>
    public static Task<MeasuredValue> AtAsync(StewardDbContext db, Improvement improvement, Instant at, Instant now, CancellationToken ct)
    {
        var window = improvement.WindowAt(at);
        return ValueAsync(db, MeasureCatalog.Find(improvement.MeasureKey)!, improvement.ProviderId, improvement.Scope, window.From, window.To, ZoneOf(improvement), now, ct);
    }

    /// <summary>The most months a chart shows: the last two years of a long-running improvement.</summary>
    public const int ChartMonths = 24;

    /// <summary>The measure per month from the baseline's first month to now, as the register's chart draws it; none for a reader it is withheld from.</summary>
    public static async Task<IReadOnlyList<MonthlyPoint>> MonthlyAsync(StewardDbContext db, Improvement improvement, Instant now, CancellationToken ct)
    {
        if (ImprovementRedaction.Withheld(db.Actor, improvement) is not null) return [];
        var zone = ZoneOf(improvement);
        var measure = MeasureCatalog.Find(improvement.MeasureKey)!;
        var buckets = Periods.Buckets(improvement.BaselineFrom, now, zone, MeasureInterval.Month).TakeLast(ChartMonths).ToList();
        var (values, _) = await new MeasureEngine(db).SeriesAsync(measure, [improvement.ProviderId], FilterOf(improvement.ProviderId, improvement.Scope), buckets, zone, now, ct);
        var points = buckets.Zip(values, (b, v) => new MonthlyPoint(b.Start, v.Value is { } d ? (decimal)d : null)).ToList();
        return points;
    }
}
