using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Reports;

/// <summary>
/// The query string every report takes. Everything arrives as text and is parsed here, so that a
/// malformed value is a 400 naming its field rather than a binding failure.
/// </summary>
public sealed class ReportQuery
{
    /// <summary>An instant (2026-11-01T00:00:00Z) or a local date (2026-11-01, the start of that day in <see cref="Zone"/>).</summary>
    [StringLength(40)] public string? From { get; init; }
    /// <summary>An instant (exclusive) or a local date (inclusive: up to the start of the next day).</summary>
    [StringLength(40)] public string? To { get; init; }
    /// <summary>The IANA time zone that local dates, days and weeks are read in; UTC by default.</summary>
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>incident or request; every kind when absent.</summary>
    [StringLength(20)] public string? Kind { get; init; }
    [StringLength(40)] public string? ServiceId { get; init; }
    [StringLength(40)] public string? CustomerId { get; init; }
    /// <summary>1 (critical) to 5 (planning).</summary>
    [StringLength(5)] public string? Priority { get; init; }
    /// <summary>json (the default), csv or xlsx.</summary>
    [StringLength(10)] public string? Format { get; init; }
    /// <summary>The SLA compliance report's dimension: service (default), customer, priority or party.</summary>
    [StringLength(20)] public string? By { get; init; }
}

/// <summary>What a report looks at, parsed and checked: the period [From, To), the zone its days are in, and the record filters.</summary>
public sealed record ReportScope(Instant From, Instant To, DateTimeZone Zone, RecordKind? Kind, Guid? ServiceId, Guid? CustomerId, int? Priority)
{
    public static readonly Duration DefaultPeriod = Duration.FromDays(30);
    public static readonly Duration LongestPeriod = Duration.FromDays(400);

    public static (ReportScope? Scope, ValidationProblem? Problem) Parse(ReportQuery q, Instant now)
    {
        var zone = DateTimeZone.Utc;
        if (!string.IsNullOrWhiteSpace(q.Zone) && (zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(q.Zone.Trim())!) is null)
            return (null, Problems.Invalid("zone", "zone must be an IANA time zone, such as Europe/London or UTC."));
        if (!TryBound(q.From, zone, endOfDay: false, out var from)) return (null, NotABound("from"));
        if (!TryBound(q.To, zone, endOfDay: true, out var to)) return (null, NotABound("to"));
        var end = to ?? now;
        var start = from ?? end - DefaultPeriod;
        if (start >= end) return (null, Problems.Invalid("to", "to must come after from."));
        if (end - start > LongestPeriod) return (null, Problems.Invalid("from", "A report covers at most 400 days; narrow from and to."));

        RecordKind? kind = null;
        if (!string.IsNullOrWhiteSpace(q.Kind))
        {
            if (!Enum.TryParse<RecordKind>(q.Kind.Trim(), ignoreCase: true, out var k) || int.TryParse(q.Kind, out _))
                return (null, Problems.Invalid("kind", "kind is incident or request."));
            kind = k;
        }
        if (!TryGuid(q.ServiceId, out var service)) return (null, Problems.Invalid("serviceId", "serviceId must be a service's id (a GUID)."));
        if (!TryGuid(q.CustomerId, out var customer)) return (null, Problems.Invalid("customerId", "customerId must be a customer organization's id (a GUID)."));
        int? priority = null;
        if (!string.IsNullOrWhiteSpace(q.Priority))
        {
            if (!int.TryParse(q.Priority.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < PriorityMatrix.Highest or > PriorityMatrix.Lowest)
                return (null, Problems.Invalid("priority", "priority is 1 (critical) to 5 (planning)."));
            priority = p;
        }
        return (new ReportScope(start, end, zone, kind, service, customer, priority), null);
    }

    static ValidationProblem NotABound(string field) =>
        Problems.Invalid(field, $"{field} must be an ISO 8601 instant in UTC (2026-11-23T12:00:00Z) or a date (2026-11-23), {InputRanges.DateRange}.");

    static bool TryBound(string? text, DateTimeZone zone, bool endOfDay, out Instant? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        text = text.Trim();
        // Within InputRanges, so that the report's days and weeks, counted in the zone, stay inside the calendar.
        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            value = instant.Value;
            return InputRanges.Contains(instant.Value);
        }
        if (LocalDatePattern.Iso.Parse(text) is not { Success: true } date || !InputRanges.Contains(date.Value)) return false;
        // A date as the end of a period includes that whole day.
        value = zone.AtStartOfDay(endOfDay ? date.Value.PlusDays(1) : date.Value).ToInstant();
        return true;
    }

    static bool TryGuid(string? text, out Guid? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Guid.TryParse(text.Trim(), out var g)) return false;
        value = g;
        return true;
    }

    /// <summary>The local date of an instant in the report's zone.</summary>
    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The period as the reader gave it, echoed in every report.</summary>
    public ReportPeriod ToPeriod() => new(From, To, Zone.Id, Kind, ServiceId, CustomerId, Priority);
}

public sealed record ReportPeriod(Instant From, Instant To, string Zone, RecordKind? Kind, Guid? ServiceId, Guid? CustomerId, int? Priority);

/// <summary>The output format of a report.</summary>
public enum ReportFormat
{
    Json,
    Csv,
    Xlsx,
}

public static class ReportFormats
{
    public static bool TryParse(string? text, out ReportFormat format)
    {
        format = ReportFormat.Json;
        if (string.IsNullOrWhiteSpace(text)) return true;
        switch (text.Trim().ToLowerInvariant())
        {
            case "json": return true;
            case "csv": format = ReportFormat.Csv; return true;
            case "xlsx": format = ReportFormat.Xlsx; return true;
            default: return false;
        }
    }
}
