using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Sla;

namespace Steward.Server.Records;

/// <summary>
/// What the record workflow reads about one provider, in memory: partners, services, subscriptions,
/// the priority matrix, sourcing assignments, teams, agreements, SLA policies and their calendars.
/// Read past the query filters; the workflow applies the caller's tenancy itself.
/// </summary>
public sealed class DeskSnapshot
{
    public required Guid ProviderId { get; init; }
    public required HashSet<Guid> Partners { get; init; }
    public required HashSet<Guid> Services { get; init; }
    /// <summary>(service, customer) → the offering of the customer's latest subscription to it.</summary>
    public required Dictionary<(Guid Service, Guid Customer), Guid> Subscriptions { get; init; }
    public required PriorityMatrix Matrix { get; init; }
    public required ILookup<Guid, SourcingAssignment> AssignmentsByService { get; init; }
    /// <summary>Active teams of the provider and its partners → their organization.</summary>
    public required Dictionary<Guid, Guid> Teams { get; init; }
    /// <summary>The first active team of each organization by name: where a step performed by an organization lands.</summary>
    public required Dictionary<Guid, Guid> FirstTeamOf { get; init; }
    public required Dictionary<Guid, string> Names { get; init; }
    public required List<AgreementRecord> Agreements { get; init; }
    public required List<SlaPolicy> Policies { get; init; }
    public required Dictionary<Guid, CalendarInForce> Calendars { get; init; }

    public bool IsProviderOrPartner(Guid organizationId) => organizationId == ProviderId || Partners.Contains(organizationId);
}

/// <summary>
/// Keeps each provider's <see cref="DeskSnapshot"/> between requests. Every use first reads the one
/// <see cref="ConfigStamp"/> row (a primary-key read); the snapshot is rebuilt when any server has
/// changed configuration since, so several servers behind a proxy never act on stale settings.
/// Logging a record then costs one small query instead of ten.
/// </summary>
public sealed class DeskSnapshots(CalendarCache calendars)
{
    sealed record Entry(Guid Stamp, DeskSnapshot Snapshot);

    readonly ConcurrentDictionary<Guid, Entry> snapshots = new();
    // A service never moves to another provider (ProviderId is init-only), so this needs no stamp.
    readonly ConcurrentDictionary<Guid, Guid> providerOfService = new();

    // Read on every create and change of a record: compiled once, so that EF Core does not look the
    // query up in its cache and bind it anew each time. A compiled query belongs to one model, and
    // the SQLite and PostgreSQL models differ (a process may hold both: the tests do).
    static readonly ConditionalWeakTable<IModel, Func<StewardDbContext, CancellationToken, Task<Guid>>> ReadStamp = new();

    public Task<Guid> StampAsync(StewardDbContext db, CancellationToken ct) =>
        ReadStamp.GetValue(db.Model, _ => EF.CompileAsyncQuery((StewardDbContext c, CancellationToken _) =>
            c.ConfigStamps.AsNoTracking().Where(s => s.Id == ConfigStamp.SingleId).Select(s => s.Value).SingleOrDefault()))(db, ct);

    /// <summary>The provider of a service, whoever may see it; null when there is no such service.</summary>
    public async Task<Guid?> ProviderOfServiceAsync(StewardDbContext db, Guid serviceId, CancellationToken ct)
    {
        if (providerOfService.TryGetValue(serviceId, out var known)) return known;
        var provider = await db.Services.IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == serviceId).Select(s => (Guid?)s.ProviderId).SingleOrDefaultAsync(ct);
        if (provider is { } p) providerOfService[serviceId] = p;
        return provider;
    }

    public async Task<DeskSnapshot> ForAsync(StewardDbContext db, Guid providerId, CancellationToken ct)
    {
        var stamp = await StampAsync(db, ct);
        if (snapshots.TryGetValue(providerId, out var entry) && entry.Stamp == stamp) return entry.Snapshot;
        var snapshot = await LoadAsync(db, providerId, ct);
        snapshots[providerId] = new Entry(stamp, snapshot);
        return snapshot;
    }

    async Task<DeskSnapshot> LoadAsync(StewardDbContext db, Guid providerId, CancellationToken ct)
    {
        var partners = (await db.PartnerRelationships.IgnoreQueryFilters().AsNoTracking().Where(r => r.ProviderId == providerId)
            .Select(r => r.PartnerId).ToListAsync(ct)).ToHashSet();
        var services = (await db.Services.IgnoreQueryFilters().AsNoTracking().Where(s => s.ProviderId == providerId).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var subscriptions = (await db.Subscriptions.IgnoreQueryFilters().AsNoTracking().Where(s => s.ProviderId == providerId)
                .Select(s => new { s.ServiceId, s.CustomerId, s.OfferingId, s.Start }).ToListAsync(ct))
            .GroupBy(s => (s.ServiceId, s.CustomerId))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Start).First().OfferingId);
        var matrix = await db.PrioritySettings.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == providerId).Select(p => p.Matrix).SingleOrDefaultAsync(ct);
        var assignments = await db.SourcingAssignments.IgnoreQueryFilters().AsNoTracking().Where(a => a.ProviderId == providerId).ToListAsync(ct);
        var organizations = partners.Append(providerId).ToList();
        var teams = await db.Teams.IgnoreQueryFilters().AsNoTracking().Where(t => organizations.Contains(t.OrganizationId) && t.ArchivedAt == null)
            .Select(t => new { t.Id, t.OrganizationId, t.Name }).ToListAsync(ct);
        var names = await db.Organizations.IgnoreQueryFilters().AsNoTracking().Where(o => organizations.Contains(o.Id)).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var agreements = await db.AgreementRecords.IgnoreQueryFilters().AsNoTracking().Where(a => a.ProviderId == providerId).ToListAsync(ct);
        var policies = await db.SlaPolicies.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == providerId && p.IsActive).ToListAsync(ct);
        var calendarIds = policies.Select(p => p.CalendarId).OfType<Guid>().Distinct().ToList();
        var inForce = await calendars.InForceAsync(db, calendarIds, ct);
        return new DeskSnapshot
        {
            ProviderId = providerId,
            Partners = partners,
            Services = services,
            Subscriptions = subscriptions,
            Matrix = matrix is null ? PriorityMatrix.Default : PriorityMatrix.Parse(matrix),
            AssignmentsByService = assignments.ToLookup(a => a.ServiceId),
            Teams = teams.ToDictionary(t => t.Id, t => t.OrganizationId),
            FirstTeamOf = teams.GroupBy(t => t.OrganizationId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Name, StringComparer.Ordinal).First().Id),
            Names = names.Select(n => (n.Id, n.Name)).Concat(teams.Select(t => (t.Id, t.Name))).ToDictionary(n => n.Item1, n => n.Item2),
            Agreements = agreements,
            Policies = policies,
            Calendars = inForce,
        };
    }
}
