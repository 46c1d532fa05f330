using Steward.Core.Common;

namespace Steward.Core.Records;

/// <summary>How much of the business a record touches (impact) or how soon it hurts (urgency).</summary>
public enum Level
{
    High,
    Medium,
    Low,
}

/// <summary>
/// Impact × urgency → priority 1 (critical) to 5 (planning), one row per impact and one column per
/// urgency. The default is the usual ITIL matrix; a provider may set its own.
/// </summary>
public sealed record PriorityMatrix(int[][] Cells)
{
    public const int Highest = 1, Lowest = 5;

    public static readonly PriorityMatrix Default = new([[1, 2, 3], [2, 3, 4], [3, 4, 5]]);

    public int PriorityOf(Level impact, Level urgency) => Cells[(int)impact][(int)urgency];

    /// <summary>Three rows of three priorities from 1 to 5.</summary>
    public static RuleViolation? Check(int[][]? cells)
    {
        if (cells is not { Length: 3 } || cells.Any(r => r is not { Length: 3 }))
            return new("The matrix has three rows (impact High, Medium, Low) of three priorities (urgency High, Medium, Low).", "cells");
        return cells.SelectMany(r => r).Any(p => p is < Highest or > Lowest)
            ? new($"Priorities run from {Highest} (critical) to {Lowest} (planning).", "cells")
            : null;
    }

    /// <summary>As stored: "1 2 3;2 3 4;3 4 5".</summary>
    public override string ToString() => string.Join(';', Cells.Select(r => string.Join(' ', r)));

    public static PriorityMatrix Parse(string text) =>
        new(text.Split(';').Select(r => r.Split(' ').Select(int.Parse).ToArray()).ToArray());
}
