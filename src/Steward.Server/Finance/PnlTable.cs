using Steward.Server.Reports;

namespace Steward.Server.Finance;

/// <summary>The P&amp;L as one table for spreadsheets: a row per group, then the total; amounts in the reporting currency, time in hours.</summary>
public static class PnlTable
{
    public static ReportTable Of(PnlView report)
    {
        var currency = report.ReportingCurrency;
        string[] columns =
        [
            "Key", Title(report.GroupBy), $"Revenue ({currency})", $"Labour ({currency})", $"Supplier ({currency})", $"Other ({currency})",
            $"Costs ({currency})", $"Margin ({currency})", "Margin %", "Hours", $"Budget for period ({currency})",
        ];
        var rows = report.Rows.Append(report.Total).Select(r => new object?[]
        {
            r.Key, r.Name, r.Revenue, r.Labour, r.Supplier, r.Other, r.Costs, r.Margin, r.MarginPercent, Math.Round(r.Minutes / 60m, 2), r.BudgetForPeriod,
        }).ToList();
        return new ReportTable("P&L", columns, rows);
    }

    static string Title(PnlGrouping by) => by switch
    {
        PnlGrouping.Service => "Service",
        PnlGrouping.Customer => "Customer",
        PnlGrouping.Practice => "Practice",
        PnlGrouping.Kind => "Kind of sourcing",
        _ => "Month",
    };
}
