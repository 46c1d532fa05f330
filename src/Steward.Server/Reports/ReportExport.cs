namespace Steward.Server.Reports;

/// <summary>
/// A report as one table for spreadsheets: a header row, then rows whose cells are text, whole
/// numbers, decimals or empty (null).
/// </summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>Writes a <see cref="ReportTable"/> as CSV or XLSX (<see cref="Api.Spreadsheet"/>).</summary>
public static class ReportExport
{
    public const string CsvType = Api.Spreadsheet.CsvType;
    public const string XlsxType = Api.Spreadsheet.XlsxType;

    static IEnumerable<IEnumerable<object?>> Rows(ReportTable table) => table.Rows.Prepend(table.Columns.ToArray<object?>());

    public static byte[] Csv(ReportTable table) => Api.Spreadsheet.Csv(Rows(table));

    public static byte[] Xlsx(ReportTable table) => Api.Spreadsheet.Xlsx(table.Name, Rows(table));
}
