using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Steward.Server.Api;

/// <summary>
/// Tables for spreadsheet programs, written one way for every export: CSV by RFC 4180 (CRLF,
/// quoted where needed, invariant culture, a UTF-8 byte-order mark so that names read right) and
/// XLSX with the Open XML SDK (numbers as numeric cells, text inline so that no shared-string table
/// is needed, the first row bold and frozen). The first row is the header.
/// </summary>
public static class Spreadsheet
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Csv(IEnumerable<IEnumerable<object?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows) text.AppendJoin(',', row.Select(c => Quote(Text(c)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Text(object? cell) => cell switch
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

    /// <param name="sheetName">At most 31 characters are kept, as spreadsheet programs allow.</param>
    /// <param name="frozenColumns">Columns that stay in view while scrolling sideways (0 or more), besides the header row.</param>
    public static byte[] Xlsx(string sheetName, IEnumerable<IEnumerable<object?>> rows, int frozenColumns = 0)
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
            uint index = 1;
            foreach (var row in rows) data.Append(RowOf(index, row, header: index++ == 1));
            var pane = new Pane { VerticalSplit = 1, TopLeftCell = ColumnName(frozenColumns) + "2", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft };
            if (frozenColumns > 0) (pane.HorizontalSplit, pane.ActivePane) = (frozenColumns, PaneValues.BottomRight);
            sheetPart.Worksheet = new Worksheet(new SheetViews(new SheetView(pane) { WorkbookViewId = 0 }), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName[..Math.Min(31, sheetName.Length)] }));
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
