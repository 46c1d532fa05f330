using NodaTime;
using Steward.Core.Improvements;
using Steward.Core.Measures;

namespace Steward.Core.Tests.Improvements;

/// <summary>The rules of an improvement's measure, scope, baseline and target: each refusal names its field.</summary>
public sealed class ImprovementRulesTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 12, 7, 10, 0);
    static MeasureDefinition M(string key) => MeasureCatalog.Find(key)!;

    [Theory]
    [InlineData("no-such-measure", "measureKey")]
    [InlineData("", "measureKey")]
    [InlineData(null, "measureKey")]
    [InlineData("SLA-COMPLIANCE", "measureKey")]
    public void An_unknown_measure_key_is_refused_on_measureKey(string? key, string field) =>
        Assert.Equal(field, ImprovementRules.Measure(key).Broken?.Field);

    [Theory]
    [InlineData("cost-per-record")]
    [InlineData("margin")]
    public void A_money_measure_is_a_conflict_as_every_person_of_the_provider_reads_the_register(string key)
    {
        var (measure, broken) = ImprovementRules.Measure(key);

        Assert.Null(measure);
        Assert.NotNull(broken);
        Assert.Null(broken.Field);
        Assert.Contains("finance", broken.Detail);
    }

    [Fact]
    public void Every_measure_computed_from_the_records_can_be_improved()
    {
        Assert.All(MeasureCatalog.All.Where(m => m.Unit is not MeasureUnit.Currency), m => Assert.Null(ImprovementRules.Measure(m.Key).Broken));
    }

    [Theory]
    [InlineData("backlog", "scope.partyId")]
    [InlineData("review-turnaround-median", "scope.customerIds")]
    public void A_scope_the_measure_cannot_be_narrowed_to_is_refused_on_its_field(string key, string field)
    {
        var scope = new ImprovementScope(CustomerId: Guid.NewGuid(), PartyId: Guid.NewGuid());

        Assert.Equal(field, ImprovementRules.CheckScope(M(key), scope)?.Field);
        Assert.Null(ImprovementRules.CheckScope(M("sla-compliance"), scope));
        Assert.Null(ImprovementRules.CheckScope(M("review-turnaround-median"), new ImprovementScope(ServiceId: Guid.NewGuid(), ProcessKey: "incident-management")));
    }

    public static TheoryData<string, double, double, string?> Targets => new()
    {
        { "sla-compliance", 60, 80, null },
        { "sla-compliance", 60, 60, "target" },
        { "sla-compliance", 60, 55, "target" },
        { "sla-compliance", 60, 100.1, "target" },
        { "sla-compliance", 60, 100, null },
        { "csat-mean", 3.2, 4.1, null },
        { "csat-mean", 3.2, 5.5, "target" },
        { "csat-mean", 1.5, 0.5, "target" },
        { "backlog", 40, 25, null },
        { "backlog", 40, 45, "target" },
        { "backlog", 40, -1, "target" },
        { "response-time-median", 2.5, 0, null },
        { "reopen-rate", 10, 5, null },
        { "reopen-rate", 10, 12, "target" },
    };

    [Theory]
    [MemberData(nameof(Targets))]
    public void A_target_lies_in_the_units_bounds_and_beats_the_baseline_in_the_measures_direction(string key, double baseline, double target, string? field) =>
        Assert.Equal(field, ImprovementRules.CheckTarget(M(key), (decimal)baseline, (decimal)target)?.Field);

    [Fact]
    public void A_baseline_is_a_passed_period_of_at_most_400_days()
    {
        Assert.Null(ImprovementRules.CheckBaseline(Now - Duration.FromDays(90), Now, Now));
        Assert.Null(ImprovementRules.CheckBaseline(Now - Duration.FromDays(400), Now, Now));
        Assert.Equal("baselineFrom", ImprovementRules.CheckBaseline(Now - Duration.FromDays(401), Now, Now)?.Field);
        Assert.Equal("baselineTo", ImprovementRules.CheckBaseline(Now, Now, Now)?.Field);
        Assert.Equal("baselineTo", ImprovementRules.CheckBaseline(Now, Now - Duration.FromDays(1), Now)?.Field);
        Assert.Equal("baselineTo", ImprovementRules.CheckBaseline(Now - Duration.FromDays(10), Now + Duration.FromHours(1), Now)?.Field);
    }

    [Fact]
    public void A_baseline_without_a_value_is_nothing_to_improve_from()
    {
        Assert.Equal("baselineFrom", ImprovementRules.CheckBaselineValue(M("csat-mean"), null)?.Field);
        Assert.Null(ImprovementRules.CheckBaselineValue(M("csat-mean"), 3.5m));
    }

    [Fact]
    public void The_target_date_comes_after_the_baselines_last_day_in_its_zone()
    {
        // The baseline ends at midnight in Auckland (11:00 UTC the day before): its last day is 30 November there.
        var auckland = DateTimeZoneProviders.Tzdb["Pacific/Auckland"];
        var end = auckland.AtStartOfDay(new LocalDate(2026, 12, 1)).ToInstant();

        Assert.Equal("targetDate", ImprovementRules.CheckTargetDate(new LocalDate(2026, 11, 30), end, auckland)?.Field);
        Assert.Equal("targetDate", ImprovementRules.CheckTargetDate(new LocalDate(2026, 10, 1), end, auckland)?.Field);
        Assert.Null(ImprovementRules.CheckTargetDate(new LocalDate(2026, 12, 1), end, auckland));
    }
}
