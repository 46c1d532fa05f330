using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Satisfaction;

namespace Steward.Server.Satisfaction;

/// <summary>
/// What one report reads of one provider: the invitations sent in [From, To) and their responses,
/// optionally of one survey, service or customer, of the work of one performing party, of one kind
/// of sourcing or one kind of record (the measures narrow by these).
/// </summary>
public sealed record SatisfactionScope(Guid ProviderId, Instant From, Instant To, Guid? SurveyId = null, Guid? ServiceId = null, Guid? CustomerId = null,
    Guid? PerformerId = null, Core.Sourcing.SourcingKind? SourcingKind = null, Core.Records.RecordKind? RecordKind = null, Guid? PerformerOrganizationId = null);

/// <summary>
/// One group's invitations and the answers to them, as counted in the database. The report's
/// figures are derived from these sums, so groups (and providers) add up by adding their tallies.
/// </summary>
public sealed class Tally
{
    public int Invitations { get; set; }
    public int Responses { get; set; }
    public long RatingSum { get; set; }
    public int One { get; set; }
    public int Two { get; set; }
    public int Three { get; set; }
    public int Four { get; set; }
    public int Five { get; set; }
    /// <summary>Answers to the 0–10 question, of which promoters gave 9 or 10 and detractors 0 to 6.</summary>
    public int RecommendAnswers { get; set; }
    public int Promoters { get; set; }
    public int Detractors { get; set; }

    public void Add(Tally other)
    {
        Invitations += other.Invitations;
        Responses += other.Responses;
        RatingSum += other.RatingSum;
        One += other.One;
        Two += other.Two;
        Three += other.Three;
        Four += other.Four;
        Five += other.Five;
        RecommendAnswers += other.RecommendAnswers;
        Promoters += other.Promoters;
        Detractors += other.Detractors;
    }

    /// <summary>Adds <paramref name="count"/> answers of one rating and one recommendation (none: not asked or not answered).</summary>
    public void AddAnswers(int rating, int? recommend, int count)
    {
        Responses += count;
        RatingSum += (long)rating * count;
        switch (rating)
        {
            case 1: One += count; break;
            case 2: Two += count; break;
            case 3: Three += count; break;
            case 4: Four += count; break;
            case 5: Five += count; break;
        }
        if (recommend is not { } r) return;
        RecommendAnswers += count;
        if (r >= 9) Promoters += count;
        else if (r <= 6) Detractors += count;
    }

    public static Tally Sum(IEnumerable<Tally> tallies)
    {
        var sum = new Tally();
        foreach (var t in tallies) sum.Add(t);
        return sum;
    }
}

/// <summary>
/// Counts a provider's invitations and responses per group with two GROUP BY statements (one per
/// table) over the columns stored at invitation time; nothing is loaded row by row. Each grouping
/// has its own covering index (see SurveyResponseConfiguration), so SQLite counts in index order.
/// </summary>
public static class SatisfactionCounts
{
    sealed class InvitationRow<TKey>
    {
        public required TKey Key { get; init; }
        public int Invitations { get; init; }
    }

    sealed class ResponseRow
    {
        public int Responses { get; init; }
        public int RatingSum { get; init; }
        public int One { get; init; }
        public int Two { get; init; }
        public int Three { get; init; }
        public int Four { get; init; }
        public int Five { get; init; }
        public int RecommendAnswers { get; init; }
        public int Promoters { get; init; }
        public int Detractors { get; init; }
    }

    /// <summary>Read past the tenancy filters: the caller has decided that the actor sees the provider (and the filters' OR would keep the indexes out).</summary>
    public static IQueryable<SurveyInvitation> Invitations(StewardDbContext db, SatisfactionScope s)
    {
        var query = db.SurveyInvitations.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.ProviderId == s.ProviderId && i.InvitedAt >= s.From && i.InvitedAt < s.To);
        if (s.SurveyId is { } survey) query = query.Where(i => i.SurveyId == survey);
        if (s.ServiceId is { } service) query = query.Where(i => i.ServiceId == service);
        if (s.CustomerId is { } customer) query = query.Where(i => i.CustomerId == customer);
        if (s.PerformerId is { } performer) query = query.Where(i => i.PerformerId == performer);
        if (s.PerformerOrganizationId is { } organization) query = query.Where(i => i.PerformerOrganizationId == organization);
        if (s.SourcingKind is { } kind) query = query.Where(i => i.SourcingKind == kind);
        if (s.RecordKind is { } recordKind) query = query.Where(i => i.RecordKind == recordKind);
        return query;
    }

    public static IQueryable<SurveyResponse> Responses(StewardDbContext db, SatisfactionScope s)
    {
        var query = db.SurveyResponses.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ProviderId == s.ProviderId && r.InvitedAt >= s.From && r.InvitedAt < s.To);
        if (s.SurveyId is { } survey) query = query.Where(r => r.SurveyId == survey);
        if (s.ServiceId is { } service) query = query.Where(r => r.ServiceId == service);
        if (s.CustomerId is { } customer) query = query.Where(r => r.CustomerId == customer);
        if (s.PerformerId is { } performer) query = query.Where(r => r.PerformerId == performer);
        if (s.PerformerOrganizationId is { } organization) query = query.Where(r => r.PerformerOrganizationId == organization);
        if (s.SourcingKind is { } kind) query = query.Where(r => r.SourcingKind == kind);
        if (s.RecordKind is { } recordKind) query = query.Where(r => r.RecordKind == recordKind);
        return query;
    }

    /// <summary>A group's key with one rating and one recommendation: what the responses are counted by.</summary>
    sealed class RatedKey<TKey>
    {
        public required TKey Key { get; init; }
        public int Rating { get; init; }
        public int? Recommend { get; init; }
    }

    /// <summary><paramref name="key"/> with the response's rating and recommendation beside it.</summary>
    static Expression<Func<SurveyResponse, RatedKey<TKey>>> Rated<TKey>(Expression<Func<SurveyResponse, TKey>> key)
    {
        var response = key.Parameters[0];
        var type = typeof(RatedKey<TKey>);
        return Expression.Lambda<Func<SurveyResponse, RatedKey<TKey>>>(Expression.MemberInit(Expression.New(type),
            Expression.Bind(type.GetProperty(nameof(RatedKey<TKey>.Key))!, key.Body),
            Expression.Bind(type.GetProperty(nameof(RatedKey<TKey>.Rating))!, Expression.Property(response, nameof(SurveyResponse.Rating))),
            Expression.Bind(type.GetProperty(nameof(RatedKey<TKey>.Recommend))!, Expression.Property(response, nameof(SurveyResponse.Recommend)))), response);
    }

    /// <summary>
    /// The tally of each group, keyed the same way in both tables (an anonymous type with the same
    /// members is one type). A group with invitations but no response has responses of zero.
    /// </summary>
    /// <remarks>
    /// Responses are counted per group, rating (1–5) and recommendation (0–10 or none), at most 60
    /// rows a group, and the distribution is summed here: counting alone per row, in the order of
    /// an index that leads with the group, the rating and the recommendation, costs SQLite less than
    /// half of ten conditional aggregates per row (0.23 s against 0.55 s for 1,000,000 responses).
    /// </remarks>
    public static async Task<Dictionary<TKey, Tally>> ByAsync<TKey>(StewardDbContext db, SatisfactionScope scope,
        Expression<Func<SurveyInvitation, TKey>> invitationKey, Expression<Func<SurveyResponse, TKey>> responseKey, CancellationToken ct)
        where TKey : notnull
    {
        var invited = await Invitations(db, scope).GroupBy(invitationKey)
            .Select(g => new InvitationRow<TKey> { Key = g.Key, Invitations = g.Count() })
            .ToListAsync(ct);
        var answered = await Responses(db, scope).GroupBy(Rated(responseKey))
            .Select(g => new { g.Key.Key, g.Key.Rating, g.Key.Recommend, Count = g.Count() })
            .ToListAsync(ct);

        var tallies = new Dictionary<TKey, Tally>();
        foreach (var row in invited) Of(tallies, row.Key).Invitations += row.Invitations;
        foreach (var row in answered) Of(tallies, row.Key).AddAnswers(row.Rating, row.Recommend, row.Count);
        return tallies;
    }

    /// <summary>
    /// One tally per period (months, say): each range read on its own from the (provider, invited)
    /// index, with the distribution aggregated in the statement, so that no statement sorts.
    /// </summary>
    public static async Task<List<Tally>> PerRangeAsync(StewardDbContext db, SatisfactionScope scope, IReadOnlyList<(Instant From, Instant To)> ranges, CancellationToken ct)
    {
        var result = new List<Tally>(ranges.Count);
        foreach (var (from, to) in ranges)
        {
            var range = scope with { From = from, To = to };
            var invitations = await Invitations(db, range).CountAsync(ct);
            var answers = await Responses(db, range).GroupBy(r => r.ProviderId)
                .Select(g => new ResponseRow
                {
                    Responses = g.Count(),
                    RatingSum = g.Sum(r => r.Rating),
                    One = g.Count(r => r.Rating == 1),
                    Two = g.Count(r => r.Rating == 2),
                    Three = g.Count(r => r.Rating == 3),
                    Four = g.Count(r => r.Rating == 4),
                    Five = g.Count(r => r.Rating == 5),
                    RecommendAnswers = g.Count(r => r.Recommend != null),
                    Promoters = g.Count(r => r.Recommend >= 9),
                    Detractors = g.Count(r => r.Recommend <= 6),
                })
                .SingleOrDefaultAsync(ct);
            result.Add(new Tally
            {
                Invitations = invitations,
                Responses = answers?.Responses ?? 0, RatingSum = answers?.RatingSum ?? 0,
                One = answers?.One ?? 0, Two = answers?.Two ?? 0, Three = answers?.Three ?? 0, Four = answers?.Four ?? 0, Five = answers?.Five ?? 0,
                RecommendAnswers = answers?.RecommendAnswers ?? 0, Promoters = answers?.Promoters ?? 0, Detractors = answers?.Detractors ?? 0,
            });
        }
        return result;
    }

    static Tally Of<TKey>(Dictionary<TKey, Tally> tallies, TKey key) where TKey : notnull
    {
        if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
        return tally;
    }
}
