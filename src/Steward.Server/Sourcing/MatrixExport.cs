using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Steward.Server.Sourcing;

/// <summary>
/// The services × processes matrix as a table for spreadsheets: one row per service, one column per
/// process, each cell "performer (accountable: X)". CSV follows RFC 4180; XLSX is written with the
/// Open XML SDK, with inline strings so that no shared-string table is needed.
/// </summary>
public static class MatrixExport
{
    public static IReadOnlyList<string[]> Table(SourcingMatrix matrix)
    {
        var header = new[] { "Service", "Type", "Lifecycle", matrix.Customer is null ? "Kinds (customers)" : "Derived kind" }
            .Concat(matrix.Processes.Select(p => p.Name)).ToArray();
        var rows = new List<string[]> { header };
        foreach (var row in matrix.Services)
            rows.Add(new[] { row.ServiceName, row.Type.ToString(), row.Lifecycle.ToString(), KindText(row) }
                .Concat(row.Cells.Select(CellText)).ToArray());
        return rows;
    }

    static string KindText(MatrixRow row) => row.Kind is { } kind
        ? kind + (row.Mismatch ? $" (claimed {row.ClaimedKind})" : "")
        : string.Join(", ", row.Kinds.Where(k => k.Value > 0).Select(k => $"{k.Key} {k.Value}"));

    public static string CellText(MatrixCell cell)
    {
        if (!cell.InService) return "";
        var text = cell.Performer is null ? "Each customer (in-house)" : cell.Performer.Name;
        if (cell.Accountable is { } a && cell.Performer is { } p && a.Id != p.OrganizationId) text += $" (accountable: {a.Name})";
        if (cell.ActivityOverrides > 0) text += $"; {cell.ActivityOverrides} step(s) by others";
        if (cell.CustomerOverrides.Count > 0) text += $"; {cell.CustomerOverrides.Count} customer override(s)";
        return text;
    }

    public static byte[] Csv(SourcingMatrix matrix)
    {
        var text = new StringBuilder();
        foreach (var row in Table(matrix))
            text.Append(string.Join(',', row.Select(Quote))).Append("\r\n");
        // A byte-order mark lets spreadsheet programs read the UTF-8 names correctly.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    static string Quote(string value)
    {
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs: neutralise it.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static byte[] Xlsx(SourcingMatrix matrix)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var table = Table(matrix);
            for (var r = 0; r < table.Count; r++)
            {
                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < table[r].Length; c++)
                    row.Append(new Cell
                    {
                        CellReference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture),
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(table[r][c])),
                        StyleIndex = r == 0 ? 1u : 0u,
                    });
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane
            {
                // The header row and the service column stay in view while scrolling.
                HorizontalSplit = 1, VerticalSplit = 1, TopLeftCell = "B2", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sourcing matrix" }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }

    public static string FileName(SourcingMatrix matrix, string extension) =>
        $"sourcing-matrix-{Slug(matrix.Provider.Name)}{(matrix.Customer is { } c ? "-" + Slug(c.Name) : "")}.{extension}";

    static string Slug(string s) => new(s.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
