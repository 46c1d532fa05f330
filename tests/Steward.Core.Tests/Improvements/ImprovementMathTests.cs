using NodaTime;
using Steward.Core.Improvements;
using Steward.Core.Measures;

namespace Steward.Core.Tests.Improvements;

/// <summary>Windows as long as the baseline, the halfway target of a one-click improvement, gains and the achieved rate.</summary>
public sealed class ImprovementMathTests
{
    static MeasureDefinition M(string key) => MeasureCatalog.Find(key)!;

    [Fact]
    public void A_value_is_taken_over_a_window_as_long_as_the_baseline_ending_at_the_moment_asked()
    {
        var from = Instant.FromUtc(2026, 9, 1, 0, 0);
        var to = Instant.FromUtc(2026, 12, 1, 0, 0);
        var review = Instant.FromUtc(2027, 1, 15, 12, 0);

        var window = ImprovementMath.WindowEndingAt(from, to, review);

        Assert.Equal(review, window.To);
        Assert.Equal(Duration.FromDays(91), window.To - window.From);
        Assert.Equal(Instant.FromUtc(2026, 10, 16, 12, 0), window.From);
        // At the baseline's own end the window is the baseline.
        Assert.Equal(new ImprovementWindow(from, to), ImprovementMath.WindowEndingAt(from, to, to));
    }

    [Theory]
    [InlineData("sla-compliance", 80, 90)]
    [InlineData("sla-compliance", 57.1, 78.6)]
    [InlineData("csat-mean", 3.2, 4.1)]
    [InlineData("csat-mean", 1, 3)]
    [InlineData("backlog", 40, 20)]
    [InlineData("response-time-median", 2.5, 1.25)]
    public void A_one_click_target_is_halfway_from_the_baseline_to_the_best_value(string key, double baseline, double target) =>
        Assert.Equal((decimal)target, ImprovementMath.HalfwayTarget(M(key), (decimal)baseline));

    [Theory]
    [InlineData("sla-compliance", 100)]
    [InlineData("csat-mean", 5)]
    [InlineData("backlog", 0)]
    public void At_the_best_value_already_there_is_no_target_to_propose(string key, double baseline) =>
        Assert.Null(ImprovementMath.HalfwayTarget(M(key), (decimal)baseline));

    [Fact]
    public void A_gain_is_positive_in_the_direction_that_is_better()
    {
        Assert.Equal(12.5m, ImprovementMath.Gain(MeasureDirection.HigherIsBetter, 60m, 72.5m));
        Assert.Equal(15m, ImprovementMath.Gain(MeasureDirection.LowerIsBetter, 40m, 25m));
        Assert.Equal(-5m, ImprovementMath.Gain(MeasureDirection.LowerIsBetter, 40m, 45m));
    }

    [Fact]
    public void The_achieved_rate_leaves_abandoned_improvements_out()
    {
        Assert.Equal(66.7, ImprovementMath.AchievedRate(2, 1));
        Assert.Null(ImprovementMath.AchievedRate(0, 0));
    }
}
