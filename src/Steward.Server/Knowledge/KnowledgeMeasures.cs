using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Knowledge;
using Steward.Core.Measures;
using Steward.Server.Api;
using Steward.Server.Reports;

namespace Steward.Server.Knowledge;

/// <summary>GET /api/v1/communities/{id}/measures: the period (as the reports take it), its buckets, and the format.</summary>
public sealed class MeasuresQuery
{
    /// <summary>An instant or a local date; by default the start of the month eleven months before <c>to</c>'s (a year of months).</summary>
    [StringLength(40)] public string? From { get; init; }
    /// <summary>An instant (exclusive) or a local date (inclusive); now by default.</summary>
    [StringLength(40)] public string? To { get; init; }
    /// <summary>The IANA time zone buckets are counted in; UTC by default.</summary>
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>day, week (ISO, from Monday) or month (the default).</summary>
    [StringLength(10)] public string? Interval { get; init; }
    /// <summary>json (the default), csv or xlsx.</summary>
    [StringLength(10)] public string? Format { get; init; }
    /// <summary>What a spreadsheet holds: buckets (the default) or gaps.</summary>
    [StringLength(10)] public string? Table { get; init; }
}

public sealed record MeasuresScope(Instant From, Instant To, DateTimeZone Zone, MeasureInterval Interval, ReportFormat Format, bool GapsTable)
{
    public static (MeasuresScope? Scope, ValidationProblem? Problem) Parse(MeasuresQuery q, Instant now)
    {
        var interval = MeasureInterval.Month;
        if (!string.IsNullOrWhiteSpace(q.Interval)
            && (!Enum.TryParse(q.Interval.Trim(), ignoreCase: true, out interval) || int.TryParse(q.Interval, out _) || !Enum.IsDefined(interval)))
            return (null, Problems.Invalid("interval", "interval is day, week or month."));
        if (!ReportFormats.TryParse(q.Format, out var format)) return (null, Problems.Invalid("format", "format is json, csv or xlsx."));
        var gaps = q.Table?.Trim().ToLowerInvariant() switch
        {
            null or "" or "buckets" => false,
            "gaps" => true,
            _ => (bool?)null,
        };
        if (gaps is null) return (null, Problems.Invalid("table", "table is buckets or gaps."));
        var (period, problem) = ReportScope.Parse(new ReportQuery { From = q.From, To = q.To, Zone = q.Zone }, now);
        if (problem is not null) return (null, problem);
        var from = period!.From;
        if (string.IsNullOrWhiteSpace(q.From))
        {
            // A year of whole months by default: the charts' usual span.
            var last = period.Zone.AtStartOfDay(period.DateOf(period.To - Duration.Epsilon).With(DateAdjusters.StartOfMonth)).ToInstant();
            from = period.Zone.AtStartOfDay(period.DateOf(last).PlusMonths(-11)).ToInstant();
        }
        return (new MeasuresScope(from, period.To, period.Zone, interval, format, gaps.Value), null);
    }

    /// <summary>The buckets' bounds: each interval that overlaps the period, cut to it.</summary>
    public IReadOnlyList<PeriodBucket> Buckets() => Periods.Buckets(From, To, Zone, Interval);
}

public sealed record CommunityMeasures(Guid CommunityId, string CommunityName, Instant From, Instant To, string Zone, MeasureInterval Interval,
    MeasureTotals Totals, ReviewBacklog InReview, IReadOnlyList<MeasureBucket> Buckets, IReadOnlyList<KnowledgeGap> Gaps, int GapThreshold);

/// <summary>
/// Over the period: versions published (and how many were an article's first), versions submitted
/// for the first time, the median review turnaround (first submission to publication, of the
/// versions published), reuse (records resolved with an article of the community), readers'
/// feedback and the portal's deflections; and the articles published now.
/// </summary>
public sealed record MeasureTotals(int Published, int NewArticles, int Submitted, double? MedianTurnaroundHours, int Reuse, int Helpful, int NotHelpful,
    double? HelpfulShare, int Deflections, int PublishedArticles);

/// <summary>The versions in review now and how long they have waited since submitted; and the drafts being written.</summary>
public sealed record ReviewBacklog(int InReview, double? MedianAgeHours, double? OldestAgeHours, int Drafts);

public sealed record MeasureBucket(LocalDate Start, Instant From, Instant To, int Published, int NewArticles, int Submitted, double? MedianTurnaroundHours,
    int Reuse, int Helpful, int NotHelpful, int Deflections);

/// <summary>A service whose records were resolved often in the period, none with an article: know-how the community has not written down.</summary>
public sealed record KnowledgeGap(Guid ServiceId, string ServiceName, int Resolved, int ResolvedWithArticle);

/// <summary>
/// A community's measures. Counted past the query filters, scoped to the community and its
/// provider: whoever reads the community (its provider's people, its members) reads its figures,
/// including the records resolved with its articles that a contractor's member cannot open.
/// </summary>
public static class KnowledgeMeasures
{
    /// <summary>Resolved records a service needs in the period, with no article used, to count as a knowledge gap.</summary>
    public const int GapThreshold = 5;

    public static async Task<CommunityMeasures> RunAsync(StewardDbContext db, Community community, MeasuresScope scope, Instant now, CancellationToken ct)
    {
        var (id, start, end) = (community.Id, scope.From, scope.To);
        var versions = db.ArticleVersions.IgnoreQueryFilters().AsNoTracking().Where(v => v.CommunityId == id);
        var published = await versions.Where(v => v.PublishedAt >= start && v.PublishedAt < end)
            .Select(v => new { At = v.PublishedAt!.Value, v.FirstSubmittedAt }).ToListAsync(ct);
        var submitted = await versions.Where(v => v.FirstSubmittedAt >= start && v.FirstSubmittedAt < end).Select(v => v.FirstSubmittedAt!.Value).ToListAsync(ct);
        var articles = db.KnowledgeArticles.IgnoreQueryFilters().AsNoTracking().Where(a => a.CommunityId == id);
        var firsts = await articles.Where(a => a.FirstPublishedAt >= start && a.FirstPublishedAt < end).Select(a => a.FirstPublishedAt!.Value).ToListAsync(ct);
        var publishedNow = await articles.CountAsync(a => a.State == ArticleState.Published, ct);
        var waiting = await versions.Where(v => v.State == VersionState.InReview).Select(v => v.SubmittedAt).ToListAsync(ct);
        var drafts = await versions.CountAsync(v => v.State == VersionState.Draft, ct);
        var reuse = (await (from l in KnowledgeReader.Reuse(db)
                            join r in db.WorkRecords.IgnoreQueryFilters() on l.RecordId equals r.Id
                            where l.CommunityId == id && r.ResolvedAt >= start && r.ResolvedAt < end
                            select new { r.Id, At = r.ResolvedAt!.Value }).ToListAsync(ct))
            .DistinctBy(r => r.Id).Select(r => r.At).ToList();
        var feedback = await db.ArticleFeedback.IgnoreQueryFilters().AsNoTracking().Where(f => f.CommunityId == id && f.At >= start && f.At < end)
            .Select(f => new { f.At, f.Helpful }).ToListAsync(ct);
        var deflections = await db.KnowledgeDeflections.IgnoreQueryFilters().AsNoTracking().Where(d => d.CommunityId == id && d.At >= start && d.At < end)
            .Select(d => d.At).ToListAsync(ct);

        static double Hours(Duration d) => Math.Round(d.TotalHours, 1);
        var buckets = scope.Buckets().Select(b =>
        {
            bool In(Instant at) => at >= b.From && at < b.To;
            var turnarounds = published.Where(p => In(p.At) && p.FirstSubmittedAt is not null).Select(p => Hours(p.At - p.FirstSubmittedAt!.Value)).ToList();
            return new MeasureBucket(b.Start, b.From, b.To, published.Count(p => In(p.At)), firsts.Count(In), submitted.Count(In), Median(turnarounds),
                reuse.Count(In), feedback.Count(f => In(f.At) && f.Helpful), feedback.Count(f => In(f.At) && !f.Helpful), deflections.Count(In));
        }).ToList();

        var helpful = feedback.Count(f => f.Helpful);
        var totals = new MeasureTotals(published.Count, firsts.Count, submitted.Count,
            Median(published.Where(p => p.FirstSubmittedAt is not null).Select(p => Hours(p.At - p.FirstSubmittedAt!.Value)).ToList()),
            reuse.Count, helpful, feedback.Count - helpful, feedback.Count == 0 ? null : Math.Round((double)helpful / feedback.Count, 3), deflections.Count, publishedNow);
        var ages = waiting.OfType<Instant>().Select(s => Hours(now - s)).ToList();
        var backlog = new ReviewBacklog(waiting.Count, Median(ages), ages.Count == 0 ? null : ages.Max(), drafts);
        return new CommunityMeasures(id, community.Name, start, end, scope.Zone.Id, scope.Interval, totals, backlog, buckets,
            await GapsAsync(db, community, start, end, ct), GapThreshold);
    }

    /// <summary>
    /// Services of the provider with at least <see cref="GapThreshold"/> records resolved in the period
    /// (of the community's processes, when it names any) and not one resolved with an article, most first.
    /// </summary>
    static async Task<IReadOnlyList<KnowledgeGap>> GapsAsync(StewardDbContext db, Community community, Instant start, Instant end, CancellationToken ct)
    {
        var provider = community.ProviderId;
        var processes = community.ProcessKeys.ToList();
        var resolved = db.WorkRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ProviderId == provider && r.ServiceId != null && r.ResolvedAt >= start && r.ResolvedAt < end);
        if (processes.Count > 0) resolved = resolved.Where(r => processes.Contains(r.ProcessKey));
        var totals = await resolved.GroupBy(r => r.ServiceId!.Value).Select(g => new { Service = g.Key, Count = g.Count() })
            .Where(g => g.Count >= GapThreshold).ToListAsync(ct);
        if (totals.Count == 0) return [];
        var links = db.RecordArticles.IgnoreQueryFilters().Where(l => l.Relation == ArticleRelation.UsedToResolve);
        var withArticle = await resolved.Where(r => links.Any(l => l.RecordId == r.Id)).GroupBy(r => r.ServiceId!.Value)
            .Select(g => new { Service = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Service, g => g.Count, ct);
        var gaps = totals.Where(t => withArticle.GetValueOrDefault(t.Service) == 0).OrderByDescending(t => t.Count).Take(20).ToList();
        var ids = gaps.Select(g => g.Service).ToList();
        var names = await db.Services.IgnoreQueryFilters().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return gaps.Select(g => new KnowledgeGap(g.Service, names.GetValueOrDefault(g.Service, ""), g.Count, 0)).ToList();
    }

    /// <summary>
    /// The review turnaround across every community of a provider (the provider manager's
    /// dashboard): versions published in [start, end) and the median hours from their first
    /// submission to publication. Past the filters, scoped to the provider: check the caller sees it.
    /// </summary>
    public static async Task<(int Published, double? MedianHours)> ReviewTurnaroundAsync(StewardDbContext db, Guid providerId, Instant start, Instant end, CancellationToken ct)
    {
        var published = await db.ArticleVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.ProviderId == providerId && v.PublishedAt >= start && v.PublishedAt < end && v.FirstSubmittedAt != null)
            .Select(v => new { At = v.PublishedAt!.Value, Submitted = v.FirstSubmittedAt!.Value }).ToListAsync(ct);
        return (published.Count, Median(published.Select(p => Math.Round((p.At - p.Submitted).TotalHours, 1)).ToList()));
    }

    static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : Math.Round((values[middle - 1] + values[middle]) / 2, 1);
    }

    /// <summary>The buckets (or the gaps) as a spreadsheet, written the way the reports are (<see cref="ReportExport"/>).</summary>
    public static FileContentHttpResult File(CommunityMeasures m, MeasuresScope scope, ReportFormat format, string communityName)
    {
        var table = scope.GapsTable
            ? new ReportTable("Knowledge gaps", ["Service", "Service id", "Resolved", "Resolved with an article"],
                m.Gaps.Select(g => new object?[] { g.ServiceName, g.ServiceId.ToString(), g.Resolved, g.ResolvedWithArticle }).ToList())
            : new ReportTable("Community measures",
                ["Period start", "Published", "New articles", "Submitted", "Median review turnaround (hours)", "Reuse", "Helpful", "Not helpful", "Deflections"],
                m.Buckets.Select(b => new object?[]
                {
                    b.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b.Published, b.NewArticles, b.Submitted, b.MedianTurnaroundHours,
                    b.Reuse, b.Helpful, b.NotHelpful, b.Deflections,
                }).ToList());
        var from = m.From.InZone(scope.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = (m.To - Duration.Epsilon).InZone(scope.Zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var slug = new string(communityName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var file = $"steward-community-{(slug.Length == 0 ? "measures" : slug[..Math.Min(slug.Length, 40)])}-{(scope.GapsTable ? "gaps" : "measures")}-{from}-to-{to}";
        return format is ReportFormat.Csv
            ? TypedResults.File(ReportExport.Csv(table), ReportExport.CsvType, file + ".csv")
            : TypedResults.File(ReportExport.Xlsx(table), ReportExport.XlsxType, file + ".xlsx");
    }
}
