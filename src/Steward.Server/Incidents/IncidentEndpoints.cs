using Steward.Core.Records;
using Steward.Server.Records;

namespace Steward.Server.Incidents;

/// <summary>
/// /api/v1/incidents: New → In progress → On hold (awaiting customer, supplier or change) →
/// Resolved → Closed, with reopening and the major-incident flag, on the shared record API.
/// </summary>
public static class IncidentEndpoints
{
    public const string Resource = "incidents";

    public static RouteGroupBuilder MapIncidents(this IEndpointRouteBuilder app) =>
        app.MapWorkRecords("/api/v1/incidents", RecordKind.Incident, Resource, "Incidents");
}
