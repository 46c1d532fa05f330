using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Measures;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Satisfaction;

namespace Steward.Server.Measures;

/// <summary>What one range of one provider adds to a value: counts add up, medians keep their values.</summary>
public sealed class MeasureParts
{
    public long Numerator { get; set; }
    public long Denominator { get; set; }
    /// <summary>How many rows the value stands on (records, clocks, answers, entries).</summary>
    public long N { get; set; }
    public List<long> Values { get; } = [];

    public void Add(MeasureParts other)
    {
        Numerator += other.Numerator;
        Denominator += other.Denominator;
        N += other.N;
        Values.AddRange(other.Values);
    }
}

/// <summary>A measure's value over one span with what it was worked out from: a ratio's two counts, or how many rows a median or a mean stands on.</summary>
public sealed record MeasureValue(double? Value, long? Numerator, long? Denominator, long N);

/// <summary>
/// Computes the catalogue's measures from Steward's own records: the one implementation the
/// measures API, the agreements' measures, the relationship review and the improvement register
/// call. Each measure counts the rows of its cohort (<see cref="MeasureDefinition.Cohort"/>) in the
/// database; a median brings back only the one column it is taken over.
/// </summary>
/// <remarks>
/// Reads past the query filters with the provider named explicitly (the filters' OR keeps the
/// covering indexes out): the caller decides who may see which provider and forces a customer's
/// person's scope to their own organization (<see cref="MeasureAccess"/>).
/// </remarks>
public sealed class MeasureEngine(StewardDbContext db)
{
    // A party named by the series is a team, or an organization standing for itself and all its teams
    // (an underpinning contract is with the supplier, whose teams perform the steps): found once per engine.
    readonly Dictionary<Guid, (bool IsOrganization, List<Guid> Ids)> parties = [];

    async Task<(bool IsOrganization, List<Guid> Ids)> PartyAsync(Guid party, CancellationToken ct)
    {
        if (parties.TryGetValue(party, out var known)) return known;
        var teams = await db.Teams.IgnoreQueryFilters().Where(t => t.OrganizationId == party).Select(t => t.Id).ToListAsync(ct);
        var isOrganization = teams.Count > 0 || await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == party, ct);
        return parties[party] = (isOrganization, [party, .. teams]);
    }

    /// <summary>The value of <paramref name="measure"/> over [from, to) for each provider, added up; for the backlog, at <paramref name="to"/> (or now, if sooner).</summary>
    public async Task<MeasureValue> ValueAsync(MeasureDefinition measure, IReadOnlyList<Guid> providers, MeasureFilter filter, Instant from, Instant to,
        DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var parts = new MeasureParts();
        foreach (var provider in providers)
            parts.Add(await PartsAsync(measure.Key, provider, filter, from, to, zone, now, ct));
        return Finish(measure, parts);
    }

    static MeasureValue Finish(MeasureDefinition measure, MeasureParts p) => measure.Key switch
    {
        "response-time-median" or "resolution-time-median" or "review-turnaround-median" or "time-to-engage-median" =>
            new(MeasureMath.Hours(MeasureMath.Median(p.Values)), null, null, p.Values.Count),
        "backlog-age-median" => new(MeasureMath.Days(MeasureMath.Median(p.Values)), null, null, p.Values.Count),
        "backlog" => new(p.Numerator, null, null, p.Numerator),
        "csat-mean" => new(MeasureMath.Ratio(p.Numerator, p.Denominator), p.Numerator, p.Denominator, p.Denominator),
        "effort-hours" => new(Math.Round(p.Numerator / 60.0, 2), p.Numerator, null, p.N),
        _ => new(MeasureMath.Percent(p.Numerator, p.Denominator), p.Numerator, p.Denominator, p.Denominator),
    };

    Task<MeasureParts> PartsAsync(string key, Guid provider, MeasureFilter f, Instant from, Instant to, DateTimeZone zone, Instant now, CancellationToken ct,
        IQueryable<WorkRecord>? resolved = null)
    {
        var cohort = resolved ?? Resolved(provider, f, from, to);
        return key switch
        {
            "sla-compliance" when f.PartyId is { } party => PartyComplianceAsync(provider, party, f, from, to, now, ct),
            "resolution-time-median" or "first-contact-resolution" or "reopen-rate" or "article-reuse-rate" when f.PartyId is { } party => ResolvedByAsync(key, provider, party, f, from, to, ct),
            "sla-compliance" => ComplianceAsync(provider, f, from, to, now, ct),
            "response-time-median" => ValuesAsync(Opened(provider, f, from, to).Where(r => r.ResponseTime != null).Select(r => r.ResponseTime!.Value), ct),
            "resolution-time-median" => ValuesAsync(cohort.Where(r => r.ResolutionTime != null).Select(r => r.ResolutionTime!.Value), ct),
            "first-contact-resolution" => RatioAsync(cohort.Where(r => r.Handoffs != null), r => r.Handoffs == 0 && r.ReopenCount == 0, ct),
            "reopen-rate" => RatioAsync(cohort, r => r.ReopenCount > 0, ct),
            "article-reuse-rate" => RatioAsync(cohort,
                r => db.RecordArticles.IgnoreQueryFilters().Any(a => a.RecordId == r.Id && a.Relation == ArticleRelation.UsedToResolve), ct),
            "backlog" => BacklogAsync(provider, f, Min(to, now), ct),
            "backlog-age-median" => BacklogAgeAsync(provider, f, Min(to, now), ct),
            "csat-mean" or "csat-response-rate" => SatisfactionAsync(key, provider, f, from, to, ct),
            "review-turnaround-median" => TurnaroundAsync(provider, f, from, to, ct),
            "time-to-engage-median" => EngagementAsync(provider, f, from, to, ct),
            "effort-hours" => EffortAsync(provider, f, from, to, zone, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a measure computed from records."),
        };
    }

    static Instant Min(Instant a, Instant b) => a < b ? a : b;

    /// <summary>A provider's records narrowed by service, customer, process and kind of sourcing (each where asked).</summary>
    IQueryable<WorkRecord> Records(Guid provider, MeasureFilter f)
    {
        var query = db.WorkRecords.IgnoreQueryFilters().AsNoTracking().Where(r => r.ProviderId == provider);
        if (f.ServiceId is { } service) query = query.Where(r => r.ServiceId == service);
        if (f.CustomerId is { } customer) query = query.Where(r => r.CustomerId == customer);
        if (f.ProcessKey is not null)
            query = f.RecordKind is { } kind ? query.Where(r => r.Kind == kind) : query.Where(r => false);
        if (f.Kind is { } sourcing) query = query.Where(r => r.SourcingKind == sourcing);
        return query;
    }

    IQueryable<WorkRecord> Opened(Guid provider, MeasureFilter f, Instant from, Instant to) =>
        Records(provider, f).Where(r => r.OpenedAt >= from && r.OpenedAt < to);

    /// <summary>Records whose latest resolution falls in the span.</summary>
    IQueryable<WorkRecord> Resolved(Guid provider, MeasureFilter f, Instant from, Instant to) =>
        Records(provider, f).Where(r => r.ResolvedAt >= from && r.ResolvedAt < to);

    /// <summary>The resolution measures of the records resolved in a step the party (or a team of the organization) performed.</summary>
    async Task<MeasureParts> ResolvedByAsync(string key, Guid provider, Guid party, MeasureFilter f, Instant from, Instant to, CancellationToken ct)
    {
        var (_, ids) = await PartyAsync(party, ct);
        return await PartsAsync(key, provider, f with { PartyId = null }, from, to, DateTimeZone.Utc, Instant.MinValue, ct, Resolved(provider, f, from, to)
            .Where(r => r.ResolvedByPartyId != null && ids.Contains(r.ResolvedByPartyId.Value)));
    }

    static async Task<MeasureParts> RatioAsync(IQueryable<WorkRecord> cohort, System.Linq.Expressions.Expression<Func<WorkRecord, bool>> counted, CancellationToken ct)
    {
        var whole = await cohort.CountAsync(ct);
        var part = whole == 0 ? 0 : await cohort.CountAsync(counted, ct);
        return new MeasureParts { Numerator = part, Denominator = whole, N = whole };
    }

    static async Task<MeasureParts> ValuesAsync(IQueryable<Duration> durations, CancellationToken ct)
    {
        var parts = new MeasureParts();
        foreach (var d in await durations.ToListAsync(ct)) parts.Values.Add(d.BclCompatibleTicks);
        parts.N = parts.Values.Count;
        return parts;
    }

    /// <summary>
    /// The records' first-response and resolution clocks together, as the SLA compliance report
    /// counts them: met ÷ (met + breached), a running clock past its due instant counted breached.
    /// </summary>
    async Task<MeasureParts> ComplianceAsync(Guid provider, MeasureFilter f, Instant from, Instant to, Instant now, CancellationToken ct)
    {
        var counts = await Opened(provider, f, from, to).GroupBy(r => r.ProviderId).Select(g => new
        {
            ResponseMet = g.Count(r => r.ResponseOutcome == ClockOutcome.Met),
            ResponseBreached = g.Count(r => r.ResponseOutcome == ClockOutcome.Breached || (r.ResponseOutcome == ClockOutcome.Pending && r.ResponseDueAt < now)),
            ResolutionMet = g.Count(r => r.ResolutionOutcome == ClockOutcome.Met),
            ResolutionBreached = g.Count(r => r.ResolutionOutcome == ClockOutcome.Breached || (r.ResolutionOutcome == ClockOutcome.Pending && r.ResolutionDueAt < now)),
        }).SingleOrDefaultAsync(ct);
        if (counts is null) return new MeasureParts();
        var met = counts.ResponseMet + counts.ResolutionMet;
        var judged = met + counts.ResponseBreached + counts.ResolutionBreached;
        return new MeasureParts { Numerator = met, Denominator = judged, N = judged };
    }

    /// <summary>A party's own clocks on the records opened in the span, judged against its agreement (the party results report's rule).</summary>
    async Task<MeasureParts> PartyComplianceAsync(Guid provider, Guid party, MeasureFilter f, Instant start, Instant end, Instant now, CancellationToken ct)
    {
        var (isOrganization, _) = await PartyAsync(party, ct);
        var clocks =
            from c in db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
            join r in Opened(provider, f, start, end) on c.RecordId equals r.Id
            where c.Metric == ClockMetric.Party && c.Target != null && (c.PartyId == party || (isOrganization && c.PartyOrganizationId == party))
            select c;
        var met = await clocks.CountAsync(c => c.Stage == ClockStage.Stopped && c.BreachedAt == null, ct);
        var breached = await clocks.CountAsync(c => c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now), ct);
        return new MeasureParts { Numerator = met, Denominator = met + breached, N = met + breached };
    }

    /// <summary>Records opened before <paramref name="at"/> and not yet resolved (or, never resolved, closed) by then, as the latest resolution says.</summary>
    IQueryable<WorkRecord> OpenAt(Guid provider, MeasureFilter f, Instant at) =>
        Records(provider, f).Where(r => r.OpenedAt < at && (r.ResolvedAt >= at || (r.ResolvedAt == null && (r.ClosedAt == null || r.ClosedAt >= at))));

    async Task<MeasureParts> BacklogAsync(Guid provider, MeasureFilter f, Instant at, CancellationToken ct)
    {
        var open = await OpenAt(provider, f, at).CountAsync(ct);
        return new MeasureParts { Numerator = open, N = open };
    }

    async Task<MeasureParts> BacklogAgeAsync(Guid provider, MeasureFilter f, Instant at, CancellationToken ct)
    {
        var parts = new MeasureParts();
        foreach (var opened in await OpenAt(provider, f, at).Select(r => r.OpenedAt).ToListAsync(ct)) parts.Values.Add((at - opened).BclCompatibleTicks);
        parts.N = parts.Values.Count;
        return parts;
    }

    /// <summary>The survey answers of the invitations sent in the span (the satisfaction report's counts).</summary>
    async Task<MeasureParts> SatisfactionAsync(string key, Guid provider, MeasureFilter f, Instant from, Instant to, CancellationToken ct)
    {
        if (f.ProcessKey is not null && f.RecordKind is null) return new MeasureParts();
        var organization = f.PartyId is { } party && (await PartyAsync(party, ct)).IsOrganization;
        var scope = new SatisfactionScope(provider, from, to, null, f.ServiceId, f.CustomerId, organization ? null : f.PartyId, f.Kind, f.RecordKind,
            organization ? f.PartyId : null);
        var tally = (await SatisfactionCounts.PerRangeAsync(db, scope, [(from, to)], ct))[0];
        return key == "csat-mean"
            ? new MeasureParts { Numerator = tally.RatingSum, Denominator = tally.Responses, N = tally.Responses }
            : new MeasureParts { Numerator = tally.Responses, Denominator = tally.Invitations, N = tally.Invitations };
    }

    /// <summary>First submission to publication of the article versions published in the span, of articles about the service or process asked for.</summary>
    async Task<MeasureParts> TurnaroundAsync(Guid provider, MeasureFilter f, Instant from, Instant to, CancellationToken ct)
    {
        var versions = await db.ArticleVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.ProviderId == provider && v.PublishedAt >= from && v.PublishedAt < to && v.FirstSubmittedAt != null)
            .Select(v => new { At = v.PublishedAt!.Value, Submitted = v.FirstSubmittedAt!.Value, v.ServiceIds, v.ProcessKeys })
            .ToListAsync(ct);
        var parts = new MeasureParts();
        // A version's services and processes are a short JSON list: matched here rather than in SQL, over the versions of the span only.
        foreach (var v in versions)
            if ((f.ServiceId is not { } service || v.ServiceIds.Contains(service)) && (f.ProcessKey is not { } process || v.ProcessKeys.Contains(process)))
                parts.Values.Add((v.At - v.Submitted).BclCompatibleTicks);
        parts.N = parts.Values.Count;
        return parts;
    }

    /// <summary>Under a skills agreement: the business time from a party's clock starting to the party's first act, of the clocks started in the span.</summary>
    async Task<MeasureParts> EngagementAsync(Guid provider, MeasureFilter f, Instant start, Instant end, CancellationToken ct)
    {
        var clocks =
            from c in db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
            join r in Records(provider, f) on c.RecordId equals r.Id
            where c.Metric == ClockMetric.Party && c.AgreementType == AgreementType.SkillsAgreement && c.StartedAt >= start && c.StartedAt < end && c.EngagedAfter != null
            select c;
        if (f.PartyId is { } party)
        {
            var (isOrganization, _) = await PartyAsync(party, ct);
            clocks = clocks.Where(c => c.PartyId == party || (isOrganization && c.PartyOrganizationId == party));
        }
        return await ValuesAsync(clocks.Select(c => c.EngagedAfter!.Value), ct);
    }

    /// <summary>Minutes logged on the days of the span (the zone's days), on the records in scope, by the party where one is asked.</summary>
    async Task<MeasureParts> EffortAsync(Guid provider, MeasureFilter f, Instant start, Instant end, DateTimeZone zone, CancellationToken ct)
    {
        var first = start.InZone(zone).Date;
        var last = (end - Duration.Epsilon).InZone(zone).Date;
        var entries = db.WorkLog.IgnoreQueryFilters().AsNoTracking().Where(w => w.ProviderId == provider && w.On >= first && w.On <= last);
        if (f.PartyId is { } party)
        {
            var (_, ids) = await PartyAsync(party, ct);
            entries = entries.Where(w => w.PartyId != null && ids.Contains(w.PartyId.Value));
        }
        if (f.ServiceId is not null || f.CustomerId is not null || f.ProcessKey is not null || f.Kind is not null)
            entries = from w in entries join r in Records(provider, f) on w.RecordId equals r.Id select w;
        var sums = await entries.GroupBy(w => w.ProviderId).Select(g => new { Minutes = g.Sum(w => (long)w.Minutes), Entries = g.Count() }).SingleOrDefaultAsync(ct);
        return new MeasureParts { Numerator = sums?.Minutes ?? 0, N = sums?.Entries ?? 0 };
    }
}
