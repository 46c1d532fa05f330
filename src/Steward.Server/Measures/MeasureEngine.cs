using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Measures;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Finance;
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

    /// <summary>The reporting currency money measures are summed in; null for the others.</summary>
    public string? Currency { get; set; }
    public decimal Revenue { get; set; }
    public decimal Labour { get; set; }
    public decimal Supplier { get; set; }
    public decimal Other { get; set; }
    /// <summary>Amounts in scope that no exchange rate converts: left out of the sums above, never taken 1:1.</summary>
    public List<MissingAmount> Missing { get; } = [];
    /// <summary>Minutes the provider's own people logged in scope that no cost rate costs.</summary>
    public long UncostedMinutes { get; set; }

    public void Add(MeasureParts other)
    {
        Numerator += other.Numerator;
        Denominator += other.Denominator;
        N += other.N;
        Values.AddRange(other.Values);
        if (other.Currency is not null && Currency is not null && other.Currency != Currency)
            throw new InvalidOperationException($"Adding {other.Currency} to {Currency}: money of providers reporting in different currencies does not add up.");
        Currency ??= other.Currency;
        (Revenue, Labour, Supplier, Other) = (Revenue + other.Revenue, Labour + other.Labour, Supplier + other.Supplier, Other + other.Other);
        Missing.AddRange(other.Missing);
        UncostedMinutes += other.UncostedMinutes;
    }
}

/// <summary>A measure's value over one span with what it was worked out from: a ratio's two counts, or how many rows a median or a mean stands on; for money, the sums.</summary>
public sealed record MeasureValue(double? Value, long? Numerator, long? Denominator, long N, MeasureMoney? Money = null);

/// <summary>
/// What a money measure was worked out from, in the provider's reporting currency, each rounded half
/// to even to cents from unrounded sums as the P&amp;L shows them: revenue and costs by source, the
/// records resolved (cost per record's divisor), the amounts in scope left out for want of an
/// exchange rate (<see cref="Missing"/>, as the P&amp;L lists them) and the minutes of the provider's
/// own people no cost rate costs. <see cref="Complete"/> is false while either is not empty.
/// </summary>
public sealed record MeasureMoney(string Currency, decimal Revenue, decimal Labour, decimal Supplier, decimal Other, decimal Costs, decimal Margin,
    long? RecordsResolved, IReadOnlyList<PnlMissing> Missing, long UncostedMinutes, bool Complete);

/// <summary>
/// Computes the catalogue's measures from Steward's own records (money from the finance ledger built
/// from them: <see cref="MoneyAsync"/>): the one implementation the measures API, the agreements'
/// measures, the relationship review and the improvement register call. Each measure counts the
/// rows of its cohort (<see cref="MeasureDefinition.Cohort"/>) in the database; a median brings
/// back only the one column it is taken over. A value is computed for
/// the whole scope, or per service in the same statements (the relationship review asks for fifty
/// services at once).
/// </summary>
/// <remarks>
/// Reads past the query filters with the provider named explicitly (the filters' OR keeps the
/// covering indexes out): the caller decides who may see which provider and forces a customer's
/// person's scope to their own organization (<see cref="MeasureAccess"/>).
/// </remarks>
public sealed partial class MeasureEngine(StewardDbContext db)
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
            foreach (var group in (await PartsAsync(measure.Key, provider, filter, from, to, zone, now, byService: false, ct)).Values)
                parts.Add(group);
        return Finish(measure, parts);
    }

    /// <summary>
    /// The value of <paramref name="measure"/> in each bucket, and over all of them: the buckets'
    /// parts added up (a median over every value), or for the backlog the last bucket's, so that the
    /// period is read once. The backlog itself is counted back from the records open now through
    /// the openings and endings since (<see cref="BacklogSeriesAsync"/>), never over all history.
    /// </summary>
    public async Task<(List<MeasureValue> Points, MeasureValue Total)> SeriesAsync(MeasureDefinition measure, IReadOnlyList<Guid> providers, MeasureFilter filter,
        IReadOnlyList<PeriodBucket> buckets, DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var perBucket = buckets.Select(_ => new MeasureParts()).ToList();
        foreach (var provider in providers)
        {
            if (IsMoney(measure))
            {
                var money = await MoneySeriesAsync(measure.Key, provider, filter, buckets, zone, now, ct);
                for (var i = 0; i < buckets.Count; i++) perBucket[i].Add(money[i]);
                continue;
            }
            if (measure.Key == "backlog")
            {
                var open = await BacklogSeriesAsync(provider, filter, buckets, now, ct);
                for (var i = 0; i < buckets.Count; i++) perBucket[i].Add(new MeasureParts { Numerator = open[i], N = open[i] });
                continue;
            }
            for (var i = 0; i < buckets.Count; i++)
                foreach (var group in (await PartsAsync(measure.Key, provider, filter, buckets[i].From, buckets[i].To, zone, now, byService: false, ct)).Values)
                    perBucket[i].Add(group);
        }
        var total = new MeasureParts();
        if (measure.Key is "backlog" or "backlog-age-median") { if (perBucket.Count > 0) total = perBucket[^1]; }
        else foreach (var parts in perBucket) total.Add(parts);
        // The total's median sorts its own copy: the buckets' values stay as they are.
        var whole = new MeasureParts();
        whole.Add(total);
        return (perBucket.Select(p => Finish(measure, p)).ToList(), Finish(measure, whole));
    }

    /// <summary>
    /// The records open at the end of each bucket (or now, for the current one): those open now,
    /// less those opened since, plus those that ended since (resolved, or closed unresolved). Every
    /// count is a range of one index within the period, plus the few records never resolved.
    /// </summary>
    async Task<List<long>> BacklogSeriesAsync(Guid provider, MeasureFilter f, IReadOnlyList<PeriodBucket> buckets, Instant now, CancellationToken ct)
    {
        var records = Records(provider, f);
        long openNow = await records.CountAsync(r => r.ResolvedAt == null && r.ClosedAt == null, ct);
        var ends = buckets.Select(b => Min(b.To, now)).ToList();
        // The flow in each stretch between consecutive ends, and from the last end to now.
        var bounds = ends.Append(now).ToList();
        var flows = new long[bounds.Count];
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var (a, b) = (bounds[i], bounds[i + 1]);
            if (b <= a) continue;
            var opened = await records.CountAsync(r => r.OpenedAt >= a && r.OpenedAt < b, ct);
            var resolved = await records.CountAsync(r => r.ResolvedAt >= a && r.ResolvedAt < b, ct);
            var withdrawn = await records.CountAsync(r => r.ResolvedAt == null && r.ClosedAt >= a && r.ClosedAt < b, ct);
            flows[i] = opened - resolved - withdrawn;
        }
        var open = new List<long>(new long[buckets.Count]);
        var since = 0L;
        for (var i = buckets.Count - 1; i >= 0; i--)
        {
            since += flows[i];
            open[i] = openNow - since;
        }
        return open;
    }

    /// <summary>
    /// The value of <paramref name="measure"/> for each service with rows in the scope (records
    /// without a service are left out), in the same statements as one value: an article about two
    /// services counts for each.
    /// </summary>
    public async Task<Dictionary<Guid, MeasureValue>> ByServiceAsync(MeasureDefinition measure, Guid provider, MeasureFilter filter, Instant from, Instant to,
        DateTimeZone zone, Instant now, CancellationToken ct)
    {
        var parts = await PartsAsync(measure.Key, provider, filter, from, to, zone, now, byService: true, ct);
        return parts.Where(p => p.Key != Guid.Empty).ToDictionary(p => p.Key, p => Finish(measure, p.Value));
    }

    static MeasureValue Finish(MeasureDefinition measure, MeasureParts p) => measure.Key switch
    {
        "response-time-median" or "resolution-time-median" or "review-turnaround-median" or "time-to-engage-median" =>
            new(MeasureMath.Hours(MeasureMath.Median(p.Values)), null, null, p.Values.Count),
        "backlog-age-median" => new(MeasureMath.Days(MeasureMath.Median(p.Values)), null, null, p.Values.Count),
        "backlog" => new(p.Numerator, null, null, p.Numerator),
        "csat-mean" => new(MeasureMath.Ratio(p.Numerator, p.Denominator), p.Numerator, p.Denominator, p.Denominator),
        "effort-hours" => new(Math.Round(p.Numerator / 60.0, 2), p.Numerator, null, p.N),
        "cost-per-record" or "margin" => FinishMoney(measure.Key, p),
        _ => new(MeasureMath.Percent(p.Numerator, p.Denominator), p.Numerator, p.Denominator, p.Denominator),
    };

    /// <summary>The parts of each group: one group (keyed by the provider) or one per service.</summary>
    async Task<Dictionary<Guid, MeasureParts>> PartsAsync(string key, Guid provider, MeasureFilter f, Instant from, Instant to, DateTimeZone zone, Instant now,
        bool byService, CancellationToken ct)
    {
        Expression<Func<WorkRecord, Guid?>> group = byService ? r => r.ServiceId : r => (Guid?)r.ProviderId;
        var resolved = Resolved(provider, f, from, to);
        if (f.PartyId is { } party && key is "resolution-time-median" or "first-contact-resolution" or "reopen-rate" or "article-reuse-rate")
        {
            var (_, ids) = await PartyAsync(party, ct);
            resolved = resolved.Where(r => r.ResolvedByPartyId != null && ids.Contains(r.ResolvedByPartyId.Value));
        }
        return key switch
        {
            "sla-compliance" when f.PartyId is { } p => await PartyComplianceAsync(provider, p, f, from, to, now, byService, ct),
            "sla-compliance" => await ComplianceAsync(Opened(provider, f, from, to), group, now, ct),
            "response-time-median" => await ValuesAsync(Opened(provider, f, from, to).Where(r => r.ResponseTime != null), group, r => r.ResponseTime!.Value, ct),
            "resolution-time-median" => await ValuesAsync(resolved.Where(r => r.ResolutionTime != null), group, r => r.ResolutionTime!.Value, ct),
            "first-contact-resolution" => await RatiosAsync(resolved.Where(r => r.Handoffs != null).GroupBy(group)
                .Select(g => new Ratio { Key = g.Key, Whole = g.Count(), Part = g.Count(r => r.Handoffs == 0 && r.ReopenCount == 0) }), ct),
            "reopen-rate" => await RatiosAsync(resolved.GroupBy(group).Select(g => new Ratio { Key = g.Key, Whole = g.Count(), Part = g.Count(r => r.ReopenCount > 0) }), ct),
            // Records resolved in the span ÷ those of them resolved with an article, from the stamp the links keep on the record.
            "article-reuse-rate" => await RatiosAsync(resolved.GroupBy(group).Select(g => new Ratio { Key = g.Key, Whole = g.Count(), Part = g.Count(r => r.ResolvedWithArticle) }), ct),
            "backlog" => await CountAsync(OpenAt(provider, f, Min(to, now)), group, ct),
            "backlog-age-median" => await AgesAsync(OpenAt(provider, f, Min(to, now)), group, Min(to, now), ct),
            "csat-mean" or "csat-response-rate" => await SatisfactionAsync(key, provider, f, from, to, byService, ct),
            "review-turnaround-median" => await TurnaroundAsync(provider, f, from, to, byService, ct),
            "time-to-engage-median" => await EngagementAsync(provider, f, from, to, byService, ct),
            "effort-hours" => await EffortAsync(provider, f, from, to, zone, byService, ct),
            "cost-per-record" or "margin" => await MoneyAsync(key, provider, f, from, to, zone, now, byService, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a measure of the catalogue."),
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

    /// <summary>Records opened before <paramref name="at"/> and not yet resolved (or, never resolved, closed) by then, as the latest resolution says.</summary>
    IQueryable<WorkRecord> OpenAt(Guid provider, MeasureFilter f, Instant at) =>
        Records(provider, f).Where(r => r.OpenedAt < at && (r.ResolvedAt >= at || (r.ResolvedAt == null && (r.ClosedAt == null || r.ClosedAt >= at))));

    /// <summary>A group's key and a count.</summary>
    sealed class Counted
    {
        public Guid? Key { get; init; }
        public int Count { get; init; }
    }

    /// <summary>A group's key and one value of a row.</summary>
    sealed class Keyed<T>
    {
        public Guid? Key { get; init; }
        public T Value { get; init; } = default!;
    }

    /// <summary><c>row => new Keyed { Key = group(row), Value = value(row) }</c>, as one expression the database can run.</summary>
    static Expression<Func<TRow, Keyed<T>>> Pair<TRow, T>(Expression<Func<TRow, Guid?>> group, Expression<Func<TRow, T>> value)
    {
        var row = group.Parameters[0];
        var body = new Rebind(value.Parameters[0], row).Visit(value.Body);
        var type = typeof(Keyed<T>);
        return Expression.Lambda<Func<TRow, Keyed<T>>>(Expression.MemberInit(Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(Keyed<T>.Key))!, group.Body),
            Expression.Bind(type.GetProperty(nameof(Keyed<T>.Value))!, body)), row);
    }

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    static Dictionary<Guid, MeasureParts> Groups() => [];

    /// <summary>The parts of a group; rows without a service are kept under <see cref="Guid.Empty"/>.</summary>
    static MeasureParts Of(Dictionary<Guid, MeasureParts> groups, Guid? key)
    {
        var k = key ?? Guid.Empty;
        if (!groups.TryGetValue(k, out var parts)) groups[k] = parts = new MeasureParts();
        return parts;
    }

    async Task<Dictionary<Guid, MeasureParts>> CountAsync(IQueryable<WorkRecord> rows, Expression<Func<WorkRecord, Guid?>> group, CancellationToken ct)
    {
        var groups = Groups();
        foreach (var c in await rows.GroupBy(group).Select(g => new Counted { Key = g.Key, Count = g.Count() }).ToListAsync(ct))
        {
            var parts = Of(groups, c.Key);
            parts.Numerator += c.Count;
            parts.N += c.Count;
        }
        return groups;
    }

    /// <summary>A group's key, its cohort and the part of it counted.</summary>
    sealed class Ratio
    {
        public Guid? Key { get; init; }
        public int Whole { get; init; }
        public int Part { get; init; }
    }

    /// <summary>Whole and part counted in one read of the cohort.</summary>
    static async Task<Dictionary<Guid, MeasureParts>> RatiosAsync(IQueryable<Ratio> ratios, CancellationToken ct)
    {
        var groups = Groups();
        foreach (var r in await ratios.ToListAsync(ct))
        {
            var parts = Of(groups, r.Key);
            parts.Numerator += r.Part;
            parts.Denominator += r.Whole;
            parts.N += r.Whole;
        }
        return groups;
    }

    static async Task<Dictionary<Guid, MeasureParts>> ValuesAsync<TRow>(IQueryable<TRow> rows, Expression<Func<TRow, Guid?>> group,
        Expression<Func<TRow, Duration>> value, CancellationToken ct)
    {
        var groups = Groups();
        foreach (var row in await rows.Select(Pair(group, value)).ToListAsync(ct))
        {
            var parts = Of(groups, row.Key);
            parts.Values.Add(row.Value.BclCompatibleTicks);
            parts.N++;
        }
        return groups;
    }

    async Task<Dictionary<Guid, MeasureParts>> AgesAsync(IQueryable<WorkRecord> open, Expression<Func<WorkRecord, Guid?>> group, Instant at, CancellationToken ct)
    {
        var groups = Groups();
        foreach (var row in await open.Select(Pair(group, r => r.OpenedAt)).ToListAsync(ct))
        {
            var parts = Of(groups, row.Key);
            parts.Values.Add((at - row.Value).BclCompatibleTicks);
            parts.N++;
        }
        return groups;
    }

    /// <summary>The group's key and the clock outcomes of the records' first-response and resolution clocks.</summary>
    sealed class Outcomes
    {
        public Guid? Key { get; init; }
        public int ResponseMet { get; init; }
        public int ResponseBreached { get; init; }
        public int ResolutionMet { get; init; }
        public int ResolutionBreached { get; init; }
    }

    /// <summary>
    /// The records' first-response and resolution clocks together, as the SLA compliance report
    /// counts them: met ÷ (met + breached), a running clock past its due instant counted breached.
    /// </summary>
    static async Task<Dictionary<Guid, MeasureParts>> ComplianceAsync(IQueryable<WorkRecord> opened, Expression<Func<WorkRecord, Guid?>> group, Instant now, CancellationToken ct)
    {
        var groups = Groups();
        var counts = await opened.GroupBy(group).Select(g => new Outcomes
        {
            Key = g.Key,
            ResponseMet = g.Count(r => r.ResponseOutcome == ClockOutcome.Met),
            ResponseBreached = g.Count(r => r.ResponseOutcome == ClockOutcome.Breached || (r.ResponseOutcome == ClockOutcome.Pending && r.ResponseDueAt < now)),
            ResolutionMet = g.Count(r => r.ResolutionOutcome == ClockOutcome.Met),
            ResolutionBreached = g.Count(r => r.ResolutionOutcome == ClockOutcome.Breached || (r.ResolutionOutcome == ClockOutcome.Pending && r.ResolutionDueAt < now)),
        }).ToListAsync(ct);
        foreach (var c in counts)
        {
            var met = c.ResponseMet + c.ResolutionMet;
            var judged = met + c.ResponseBreached + c.ResolutionBreached;
            var parts = Of(groups, c.Key);
            parts.Numerator += met;
            parts.Denominator += judged;
            parts.N += judged;
        }
        return groups;
    }

    /// <summary>A party clock with the service of its record.</summary>
    sealed class PartyClock
    {
        public Guid? ServiceId { get; init; }
        public bool Met { get; init; }
        public bool Breached { get; init; }
    }

    /// <summary>A party's own clocks on the records opened in the span, judged against its agreement (the party results report's rule).</summary>
    async Task<Dictionary<Guid, MeasureParts>> PartyComplianceAsync(Guid provider, Guid party, MeasureFilter f, Instant start, Instant end, Instant now,
        bool byService, CancellationToken ct)
    {
        var (_, ids) = await PartyAsync(party, ct);
        var partyClocks = db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ProviderId == provider && c.Metric == ClockMetric.Party && c.PartyId != null && ids.Contains(c.PartyId.Value)
                && c.RecordOpenedAt >= start && c.RecordOpenedAt < end && c.Target != null);
        if (f.CustomerId is { } customer) partyClocks = partyClocks.Where(c => c.CustomerId == customer);
        // The clock carries its record's customer and opening instant; service, process and kind are the record's.
        var clocks = !byService && f.ServiceId is null && f.ProcessKey is null && f.Kind is null
            ? partyClocks.Select(c => new PartyClock
            {
                ServiceId = null,
                Met = c.Stage == ClockStage.Stopped && c.BreachedAt == null,
                Breached = c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now),
            })
            : from c in partyClocks
              join r in Records(provider, f) on c.RecordId equals r.Id
              select new PartyClock
              {
                  ServiceId = byService ? r.ServiceId : null,
                  Met = c.Stage == ClockStage.Stopped && c.BreachedAt == null,
                  Breached = c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now),
              };
        var groups = Groups();
        foreach (var g in await clocks.GroupBy(c => c.ServiceId).Select(g => new Outcomes { Key = g.Key, ResponseMet = g.Count(c => c.Met), ResponseBreached = g.Count(c => c.Breached) }).ToListAsync(ct))
        {
            var parts = Of(groups, byService ? g.Key : provider);
            parts.Numerator += g.ResponseMet;
            parts.Denominator += g.ResponseMet + g.ResponseBreached;
            parts.N += g.ResponseMet + g.ResponseBreached;
        }
        return groups;
    }

    /// <summary>The survey answers of the invitations sent in the span (the satisfaction report's counts).</summary>
    async Task<Dictionary<Guid, MeasureParts>> SatisfactionAsync(string key, Guid provider, MeasureFilter f, Instant from, Instant to, bool byService, CancellationToken ct)
    {
        var groups = Groups();
        if (f.ProcessKey is not null && f.RecordKind is null) return groups;
        var organization = f.PartyId is { } party && (await PartyAsync(party, ct)).IsOrganization;
        var scope = new SatisfactionScope(provider, from, to, null, f.ServiceId, f.CustomerId, organization ? null : f.PartyId, f.Kind, f.RecordKind,
            organization ? f.PartyId : null);
        var tallies = byService
            ? (await SatisfactionCounts.ByAsync(db, scope, i => new { i.ServiceId }, r => new { r.ServiceId }, ct)).Select(t => (t.Key.ServiceId, t.Value))
            : [((Guid?)provider, (await SatisfactionCounts.PerRangeAsync(db, scope, [(from, to)], ct))[0])];
        foreach (var (service, tally) in tallies)
        {
            var parts = Of(groups, service);
            if (key == "csat-mean")
            {
                parts.Numerator += tally.RatingSum;
                parts.Denominator += tally.Responses;
                parts.N += tally.Responses;
            }
            else
            {
                parts.Numerator += tally.Responses;
                parts.Denominator += tally.Invitations;
                parts.N += tally.Invitations;
            }
        }
        return groups;
    }

    /// <summary>First submission to publication of the article versions published in the span, of articles about the service or process asked for.</summary>
    async Task<Dictionary<Guid, MeasureParts>> TurnaroundAsync(Guid provider, MeasureFilter f, Instant from, Instant to, bool byService, CancellationToken ct)
    {
        var versions = await db.ArticleVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.ProviderId == provider && v.PublishedAt >= from && v.PublishedAt < to && v.FirstSubmittedAt != null)
            .Select(v => new { At = v.PublishedAt!.Value, Submitted = v.FirstSubmittedAt!.Value, v.ServiceIds, v.ProcessKeys })
            .ToListAsync(ct);
        var groups = Groups();
        // A version's services and processes are a short JSON list: matched here rather than in SQL, over the versions of the span only.
        foreach (var v in versions)
        {
            if ((f.ServiceId is { } service && !v.ServiceIds.Contains(service)) || (f.ProcessKey is { } process && !v.ProcessKeys.Contains(process))) continue;
            foreach (var key in byService ? v.ServiceIds.Select(s => (Guid?)s) : [provider])
            {
                var parts = Of(groups, key);
                parts.Values.Add((v.At - v.Submitted).BclCompatibleTicks);
                parts.N++;
            }
        }
        return groups;
    }

    /// <summary>Under a skills agreement: the business time from a party's clock starting to the party's first act, of the clocks started in the span.</summary>
    async Task<Dictionary<Guid, MeasureParts>> EngagementAsync(Guid provider, MeasureFilter f, Instant start, Instant end, bool byService, CancellationToken ct)
    {
        var skills = db.SlaClocks.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.ProviderId == provider && c.Metric == ClockMetric.Party && c.AgreementType == AgreementType.SkillsAgreement
                && c.StartedAt >= start && c.StartedAt < end && c.EngagedAfter != null);
        if (f.PartyId is { } party)
        {
            var (_, ids) = await PartyAsync(party, ct);
            skills = skills.Where(c => c.PartyId != null && ids.Contains(c.PartyId.Value));
        }
        if (f.CustomerId is { } customer) skills = skills.Where(c => c.CustomerId == customer);
        var clocks = !byService && f.ServiceId is null && f.ProcessKey is null && f.Kind is null
            ? skills.Select(c => new Keyed<Duration> { Key = c.ProviderId, Value = c.EngagedAfter!.Value })
            : from c in skills
              join r in Records(provider, f) on c.RecordId equals r.Id
              select new Keyed<Duration> { Key = byService ? r.ServiceId : (Guid?)r.ProviderId, Value = c.EngagedAfter!.Value };
        return await ValuesAsync(clocks, k => k.Key, k => k.Value, ct);
    }

    /// <summary>
    /// Minutes logged on the days of the span (the zone's days), on the records in scope, by the party
    /// where one is asked. An entry carries its record's service, customer and kind as booked (they
    /// follow the record), so only a process, which is the record's kind, needs the records: the rest
    /// is one range of the work log's (provider, day) covering index.
    /// </summary>
    async Task<Dictionary<Guid, MeasureParts>> EffortAsync(Guid provider, MeasureFilter f, Instant start, Instant end, DateTimeZone zone, bool byService, CancellationToken ct)
    {
        var first = start.InZone(zone).Date;
        var last = (end - Duration.Epsilon).InZone(zone).Date;
        var entries = db.WorkLog.IgnoreQueryFilters().AsNoTracking().Where(w => w.ProviderId == provider && w.On >= first && w.On <= last);
        if (f.PartyId is { } party)
        {
            var (_, ids) = await PartyAsync(party, ct);
            entries = entries.Where(w => w.PartyId != null && ids.Contains(w.PartyId.Value));
        }
        if (f.ServiceId is { } service) entries = entries.Where(w => w.ServiceId == service);
        if (f.CustomerId is { } customer) entries = entries.Where(w => w.CustomerId == customer);
        if (f.Kind is { } kind) entries = entries.Where(w => w.SourcingKind == kind);
        var booked = f.ProcessKey is null
            ? entries.Select(w => new { Key = byService ? w.ServiceId : (Guid?)w.ProviderId, w.Minutes })
            : from w in entries join r in Records(provider, f) on w.RecordId equals r.Id select new { Key = byService ? w.ServiceId : (Guid?)w.ProviderId, w.Minutes };
        var groups = Groups();
        foreach (var g in await booked.GroupBy(b => b.Key).Select(g => new { g.Key, Minutes = g.Sum(b => (long)b.Minutes), Entries = g.Count() }).ToListAsync(ct))
        {
            var parts = Of(groups, g.Key);
            parts.Numerator += g.Minutes;
            parts.N += g.Entries;
        }
        return groups;
    }
}
