using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Steward.Core.Measures;
using Steward.Core.Records;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Knowledge;
using Steward.Server.Reports;

namespace Steward.Server.Measures;

/// <summary>
/// GET /api/v1/measures/{key}: the period and its buckets (as the community measures take them),
/// and the scope. Everything arrives as text and is parsed here, so that a malformed value is a 400
/// naming its field.
/// </summary>
public sealed class MeasureQuery
{
    /// <summary>An instant or a local date; by default the start of the month eleven months before <c>to</c>'s (a year of months).</summary>
    [StringLength(40)] public string? From { get; init; }
    /// <summary>An instant (exclusive) or a local date (inclusive); now by default.</summary>
    [StringLength(40)] public string? To { get; init; }
    /// <summary>The IANA time zone the buckets are counted in; UTC by default.</summary>
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>day, week (ISO, from Monday) or month (the default).</summary>
    [StringLength(10)] public string? Interval { get; init; }
    /// <summary>One provider; every provider the caller sees by default.</summary>
    [StringLength(40)] public string? ProviderId { get; init; }
    [StringLength(40)] public string? ServiceId { get; init; }
    [StringLength(40)] public string? CustomerId { get; init; }
    /// <summary>A process of the provider's catalogue, such as incident-management.</summary>
    [StringLength(100)] public string? ProcessKey { get; init; }
    /// <summary>A performing party: a team or an organization.</summary>
    [StringLength(40)] public string? PartyId { get; init; }
    /// <summary>The kind of sourcing: serviceOutsourcing, processOutsourcing, knowledgeOutsourcing or none.</summary>
    [StringLength(40)] public string? Kind { get; init; }
    /// <summary>json (the default), csv or xlsx.</summary>
    [StringLength(10)] public string? Format { get; init; }
}

/// <summary>What a series is narrowed to. A null field does not narrow.</summary>
public sealed record MeasureFilter(Guid? ProviderId = null, Guid? ServiceId = null, Guid? CustomerId = null, string? ProcessKey = null,
    Guid? PartyId = null, SourcingKind? Kind = null)
{
    public MeasureScopes Scopes =>
        (ServiceId is null ? 0 : MeasureScopes.Service) | (CustomerId is null ? 0 : MeasureScopes.Customer) | (ProcessKey is null ? 0 : MeasureScopes.Process)
        | (PartyId is null ? 0 : MeasureScopes.Party) | (Kind is null ? 0 : MeasureScopes.Kind);

    /// <summary>The kind of record a process's records are: null when the process has no records of its own yet (problems, changes).</summary>
    public RecordKind? RecordKind => ProcessKey is null ? null : Enum.GetValues<RecordKind>().Cast<RecordKind?>().FirstOrDefault(k => k!.Value.ProcessKey() == ProcessKey);
}

public sealed record MeasureRequest(MeasureDefinition Measure, MeasuresScope Period, MeasureFilter Filter)
{
    public static (MeasureRequest? Request, ValidationProblem? Problem) Parse(MeasureDefinition measure, MeasureQuery q, Instant now)
    {
        var (period, problem) = MeasuresScope.Parse(new MeasuresQuery { From = q.From, To = q.To, Zone = q.Zone, Interval = q.Interval, Format = q.Format }, now);
        if (period is null) return (null, problem);
        if (!TryGuid(q.ProviderId, out var provider)) return (null, NotAnId("providerId", "a provider's"));
        if (!TryGuid(q.ServiceId, out var service)) return (null, NotAnId("serviceId", "a service's"));
        if (!TryGuid(q.CustomerId, out var customer)) return (null, NotAnId("customerId", "a customer's"));
        if (!TryGuid(q.PartyId, out var party)) return (null, NotAnId("partyId", "a team's or an organization's"));
        SourcingKind? kind = null;
        if (!string.IsNullOrWhiteSpace(q.Kind))
        {
            if (!Enum.TryParse<SourcingKind>(q.Kind.Trim(), ignoreCase: true, out var k) || int.TryParse(q.Kind, out _) || !Enum.IsDefined(k))
                return (null, Problems.Invalid("kind", "kind is the kind of sourcing: serviceOutsourcing, processOutsourcing, knowledgeOutsourcing or none."));
            kind = k;
        }
        var process = string.IsNullOrWhiteSpace(q.ProcessKey) ? null : q.ProcessKey.Trim();
        var filter = new MeasureFilter(provider, service, customer, process, party, kind);
        if (MeasureCatalog.CheckScopes(measure, filter.Scopes) is { } refused) return (null, Problems.Invalid(refused.Field!, refused.Detail));
        return (new MeasureRequest(measure, period, filter), null);
    }

    static ValidationProblem NotAnId(string field, string whose) => Problems.Invalid(field, $"{field} must be {whose} id (a GUID).");

    static bool TryGuid(string? text, out Guid? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Guid.TryParse(text.Trim(), out var g)) return false;
        value = g;
        return true;
    }
}
