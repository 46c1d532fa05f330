using Steward.Server.Reports;

namespace Steward.Server.Satisfaction;

/// <summary>The report as the one table its CSV and XLSX exports hold: the JSON's numbers, a row per group and the total.</summary>
public static class SatisfactionTable
{
    public static ReportTable Of(SatisfactionReportView report)
    {
        var party = report.GroupBy is SatisfactionGrouping.Party;
        var columns = new List<string> { "Key", Title(report.GroupBy) };
        if (party) columns.AddRange(["Organization", "Accountable", "Agreement"]);
        columns.AddRange(["Invitations", "Responses", "Response rate %", "Mean rating", "Rating 1", "Rating 2", "Rating 3", "Rating 4", "Rating 5",
            "Recommend answers", "Promoters", "Passives", "Detractors", "Net promoter score", "Low ratings"]);
        var rows = report.Rows.Append(report.Total).Select(r =>
        {
            var cells = new List<object?> { r.Key, r.Name };
            if (party) cells.AddRange([r.Party?.OrganizationName, r.Party?.AccountableName, r.Party is null ? null : r.Party.AgreementKind]);
            cells.AddRange([r.Invitations, r.Responses, r.ResponseRatePercent, r.MeanRating, .. r.Distribution.Cast<object?>(),
                r.RecommendAnswers, r.Promoters, r.Passives, r.Detractors, r.NetPromoterScore, r.LowRatings]);
            return cells.ToArray();
        }).ToList();
        return new ReportTable("Satisfaction", columns, rows);
    }

    static string Title(SatisfactionGrouping by) => by switch
    {
        SatisfactionGrouping.Party => "Performed by",
        SatisfactionGrouping.Service => "Service",
        SatisfactionGrouping.Customer => "Customer",
        SatisfactionGrouping.Kind => "Kind of sourcing",
        _ => "Month",
    };
}
