using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Measures;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Reports;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Satisfaction;

/// <summary>How the satisfaction report groups: by the party whose work was rated, service, customer, kind of sourcing or month.</summary>
public enum SatisfactionGrouping
{
    Party,
    Service,
    Customer,
    Kind,
    Month,
}

/// <summary>The query string of GET /api/v1/satisfaction; text parsed here, so that a malformed value is a 400 naming its field.</summary>
public sealed class SatisfactionQuery
{
    /// <summary>party (default), service, customer, kind or month.</summary>
    [StringLength(20)] public string? GroupBy { get; init; }
    /// <summary>An instant or a date (the start of that day in <see cref="Zone"/>): invitations sent from then. Default: 90 days before <see cref="To"/>.</summary>
    [StringLength(40)] public string? From { get; init; }
    /// <summary>An instant (exclusive) or a date (inclusive). Default: now.</summary>
    [StringLength(40)] public string? To { get; init; }
    /// <summary>The IANA time zone dates and months are read in; UTC by default.</summary>
    [StringLength(60)] public string? Zone { get; init; }
    /// <summary>Only this provider's surveys (of those the caller sees).</summary>
    [StringLength(40)] public string? ProviderId { get; init; }
    [StringLength(40)] public string? SurveyId { get; init; }
    [StringLength(40)] public string? ServiceId { get; init; }
    [StringLength(40)] public string? CustomerId { get; init; }
    /// <summary>json (default), csv or xlsx.</summary>
    [StringLength(10)] public string? Format { get; init; }
}

public sealed record SatisfactionPeriod(Instant From, Instant To, string Zone, Guid? ProviderId, Guid? SurveyId, Guid? ServiceId, Guid? CustomerId);

/// <summary>
/// A group's figures. The response rate is responses ÷ invitations; the mean rating is over the
/// responses; the distribution counts ratings 1 to 5 in that order; the net promoter score is
/// % promoters (9–10) − % detractors (0–6) of the answers to the 0–10 question, null where it was
/// not asked; low ratings are ratings of 1 or 2 (each about a record opened a follow-up).
/// </summary>
public sealed record SatisfactionRow(
    string Key,
    string Name,
    int Invitations,
    int Responses,
    double? ResponseRatePercent,
    double? MeanRating,
    IReadOnlyList<int> Distribution,
    int RecommendAnswers,
    int Promoters,
    int Passives,
    int Detractors,
    double? NetPromoterScore,
    int LowRatings,
    RatedParty? Party = null)
{
    public static SatisfactionRow Of(string key, string name, Tally t, RatedParty? party = null) => new(key, name, t.Invitations, t.Responses,
        t.Invitations == 0 ? null : Math.Round(100.0 * t.Responses / t.Invitations, 1),
        t.Responses == 0 ? null : Math.Round((double)t.RatingSum / t.Responses, 2),
        [t.One, t.Two, t.Three, t.Four, t.Five],
        t.RecommendAnswers, t.Promoters, t.RecommendAnswers - t.Promoters - t.Detractors, t.Detractors,
        t.RecommendAnswers == 0 ? null : Math.Round(100.0 * (t.Promoters - t.Detractors) / t.RecommendAnswers, 1),
        t.One + t.Two, party);
}

/// <summary>Whose work a party row rates: the party that performed the resolving step, its organization, the party accountable for the process and the agreement between them.</summary>
public sealed record RatedParty(Guid? PerformerId, string PerformerName, Guid? OrganizationId, string? OrganizationName,
    Guid? AccountableId, string? AccountableName, AgreementType? Agreement, string AgreementKind);

public sealed record SatisfactionReportView(SatisfactionPeriod Period, SatisfactionGrouping GroupBy, IReadOnlyList<SatisfactionRow> Rows, SatisfactionRow Total);

/// <summary>What a report asks, parsed and checked.</summary>
public sealed record SatisfactionRequest(Instant From, Instant To, DateTimeZone Zone, SatisfactionGrouping GroupBy, Guid? ProviderId, Guid? SurveyId, Guid? ServiceId, Guid? CustomerId)
{
    public static readonly Duration DefaultPeriod = Duration.FromDays(90);

    public static (SatisfactionRequest? Request, ValidationProblem? Problem) Parse(SatisfactionQuery q, Instant now)
    {
        if (!TryGrouping(q.GroupBy, out var groupBy)) return (null, Problems.Invalid("groupBy", "groupBy is party, service, customer, kind or month."));
        // The period, zone, service and customer read as every report reads them.
        var to = q.To;
        var from = q.From;
        var (scope, problem) = ReportScope.Parse(new ReportQuery { From = from, To = to, Zone = q.Zone, ServiceId = q.ServiceId, CustomerId = q.CustomerId }, now);
        if (scope is null) return (null, problem);
        var start = string.IsNullOrWhiteSpace(from) ? scope.To - DefaultPeriod : scope.From;
        if (!TryGuid(q.ProviderId, out var provider)) return (null, Problems.Invalid("providerId", "providerId must be a provider's id (a GUID)."));
        if (!TryGuid(q.SurveyId, out var survey)) return (null, Problems.Invalid("surveyId", "surveyId must be a survey's id (a GUID)."));
        return (new SatisfactionRequest(start, scope.To, scope.Zone, groupBy, provider, survey, scope.ServiceId, scope.CustomerId), null);
    }

    public static bool TryGrouping(string? text, out SatisfactionGrouping grouping)
    {
        grouping = SatisfactionGrouping.Party;
        if (string.IsNullOrWhiteSpace(text)) return true;
        return Enum.TryParse(text.Trim(), ignoreCase: true, out grouping) && !int.TryParse(text, out _) && Enum.IsDefined(grouping);
    }

    static bool TryGuid(string? text, out Guid? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!Guid.TryParse(text.Trim(), out var g)) return false;
        value = g;
        return true;
    }

    public SatisfactionPeriod ToPeriod() => new(From, To, Zone.Id, ProviderId, SurveyId, ServiceId, CustomerId);

    public LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The calendar months of the period in its zone, the first and last cut to the period.</summary>
    public IReadOnlyList<PeriodBucket> Months() => Periods.Buckets(From, To, Zone, MeasureInterval.Month);
}

/// <summary>
/// The satisfaction report: invitations sent in the period and the answers to them, per group, for
/// the providers the caller sees (a customer's people see none: they never read another customer's
/// answers, nor, in aggregate, their own colleagues'). Counted per provider in the database.
/// </summary>
public static class SatisfactionReport
{
    /// <summary>The providers the actor's tenancy covers (one, when named and visible).</summary>
    public static async Task<List<Guid>> ProvidersAsync(StewardDbContext db, Guid? providerId, CancellationToken ct)
    {
        var actor = db.Actor;
        var providers = db.Organizations.IgnoreQueryFilters().Where(o => o.Kind == OrganizationKind.Provider);
        if (providerId is { } named) providers = providers.Where(o => o.Id == named);
        var ids = await providers.OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct);
        return actor.SeesAll ? ids : ids.Where(actor.Sees).ToList();
    }

    public static async Task<SatisfactionReportView> RunAsync(StewardDbContext db, SatisfactionRequest request, CancellationToken ct)
    {
        var providers = await ProvidersAsync(db, request.ProviderId, ct);
        var scopes = providers.Select(p => new SatisfactionScope(p, request.From, request.To, request.SurveyId, request.ServiceId, request.CustomerId)).ToList();
        var rows = request.GroupBy switch
        {
            SatisfactionGrouping.Party => await PartiesAsync(db, scopes, ct),
            SatisfactionGrouping.Service => await NamedAsync(db, await MergeAsync(scopes, s => SatisfactionCounts.ByAsync(db, s, i => new { i.ServiceId }, r => new { r.ServiceId }, ct), k => k.ServiceId), "No service"),
            SatisfactionGrouping.Customer => await NamedAsync(db, await MergeAsync(scopes, s => SatisfactionCounts.ByAsync(db, s, i => new { i.CustomerId }, r => new { r.CustomerId }, ct), k => (Guid?)k.CustomerId), "Unknown customer"),
            SatisfactionGrouping.Kind => (await MergeAsync(scopes, s => SatisfactionCounts.ByAsync(db, s, i => new { i.SourcingKind }, r => new { r.SourcingKind }, ct), k => k.SourcingKind))
                .OrderBy(p => p.Key is { } k ? (int)k : int.MaxValue)
                .Select(p => new Grouped(SatisfactionRow.Of(p.Key?.ToString() ?? "", KindName(p.Key), p.Tally), p.Tally)).ToList(),
            _ => await MonthsAsync(db, request, scopes, ct),
        };
        return new SatisfactionReportView(request.ToPeriod(), request.GroupBy, rows.Select(r => r.Row).ToList(),
            SatisfactionRow.Of("", "Total", Tally.Sum(rows.Select(r => r.Tally))));
    }

    /// <summary>A row and the tally it shows: totals add tallies, not rounded figures.</summary>
    public sealed record Grouped(SatisfactionRow Row, Tally Tally);

    /// <summary>Adds the tallies of every provider per key (a key may be null: no service, no kind).</summary>
    static async Task<List<(TOut Key, Tally Tally)>> MergeAsync<TKey, TOut>(IEnumerable<SatisfactionScope> scopes, Func<SatisfactionScope, Task<Dictionary<TKey, Tally>>> count, Func<TKey, TOut> key)
        where TKey : notnull
    {
        var merged = new Dictionary<Box<TOut>, Tally>();
        foreach (var scope in scopes)
            foreach (var (k, tally) in await count(scope))
            {
                var boxed = new Box<TOut>(key(k));
                if (!merged.TryGetValue(boxed, out var sum)) merged[boxed] = sum = new Tally();
                sum.Add(tally);
            }
        return merged.Select(p => (p.Key.Value, p.Value)).ToList();
    }

    readonly record struct Box<T>(T Value);

    static async Task<List<Grouped>> NamedAsync(StewardDbContext db, List<(Guid? Key, Tally Tally)> tallies, string none)
    {
        var names = await PartyNames.OfAsync(db, tallies.Select(t => t.Key));
        return tallies
            .Select(t => new Grouped(SatisfactionRow.Of(t.Key?.ToString() ?? "", t.Key is { } id ? names.GetValueOrDefault(id, "Unknown") : none, t.Tally), t.Tally))
            .OrderBy(r => r.Row.Key == "" ? 1 : 0).ThenBy(r => r.Row.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Row.Key, StringComparer.Ordinal)
            .ToList();
    }

    public static async Task<List<Grouped>> PartiesAsync(StewardDbContext db, IEnumerable<SatisfactionScope> scopes, CancellationToken ct)
    {
        var tallies = await MergeAsync(scopes, s => SatisfactionCounts.ByAsync(db, s,
            i => new { i.PerformerId, i.AccountableId, i.PerformerAgreement }, r => new { r.PerformerId, r.AccountableId, r.PerformerAgreement }, ct), k => k);
        var ids = tallies.SelectMany(t => new[] { t.Key.PerformerId, t.Key.AccountableId }).OfType<Guid>().Distinct().ToList();
        var teams = await db.Teams.IgnoreQueryFilters().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.OrganizationId }).ToDictionaryAsync(t => t.Id, t => t.OrganizationId, ct);
        var names = await PartyNames.OfAsync(db, ids.Concat(teams.Values).Select(id => (Guid?)id));
        return tallies
            .Select(t =>
            {
                var (performer, accountable, agreement) = (t.Key.PerformerId, t.Key.AccountableId, t.Key.PerformerAgreement);
                Guid? organization = performer is { } p ? teams.TryGetValue(p, out var owner) ? owner : p : null;
                var name = performer is { } id ? names.GetValueOrDefault(id, "Unknown party") : "No party (periodic surveys)";
                var party = new RatedParty(performer, name, organization, organization is { } o ? names.GetValueOrDefault(o) : null,
                    accountable, accountable is { } a ? names.GetValueOrDefault(a) : null, agreement, PartyResults.KindOf(agreement));
                return new Grouped(SatisfactionRow.Of($"{performer}:{accountable}:{agreement}", name, t.Tally, party), t.Tally);
            })
            .OrderBy(r => r.Row.Party!.PerformerId is null ? 1 : 0).ThenBy(r => r.Row.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Row.Party!.AccountableName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Row.Key, StringComparer.Ordinal)
            .ToList();
    }

    static async Task<List<Grouped>> MonthsAsync(StewardDbContext db, SatisfactionRequest request, List<SatisfactionScope> scopes, CancellationToken ct)
    {
        var months = request.Months();
        var sums = months.Select(_ => new Tally()).ToList();
        foreach (var scope in scopes)
        {
            var parts = await SatisfactionCounts.PerRangeAsync(db, scope, months.Select(m => (m.From, m.To)).ToList(), ct);
            for (var i = 0; i < parts.Count; i++) sums[i].Add(parts[i]);
        }
        return months.Select((m, i) => new Grouped(SatisfactionRow.Of(m.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            m.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture), sums[i]), sums[i])).ToList();
    }

    public static string KindName(SourcingKind? kind) => kind switch
    {
        null => "Not derived (no service)",
        SourcingKind.None => "In-house (none)",
        SourcingKind.KnowledgeOutsourcing => "Knowledge outsourcing",
        SourcingKind.ProcessOutsourcing => "Process outsourcing",
        _ => "Service outsourcing",
    };

    /// <summary>
    /// Satisfaction within one provider–customer relationship: per service (with the kind of
    /// sourcing the ratings were given under) and per party. The caller checks that the actor may see the relationship.
    /// </summary>
    public static async Task<RelationshipSatisfactionView> OfRelationshipAsync(StewardDbContext db, Guid providerId, Guid customerId, Instant from, Instant to, CancellationToken ct)
    {
        var scope = new SatisfactionScope(providerId, from, to, CustomerId: customerId);
        var byService = await SatisfactionCounts.ByAsync(db, scope, i => new { i.ServiceId, i.SourcingKind }, r => new { r.ServiceId, r.SourcingKind }, ct);
        var names = await PartyNames.OfAsync(db, byService.Keys.Select(k => k.ServiceId));
        var services = byService
            .Select(t => new RelationshipServiceRow(t.Key.ServiceId, t.Key.ServiceId is { } id ? names.GetValueOrDefault(id, "Unknown") : "No service (periodic surveys)",
                t.Key.SourcingKind, KindName(t.Key.SourcingKind), SatisfactionRow.Of($"{t.Key.ServiceId}:{t.Key.SourcingKind}", "", t.Value)))
            .OrderBy(r => r.ServiceId is null ? 1 : 0).ThenBy(r => r.ServiceName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Kind)
            .ToList();
        var parties = await PartiesAsync(db, [scope], ct);
        var total = SatisfactionRow.Of("", "Total", Tally.Sum(byService.Values));
        return new RelationshipSatisfactionView(providerId, customerId, from, to, services, parties.Select(p => p.Row).ToList(), total);
    }
}

/// <summary>One service of a relationship, under one kind of sourcing (a kind that changed splits the service in two rows).</summary>
public sealed record RelationshipServiceRow(Guid? ServiceId, string ServiceName, SourcingKind? Kind, string KindName, SatisfactionRow Figures);

public sealed record RelationshipSatisfactionView(Guid ProviderId, Guid CustomerId, Instant From, Instant To,
    IReadOnlyList<RelationshipServiceRow> Services, IReadOnlyList<SatisfactionRow> Parties, SatisfactionRow Total);
