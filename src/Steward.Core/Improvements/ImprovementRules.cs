using System.Globalization;
using NodaTime;
using Steward.Core.Common;
using Steward.Core.Measures;

namespace Steward.Core.Improvements;

/// <summary>
/// The rules of an improvement's measure, baseline and target, each refusal naming its field (a
/// 400). A money measure is a conflict with who reads the register (no field: 409).
/// </summary>
public static class ImprovementRules
{
    /// <summary>A baseline covers at most as long as a report does.</summary>
    public static readonly Duration LongestBaseline = Duration.FromDays(400);

    /// <summary>The measure of <paramref name="key"/>, or why it cannot be improved on.</summary>
    public static (MeasureDefinition? Measure, RuleViolation? Broken) Measure(string? key)
    {
        if (MeasureCatalog.Find(key?.Trim()) is not { } measure)
            return (null, new($"No measure is called '{Shorten(key)}'; GET /api/v1/measures lists them.", "measureKey"));
        // Every person of the provider reads the register (its baselines, reviews and charts), while
        // costs and margins are read only by those who may read costs: a money measure stays out of it.
        if (measure.Unit is MeasureUnit.Currency)
            return (null, new($"'{measure.Key}' is money from the provider's finance, which only those who read costs may see, while every person of the provider reads the improvement register; improve a measure computed from the records."));
        return (measure, null);
    }

    /// <summary>The scope field of the API a measure scope is named by.</summary>
    public static string FieldOf(MeasureScopes scope) => scope switch
    {
        MeasureScopes.Service => "scope.serviceIds",
        MeasureScopes.Customer => "scope.customerIds",
        MeasureScopes.Process => "scope.processKeys",
        MeasureScopes.Party => "scope.partyId",
        MeasureScopes.Kind => "scope.kind",
        _ => "scope",
    };

    /// <summary>The first scope the measure cannot be narrowed to, named as the improvement's field.</summary>
    public static RuleViolation? CheckScope(MeasureDefinition measure, ImprovementScope scope)
    {
        foreach (var one in Enum.GetValues<MeasureScopes>())
            if (one is not MeasureScopes.None && scope.Scopes.HasFlag(one) && MeasureCatalog.CheckScopes(measure, one) is { } refused)
                return new(refused.Detail, FieldOf(one));
        return null;
    }

    /// <summary>A baseline is a period that has ended: from before to, at most 400 days long, not after now.</summary>
    public static RuleViolation? CheckBaseline(Instant from, Instant to, Instant now)
    {
        if (to <= from) return new("The baseline ends after it starts: baselineTo comes after baselineFrom.", "baselineTo");
        if (to - from > LongestBaseline) return new("A baseline covers at most 400 days.", "baselineFrom");
        if (to > now) return new("A baseline is a period that has passed; it ends now at the latest.", "baselineTo");
        return null;
    }

    /// <summary>The baseline's value, computed from the records: nothing measured is nothing to improve from.</summary>
    public static RuleViolation? CheckBaselineValue(MeasureDefinition measure, decimal? value) =>
        value is null
            ? new($"Nothing to improve from: '{measure.Key}' has no value over the baseline period in this scope (no records, clocks or answers to measure).", "baselineFrom")
            : null;

    /// <summary>The lowest and highest value a unit can take (0–100 %, a score of 1–5, at least 0 otherwise).</summary>
    public static (decimal Min, decimal? Max) Bounds(MeasureUnit unit) => unit switch
    {
        MeasureUnit.Percent => (0m, 100m),
        MeasureUnit.Score => (1m, 5m),
        _ => (0m, null),
    };

    /// <summary>A target within the unit's bounds and better than the baseline in the measure's direction.</summary>
    public static RuleViolation? CheckTarget(MeasureDefinition measure, decimal baseline, decimal target)
    {
        var (min, max) = Bounds(measure.Unit);
        if (target < min || (max is { } m && target > m))
            return new($"A target in {Unit(measure)} lies {(max is { } top ? $"between {Number(min)} and {Number(top)}" : $"at {Number(min)} or above")}.", "target");
        if (!measure.Improves(baseline, target))
            return new($"The target must be {(measure.Direction is MeasureDirection.HigherIsBetter ? "above" : "below")} the baseline of {Number(baseline)} {Unit(measure)}: " +
                $"for '{measure.Key}' {(measure.Direction is MeasureDirection.HigherIsBetter ? "higher" : "lower")} is better.", "target");
        return null;
    }

    /// <summary>The target date falls after the baseline's last day (read in the improvement's zone).</summary>
    public static RuleViolation? CheckTargetDate(LocalDate targetDate, Instant baselineTo, DateTimeZone zone)
    {
        var lastDay = (baselineTo - Duration.Epsilon).InZone(zone).Date;
        return targetDate <= lastDay
            ? new($"The target date comes after the baseline, which ends on {lastDay:uuuu-MM-dd}.", "targetDate")
            : null;
    }

    /// <summary>Achieved only when the measure's value now meets the target (409 otherwise, naming both).</summary>
    public static RuleViolation? CheckAchieved(MeasureDefinition measure, decimal? measured, decimal target)
    {
        if (measured is not { } value)
            return new($"'{measure.Key}' has nothing to measure now (no records, clocks or answers in the window), so the target of {Number(target)} {Unit(measure)} cannot be shown met; close it as not achieved, or wait for data.");
        return measure.Meets(value, target) ? null
            : new($"'{measure.Key}' measures {Number(value)} {Unit(measure)} now, which misses the target of {Number(target)} {Unit(measure)}; an improvement is achieved when its measure meets the target.");
    }

    public static string Unit(MeasureDefinition measure) => measure.Unit switch
    {
        MeasureUnit.Percent => "%",
        MeasureUnit.Score => "points",
        _ => measure.Unit.ToString().ToLowerInvariant(),
    };

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text : text[..60] + "…";
}
