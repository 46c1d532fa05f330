using System.Globalization;
using Steward.Server.Reports;

namespace Steward.Server.Ui.Reports;

/// <summary>How the report pages write numbers: invariant, like the rest of the UI's figures.</summary>
public static class Numbers
{
    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Hours(double? seconds) => seconds is { } s ? (s / 3600).ToString("0.00", CultureInfo.InvariantCulture) + " h" : "—";

    public static string Hours(NodaTime.Duration? duration) => duration is { } d ? Hours(d.TotalSeconds) : "—";

    public static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A compliance bar: the percentage, or 0 where nothing was judged (the table says "—").</summary>
    public static double Bar(ComplianceCounts? counts) => counts?.CompliancePercent ?? 0;

    /// <summary>Chart labels stay short; the table under the chart has the full names.</summary>
    public static string Label(string name) => name.Length > 22 ? name[..21] + "…" : name;
}
