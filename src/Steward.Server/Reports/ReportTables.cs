using System.Globalization;
using NodaTime;

namespace Steward.Server.Reports;

/// <summary>Each report as the table its CSV and XLSX exports hold: the same numbers as the JSON, durations in hours.</summary>
public static class ReportTables
{
    static readonly string[] CountColumns = ["clocks", "met", "breached", "pending", "unjudged", "compliance %"];

    public static ReportTable Of(ComplianceReport report)
    {
        var metrics = report.By is ComplianceDimension.Party ? new[] { "Party" } : ["First response", "Resolution", "Party"];
        var columns = new List<string> { "Key", Title(report.By) };
        columns.AddRange(metrics.SelectMany(m => CountColumns.Select(c => $"{m} {c}")));
        var rows = report.Rows.Append(report.Total).Select(r => new object?[] { r.Key, r.Name }
            .Concat(report.By is ComplianceDimension.Party ? Counts(r.Party) : [.. Counts(r.FirstResponse!), .. Counts(r.Resolution!), .. Counts(r.Party)])
            .ToArray()).ToList();
        return new ReportTable("SLA compliance", columns, rows);
    }

    static string Title(ComplianceDimension by) => by switch
    {
        ComplianceDimension.Service => "Service",
        ComplianceDimension.Customer => "Customer",
        ComplianceDimension.Priority => "Priority",
        _ => "Party",
    };

    static object?[] Counts(ComplianceCounts c) => [c.Clocks, c.Met, c.Breached, c.Pending, c.Unjudged, c.CompliancePercent];

    public static ReportTable Of(ResponseTimesReport report)
    {
        string[] columns =
        [
            "Group", "Key", "Name", "Week start", "Records",
            "Responded (clocks)", "Mean respond business h", "Median respond business h",
            "Responded", "Mean respond wall h", "Median respond wall h",
            "Resolved (clocks)", "Mean resolve business h", "Median resolve business h",
            "Resolved", "Mean resolve wall h", "Median resolve wall h",
        ];
        var rows = report.ByPriority.Select(r => Times("priority", r))
            .Concat(report.ByWeek.Select(r => Times("week", r)))
            .Append(Times("total", report.Total))
            .ToList();
        return new ReportTable("Response times", columns, rows);
    }

    static object?[] Times(string group, ResponseTimesRow r) =>
    [
        group, r.Key, r.Name, r.WeekStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Records,
        .. Stats(r.RespondBusiness), .. Stats(r.RespondWall), .. Stats(r.ResolveBusiness), .. Stats(r.ResolveWall),
    ];

    static object?[] Stats(TimeStats s) => [s.Count, Hours(s.MeanSeconds), Hours(s.MedianSeconds)];

    public static double? Hours(double? seconds) => seconds is { } s ? Math.Round(s / 3600, 2) : null;

    public static double? Hours(Duration? duration) => duration is { } d ? Math.Round(d.TotalHours, 2) : null;

    public static ReportTable Of(BacklogReport report)
    {
        string[] columns = ["Section", "Key", "Name", "Open", "Opened", "Resolved"];
        var rows = report.ByState.Select(r => new object?[] { "state", r.Key, r.Name, r.Count, null, null })
            .Concat(report.ByAge.Select(r => new object?[] { "age", r.Key, r.Name, r.Count, null, null }))
            .Concat(report.ByPriority.Select(r => new object?[] { "priority", r.Key, r.Name, r.Count, null, null }))
            .Concat(report.Days.Select(d =>
            {
                var day = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return new object?[] { "day", day, day, null, d.Opened, d.Resolved };
            }))
            .ToList();
        return new ReportTable("Backlog", columns, rows);
    }

    public static ReportTable Of(PartyReport report)
    {
        string[] columns =
        [
            "Party", "Organization", "Agreement", "Agreement reference", "Priority", "Target h",
            "Clocks", "Met", "Breached", "Pending", "Unjudged", "Compliance %", "Finished", "Mean business h in its steps", "Median business h in its steps",
        ];
        var rows = new List<object?[]>();
        foreach (var p in report.Parties)
        {
            rows.Add([p.Name, p.OrganizationName, p.AgreementKind, p.AgreementReference, "all", null, .. Counts(p.Counts), .. Stats(p.TimeInSteps)]);
            foreach (var x in p.ByPriority)
                rows.Add([p.Name, p.OrganizationName, p.AgreementKind, p.AgreementReference, $"P{x.Priority}", Hours(x.Target), .. Counts(x.Counts), .. Stats(x.TimeInSteps)]);
        }
        return new ReportTable("Parties", columns, rows);
    }
}
