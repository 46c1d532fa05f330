using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Steward.Server.Reports;

/// <summary>
/// A report as one table for spreadsheets: a header row, then rows whose cells are text, whole
/// numbers, decimals or empty (null).
/// </summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// Writes a <see cref="ReportTable"/> as CSV (RFC 4180: CRLF, quoted where needed, invariant
/// culture, a UTF-8 byte-order mark so that spreadsheet programs read the names right) or as XLSX
/// (Open XML SDK: numbers as numeric cells, text inline, the header bold and frozen).
/// </summary>
public static class ReportExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(ReportTable table)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', table.Columns.Select(Quote)).Append("\r\n");
        foreach (var row in table.Rows)
            text.AppendJoin(',', row.Select(c => Quote(Text(c)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    static string Text(object? cell) => cell switch
    {
        null => "",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    static string Quote(string value)
    {
        // A leading =, +, - or @ would be run as a formula by spreadsheet programs: neutralise it (numbers are written as they are).
        if (value.Length > 0 && value[0] is '=' or '+' or '@' || (value.Length > 0 && value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static byte[] Xlsx(ReportTable table)
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
            data.Append(RowOf(1, table.Columns, header: true));
            for (var r = 0; r < table.Rows.Count; r++)
                data.Append(RowOf((uint)r + 2, table.Rows[r], header: false));
            sheetPart.Worksheet = new Worksheet(new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }), data);
            // A sheet name is at most 31 characters.
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = table.Name[..Math.Min(31, table.Name.Length)] }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    static Row RowOf(uint index, IEnumerable<object?> cells, bool header)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var value in cells)
        {
            var reference = ColumnName(column++) + index.ToString(CultureInfo.InvariantCulture);
            if (value is null) continue;
            row.Append(value switch
            {
                int or long or double or decimal => new Cell
                {
                    CellReference = reference, DataType = CellValues.Number,
                    CellValue = new CellValue(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)),
                },
                _ => new Cell
                {
                    CellReference = reference, DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Text(value))), StyleIndex = header ? 1u : 0u,
                },
            });
        }
        return row;
    }

    static string ColumnName(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
