using System.Globalization;
using NodaTime;
using Steward.Core.Records;
using Steward.Server.Reports;

namespace Steward.Server.Ui.Reports;

/// <summary>What the report pages show: a period of whole days in the reader's zone and the record filters, as the API's query string too.</summary>
public sealed record ReportFilter(LocalDate From, LocalDate To, string Zone, RecordKind? Kind = null, Guid? ServiceId = null, Guid? CustomerId = null,
    int? Priority = null, ComplianceDimension By = ComplianceDimension.Service)
{
    /// <summary>The last 30 days, today included.</summary>
    public static ReportFilter LastDays(LocalDate today, string zone, int days = 30) => new(today.PlusDays(1 - days), today, zone);

    public ReportQuery ToQuery() => new()
    {
        From = Iso(From), To = Iso(To), Zone = Zone, Kind = Kind?.ToString(), ServiceId = ServiceId?.ToString(), CustomerId = CustomerId?.ToString(),
        Priority = Priority?.ToString(CultureInfo.InvariantCulture), By = By.ToString().ToLowerInvariant(),
    };

    /// <summary>The query string of the export links: the same report as on screen.</summary>
    public string QueryString(bool withDimension)
    {
        var parts = new List<string> { $"from={Iso(From)}", $"to={Iso(To)}", $"zone={Uri.EscapeDataString(Zone)}" };
        if (Kind is { } k) parts.Add($"kind={k.ToString().ToLowerInvariant()}");
        if (ServiceId is { } s) parts.Add($"serviceId={s}");
        if (CustomerId is { } c) parts.Add($"customerId={c}");
        if (Priority is { } p) parts.Add($"priority={p.ToString(CultureInfo.InvariantCulture)}");
        if (withDimension) parts.Add($"by={By.ToString().ToLowerInvariant()}");
        return string.Join('&', parts);
    }

    static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
