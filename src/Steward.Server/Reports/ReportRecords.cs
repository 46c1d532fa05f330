using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Core.Sla;

namespace Steward.Server.Reports;

/// <summary>
/// The records and clocks a report reads. Tenancy is the DbContext's query filters, the same ones
/// the queue runs under: a provider's people see their provider's records, a customer's people
/// their own organization's, and nobody another tenant's.
/// </summary>
public static class ReportRecords
{
    /// <summary>Records of the kind, service, customer and priority asked for, whenever they were opened.</summary>
    public static IQueryable<WorkRecord> Matching(StewardDbContext db, ReportScope s)
    {
        var query = db.WorkRecords.AsNoTracking();
        if (s.Kind is { } kind) query = query.Where(r => r.Kind == kind);
        if (s.ServiceId is { } service) query = query.Where(r => r.ServiceId == service);
        if (s.CustomerId is { } customer) query = query.Where(r => r.CustomerId == customer);
        if (s.Priority is { } priority) query = query.Where(r => r.Priority == priority);
        return query;
    }

    /// <summary>The cohort most reports measure: records opened in the period.</summary>
    public static IQueryable<WorkRecord> OpenedIn(StewardDbContext db, ReportScope s) =>
        Matching(db, s).Where(r => r.OpenedAt >= s.From && r.OpenedAt < s.To);

    /// <summary>Every clock of the cohort with its outcome at <paramref name="now"/>, and the record fields reports group by.</summary>
    public static IQueryable<ClockFact> Clocks(StewardDbContext db, ReportScope s, Instant now) =>
        from c in db.SlaClocks.AsNoTracking()
        join r in OpenedIn(db, s) on c.RecordId equals r.Id
        select new ClockFact
        {
            ServiceId = r.ServiceId,
            CustomerId = r.CustomerId,
            Priority = r.Priority,
            PartyId = c.PartyId,
            PartyOrganizationId = c.PartyOrganizationId,
            AgreementType = c.AgreementType,
            AgreementId = c.AgreementId,
            Metric = c.Metric,
            Judged = c.Target != null,
            // As SlaClock.IsBreachedAt: a breach noted, or a running clock past its due instant.
            Breached = c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now),
            Stopped = c.Stage == ClockStage.Stopped,
        };
}

/// <summary>One clock as a report counts it.</summary>
public sealed class ClockFact
{
    public Guid? ServiceId { get; init; }
    public Guid CustomerId { get; init; }
    public int Priority { get; init; }
    public Guid? PartyId { get; init; }
    public Guid? PartyOrganizationId { get; init; }
    public Core.Sourcing.AgreementType? AgreementType { get; init; }
    public Guid? AgreementId { get; init; }
    public ClockMetric Metric { get; init; }
    /// <summary>The clock has a target: it can be met or breached. Without one its time is measured, not judged.</summary>
    public bool Judged { get; init; }
    public bool Breached { get; init; }
    public bool Stopped { get; init; }
}
