using System.Globalization;
using Steward.Core.Common;

namespace Steward.Server.Ui.Shared;

/// <summary>How a form tells the user which row of a list a shared rule refused: the rules name fields as the API does ("targets[1].unit").</summary>
public static class Violations
{
    /// <summary>The zero-based row of <paramref name="list"/> that the violation names, if it names one.</summary>
    public static int? RowOf(RuleViolation violation, string list)
    {
        var field = violation.Field;
        if (field is null || !field.StartsWith(list + "[", StringComparison.Ordinal)) return null;
        var close = field.IndexOf(']', list.Length);
        return close > 0 && int.TryParse(field.AsSpan(list.Length + 1, close - list.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            ? row : null;
    }

    /// <summary>"Target 2: Give the unit..." for a refused row; the detail alone otherwise.</summary>
    public static string Text(RuleViolation violation, string list, string rowName) =>
        RowOf(violation, list) is { } row ? $"{rowName} {row + 1}: {violation.Detail}" : violation.Detail;
}
