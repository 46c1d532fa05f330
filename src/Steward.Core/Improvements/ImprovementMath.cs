using NodaTime;
using Steward.Core.Measures;

namespace Steward.Core.Improvements;

/// <summary>A span a measure's value is taken over: [From, To).</summary>
public readonly record struct ImprovementWindow(Instant From, Instant To);

/// <summary>The arithmetic of the register: windows, default targets, gains and the achieved rate.</summary>
public static class ImprovementMath
{
    /// <summary>
    /// The window as long as the baseline that ends at <paramref name="at"/>: the current value, a
    /// review's and the closing value are all taken over it, so that they compare like with like with
    /// the baseline (a month of answers against a month, not a week). The backlog, an instant's
    /// measure, reads as it stood at <paramref name="at"/>.
    /// </summary>
    public static ImprovementWindow WindowEndingAt(Instant baselineFrom, Instant baselineTo, Instant at) => new(at - (baselineTo - baselineFrom), at);

    /// <summary>The best value a measure can take, where its unit bounds it: 100 %, a score of 5, and nothing (0) for what is better lower.</summary>
    public static decimal? Best(MeasureDefinition measure) => measure.Direction switch
    {
        MeasureDirection.LowerIsBetter => 0m,
        _ => measure.Unit switch
        {
            MeasureUnit.Percent => 100m,
            MeasureUnit.Score => 5m,
            _ => null,
        },
    };

    /// <summary>
    /// The target a one-click improvement proposes: halfway from the baseline to the best value
    /// (compliance of 80 % → 90 %, satisfaction of 3.2 → 4.1), rounded as the measure is. Null
    /// when the measure has no best value or the baseline is already there: the caller must say.
    /// </summary>
    public static decimal? HalfwayTarget(MeasureDefinition measure, decimal baseline)
    {
        if (Best(measure) is not { } best) return null;
        var target = Math.Round((baseline + best) / 2, measure.Unit is MeasureUnit.Percent ? 1 : 2, MidpointRounding.AwayFromZero);
        return measure.Improves(baseline, target) ? target : null;
    }

    /// <summary>How far a measure moved from the baseline, in the direction that is better: positive is a gain.</summary>
    public static decimal Gain(MeasureDirection direction, decimal baseline, decimal closing) =>
        direction is MeasureDirection.HigherIsBetter ? closing - baseline : baseline - closing;

    /// <summary>Achieved ÷ (achieved + not achieved), as a percentage to one decimal; abandoned improvements are not judged.</summary>
    public static double? AchievedRate(int achieved, int notAchieved) => MeasureMath.Percent(achieved, achieved + notAchieved);
}
