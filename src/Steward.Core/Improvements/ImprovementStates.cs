using Steward.Core.Common;

namespace Steward.Core.Improvements;

/// <summary>
/// The register's states: Identified → Approved → InProgress → Achieved | NotAchieved, and
/// Abandoned from any open state. Achieved, NotAchieved and Abandoned are final.
/// </summary>
public static class ImprovementStates
{
    static readonly Dictionary<ImprovementState, ImprovementState[]> Moves = new()
    {
        [ImprovementState.Identified] = [ImprovementState.Approved, ImprovementState.Abandoned],
        [ImprovementState.Approved] = [ImprovementState.InProgress, ImprovementState.NotAchieved, ImprovementState.Abandoned],
        [ImprovementState.InProgress] = [ImprovementState.Achieved, ImprovementState.NotAchieved, ImprovementState.Abandoned],
        [ImprovementState.Achieved] = [],
        [ImprovementState.NotAchieved] = [],
        [ImprovementState.Abandoned] = [],
    };

    public static IReadOnlyList<ImprovementState> Next(ImprovementState from) => Moves[from];

    public static bool IsFinal(ImprovementState state) => Moves[state].Length == 0;

    /// <summary>The state as a sentence reads it ("not achieved").</summary>
    public static string Describe(ImprovementState state) => state switch
    {
        ImprovementState.NotAchieved => "not achieved",
        ImprovementState.InProgress => "in progress",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>A move out of order conflicts with the improvement's state (409): no field is wrong.</summary>
    public static RuleViolation? CheckMove(ImprovementState from, ImprovementState to)
    {
        if (from == to) return new($"The improvement is already {Describe(to)}.");
        var next = Next(from);
        return next.Contains(to) ? null
            : new(next.Count == 0
                ? $"The improvement is {Describe(from)}; a closed improvement does not change state any more."
                : $"An improvement that is {Describe(from)} can move to {string.Join(", ", next)}, not {to}.");
    }
}
