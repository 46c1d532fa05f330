using System.Net;
using System.Text;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;

namespace Steward.Server.Ui.Sourcing;

/// <summary>
/// The process cells of one matrix row as HTML. A customer's matrix has a thousand cells or more; as
/// components they cost the circuit about 300 ms to render and the browser as long again to build
/// (a 776 KB render batch), while as markup they are one string the browser parses in a few
/// milliseconds. Clicks reach the grid through one <c>@onmatrixcellclick</c> handler.
/// </summary>
public static class MatrixCells
{
    public static string Markup(MatrixRow row, IReadOnlyList<MatrixColumn> columns, IReadOnlyDictionary<string, int> index, bool forCustomer, string? customerName)
    {
        var html = new StringBuilder(columns.Count * 160);
        foreach (var column in columns)
        {
            var cell = row.Cells[index[column.Key]];
            if (!cell.InService)
            {
                html.Append("<td class=\"cell cell-absent\" title=\"").Append(Encode($"{row.ServiceName} does not need {column.Name}")).Append("\"></td>");
                continue;
            }
            var inHouse = cell.Source is AssignmentSource.InHouse or null;
            // A name longer than about 18 characters is cut off in a 128 px column: only then does it need a tooltip.
            var name = inHouse ? forCustomer ? "in-house" : "each customer" : cell.Performer?.Name ?? "";
            var performer = Encode(name);
            html.Append("<td class=\"cell ").Append(inHouse ? "party-none" : SourcingLook.PartyClass(cell.Performer))
                .Append("\" data-process=\"").Append(Encode(column.Key)).Append("\">")
                .Append("<button class=\"cell-button\"").Append(name.Length > 18 ? $" title=\"{performer}\">" : ">")
                .Append("<span class=\"cell-performer\">").Append(performer).Append("</span>");
            if (!inHouse && cell.Accountable is { } accountable && accountable.Id != cell.Performer?.OrganizationId)
                html.Append("<span class=\"cell-accountable\">for ").Append(Encode(accountable.Name)).Append("</span>");
            Badges(html, cell, forCustomer, customerName);
            html.Append("</button></td>");
        }
        return html.ToString();
    }

    /// <summary>Marks for what the performer's name does not say: the customer's own assignment, steps done by others, customers that differ.</summary>
    static void Badges(StringBuilder html, MatrixCell cell, bool forCustomer, string? customerName)
    {
        var own = forCustomer && cell.Source is AssignmentSource.CustomerSpecific;
        var differing = cell.CustomerOverrides.Count == 0 ? [] : cell.CustomerOverrides.DistinctBy(o => o.Customer.Id).Select(o => o.Customer.Name).ToList();
        if (!own && cell.ActivityOverrides == 0 && differing.Count == 0) return;
        html.Append("<span class=\"cell-badges\">");
        if (own)
            html.Append("<span class=\"badge-own\" title=\"").Append(Encode($"{SourcingLook.Possessive(customerName)} own assignment")).Append("\">●</span>");
        if (cell.ActivityOverrides > 0)
            html.Append("<span class=\"badge\">+").Append(cell.ActivityOverrides).Append(" steps</span>");
        if (differing.Count > 0)
            html.Append("<span class=\"badge\" title=\"").Append(Encode(string.Join(", ", differing))).Append("\">").Append(differing.Count).Append(" differ</span>");
        html.Append("</span>");
    }

    static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
