namespace Steward.Server.Sourcing;

/// <summary>
/// The services × processes matrix as a table for spreadsheets: one row per service, one column per
/// process, each cell "performer (accountable: X)", written by <see cref="Api.Spreadsheet"/>.
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

    public static byte[] Csv(SourcingMatrix matrix) => Api.Spreadsheet.Csv(Table(matrix));

    /// <summary>The header row and the service column stay in view while scrolling.</summary>
    public static byte[] Xlsx(SourcingMatrix matrix) => Api.Spreadsheet.Xlsx("Sourcing matrix", Table(matrix), frozenColumns: 1);

    public static string FileName(SourcingMatrix matrix, string extension) =>
        $"sourcing-matrix-{Slug(matrix.Provider.Name)}{(matrix.Customer is { } c ? "-" + Slug(c.Name) : "")}.{extension}";

    static string Slug(string s) => new(s.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-').ToArray());
}
