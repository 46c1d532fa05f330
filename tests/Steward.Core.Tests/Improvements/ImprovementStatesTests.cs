using NodaTime;
using Steward.Core.Improvements;
using Steward.Core.Measures;

namespace Steward.Core.Tests.Improvements;

/// <summary>The register's states: each allowed move, each refused one, and what a move records.</summary>
public sealed class ImprovementStatesTests
{
    static readonly Instant Now = Instant.FromUtc(2026, 12, 7, 10, 0);
    static readonly MeasureDefinition Compliance = MeasureCatalog.Find("sla-compliance")!;
    static readonly MeasureDefinition Backlog = MeasureCatalog.Find("backlog")!;
    static readonly Guid Manager = Guid.NewGuid();

    static Improvement New(decimal baseline = 60m, decimal target = 80m) => new()
    {
        Title = "Answer faster", MeasureKey = "sla-compliance", Zone = "UTC", BaselineValue = baseline, Target = target,
        BaselineFrom = Now - Duration.FromDays(30), BaselineTo = Now, TargetDate = new LocalDate(2027, 3, 1),
    };

    /// <summary>An improvement moved along <paramref name="path"/>, each move allowed.</summary>
    static Improvement At(params ImprovementState[] path)
    {
        var improvement = New();
        foreach (var state in path) Assert.Null(improvement.Move(state, Compliance, 85m, 10, Manager, Now));
        return improvement;
    }

    public static TheoryData<ImprovementState, ImprovementState, bool> Moves => new()
    {
        { ImprovementState.Identified, ImprovementState.Approved, true },
        { ImprovementState.Identified, ImprovementState.Abandoned, true },
        { ImprovementState.Identified, ImprovementState.InProgress, false },
        { ImprovementState.Identified, ImprovementState.Achieved, false },
        { ImprovementState.Identified, ImprovementState.NotAchieved, false },
        { ImprovementState.Approved, ImprovementState.InProgress, true },
        { ImprovementState.Approved, ImprovementState.NotAchieved, true },
        { ImprovementState.Approved, ImprovementState.Abandoned, true },
        { ImprovementState.Approved, ImprovementState.Achieved, false },
        { ImprovementState.Approved, ImprovementState.Identified, false },
        { ImprovementState.InProgress, ImprovementState.Achieved, true },
        { ImprovementState.InProgress, ImprovementState.NotAchieved, true },
        { ImprovementState.InProgress, ImprovementState.Abandoned, true },
        { ImprovementState.InProgress, ImprovementState.Approved, false },
        { ImprovementState.Achieved, ImprovementState.InProgress, false },
        { ImprovementState.NotAchieved, ImprovementState.Achieved, false },
        { ImprovementState.Abandoned, ImprovementState.Identified, false },
        { ImprovementState.Approved, ImprovementState.Approved, false },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Moves_follow_the_table_and_any_other_is_a_conflict_naming_no_field(ImprovementState from, ImprovementState to, bool allowed)
    {
        var broken = ImprovementStates.CheckMove(from, to);

        Assert.Equal(allowed, broken is null);
        Assert.Null(broken?.Field);
    }

    [Fact]
    public void Only_achieved_not_achieved_and_abandoned_are_final()
    {
        Assert.Equal([ImprovementState.Achieved, ImprovementState.NotAchieved, ImprovementState.Abandoned],
            Enum.GetValues<ImprovementState>().Where(ImprovementStates.IsFinal));
    }

    [Fact]
    public void Approving_and_starting_stamp_who_and_when_and_closing_freezes_the_measured_value()
    {
        var improvement = At(ImprovementState.Approved, ImprovementState.InProgress);

        Assert.Null(improvement.Move(ImprovementState.Achieved, Compliance, 85m, 12, Manager, Now + Duration.FromDays(60)));

        Assert.Equal((Now, Manager, Now), (improvement.ApprovedAt!.Value, improvement.ApprovedById!.Value, improvement.StartedAt!.Value));
        Assert.Equal((85m, 12L), (improvement.ClosingValue!.Value, improvement.ClosingN!.Value));
        Assert.Equal(Now + Duration.FromDays(60), improvement.ClosedAt);
        Assert.True(improvement.IsFinal);
        Assert.NotNull(improvement.CheckOpen());
    }

    [Fact]
    public void Achieved_is_refused_naming_the_measured_value_and_the_target_when_the_measure_misses_it()
    {
        var improvement = At(ImprovementState.Approved, ImprovementState.InProgress);

        var broken = improvement.Move(ImprovementState.Achieved, Compliance, 72.5m, 40, Manager, Now);

        Assert.NotNull(broken);
        Assert.Null(broken.Field);
        Assert.Contains("72.5 %", broken.Detail);
        Assert.Contains("80 %", broken.Detail);
        Assert.Equal(ImprovementState.InProgress, improvement.State);
        Assert.Null(improvement.ClosingValue);
    }

    [Fact]
    public void Achieved_is_refused_when_nothing_can_be_measured_now_and_not_achieved_is_always_allowed()
    {
        var improvement = At(ImprovementState.Approved, ImprovementState.InProgress);

        Assert.NotNull(improvement.Move(ImprovementState.Achieved, Compliance, null, 0, Manager, Now));
        Assert.Null(improvement.Move(ImprovementState.NotAchieved, Compliance, 50m, 9, Manager, Now));
        Assert.Equal(50m, improvement.ClosingValue);
    }

    [Fact]
    public void A_target_below_the_baseline_is_met_at_or_under_it_when_lower_is_better()
    {
        var improvement = New(baseline: 40m, target: 25m);
        Assert.Null(improvement.Move(ImprovementState.Approved, Backlog, null, 0, Manager, Now));
        Assert.Null(improvement.Move(ImprovementState.InProgress, Backlog, null, 0, Manager, Now));

        Assert.NotNull(improvement.Move(ImprovementState.Achieved, Backlog, 26m, 26, Manager, Now));
        Assert.Null(improvement.Move(ImprovementState.Achieved, Backlog, 25m, 25, Manager, Now));
    }

    [Fact]
    public void Abandoning_keeps_no_closing_value()
    {
        var improvement = At(ImprovementState.Abandoned);

        Assert.Equal(ImprovementState.Abandoned, improvement.State);
        Assert.Null(improvement.ClosingValue);
        Assert.Equal(Now, improvement.ClosedAt);
    }

    [Fact]
    public void Overdue_means_open_and_past_the_target_date_or_with_an_action_past_due()
    {
        var improvement = New();
        var action = new ImprovementAction { Title = "Train the desk", DueOn = new LocalDate(2027, 1, 10) };

        Assert.False(improvement.IsOverdue(new LocalDate(2027, 1, 10), action.IsOverdueOn(new LocalDate(2027, 1, 10))));
        Assert.True(improvement.IsOverdue(new LocalDate(2027, 1, 11), action.IsOverdueOn(new LocalDate(2027, 1, 11))));
        Assert.True(improvement.IsOverdue(new LocalDate(2027, 3, 2), false));
        action.SetDone(true, Manager, Now);
        Assert.False(action.IsOverdueOn(new LocalDate(2027, 1, 11)));
        Assert.False(At(ImprovementState.Abandoned).IsOverdue(new LocalDate(2028, 1, 1), true));
    }
}
