using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Server.Api;

namespace Steward.Server.Records;

/// <summary>
/// The filters of a queue. Lists take comma-separated values (state=New,InProgress); every filter
/// given must hold. Sort: -opened (newest first, the default), opened, priority (most urgent first,
/// then newest), -updated is not offered: a queue that reorders as people work it pages badly.
/// </summary>
public sealed class RecordQuery
{
    [StringLength(200)] public string? State { get; init; }
    [StringLength(20)] public string? Priority { get; init; }
    public Guid? TeamId { get; init; }
    public Guid? AssigneeId { get; init; }
    public Guid? ServiceId { get; init; }
    public Guid? CustomerId { get; init; }
    public Guid? RequesterId { get; init; }
    /// <summary>The performing party of the current step: a team or an organization.</summary>
    public Guid? PartyId { get; init; }
    /// <summary>Only records with (true) or without (false) a breached clock.</summary>
    public bool? Breached { get; init; }
    /// <summary>Only open records (true), or only resolved and closed ones (false).</summary>
    public bool? Open { get; init; }
    public bool? Major { get; init; }
    /// <summary>Words to find (each as a prefix) in the number, title, description or comments; or a record's number.</summary>
    [StringLength(200)] public string? Text { get; init; }
    [Range(1, PageQuery.MaxLimit)] public int? Limit { get; init; }
    [StringLength(2000)] public string? Cursor { get; init; }
    [StringLength(40)] public string? Sort { get; init; }

    public int Take => Limit ?? PageQuery.DefaultLimit;
}

public static class RecordQueries
{
    /// <summary>The filters applied to a query of one kind of record; null with the problem when a value is malformed.</summary>
    public static (IQueryable<WorkRecord>? Query, ValidationProblem? Problem) Filter(StewardDbContext db, RecordKind kind, RecordQuery q, Instant now)
    {
        var query = db.WorkRecords.AsNoTracking().Where(r => r.Kind == kind);
        if (q.State is { } stateText)
        {
            var states = new List<RecordState>();
            foreach (var part in stateText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<RecordState>(part, ignoreCase: true, out var state) || int.TryParse(part, out _))
                    return (null, Problems.Invalid("state", $"'{Shorten(part)}' is not a state; use {string.Join(", ", RecordStates.StatesOf(kind))}."));
                states.Add(state);
            }
            query = query.Where(r => states.Contains(r.State));
        }
        if (q.Priority is { } priorityText)
        {
            var priorities = new List<int>();
            foreach (var part in priorityText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, out var p) || p is < PriorityMatrix.Highest or > PriorityMatrix.Lowest)
                    return (null, Problems.Invalid("priority", "Priorities are 1 to 5, comma-separated."));
                priorities.Add(p);
            }
            query = query.Where(r => priorities.Contains(r.Priority));
        }
        if (q.TeamId is { } team) query = query.Where(r => r.AssignedTeamId == team);
        if (q.AssigneeId is { } assignee) query = query.Where(r => r.AssigneeId == assignee);
        if (q.ServiceId is { } service) query = query.Where(r => r.ServiceId == service);
        if (q.CustomerId is { } customer) query = query.Where(r => r.CustomerId == customer);
        if (q.RequesterId is { } requester) query = query.Where(r => r.RequesterId == requester);
        if (q.PartyId is { } party) query = query.Where(r => r.PerformerId == party || r.PerformerOrganizationId == party);
        // The open states named (RecordStates.IsOpen is "none of the four others"): "State IN (...)"
        // lets the queue indexes seek each open state, "State NOT IN (...)" seeks nothing.
        if (q.Open is { } open)
            query = open
                ? query.Where(r => r.State == RecordState.New || r.State == RecordState.AwaitingApproval || r.State == RecordState.InProgress || r.State == RecordState.OnHold)
                : query.Where(r => r.State == RecordState.Resolved || r.State == RecordState.Closed || r.State == RecordState.Rejected || r.State == RecordState.Cancelled);
        if (q.Major is { } major) query = query.Where(r => r.IsMajor == major);
        if (q.Breached is { } breached)
        {
            var clocks = db.SlaClocks.AsNoTracking();
            query = breached
                ? query.Where(r => clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))))
                : query.Where(r => !clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))));
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var number = q.Text.Trim().ToUpperInvariant();
            if (RecordSearch.Hits(db, q.Text) is not { } hits)
                return (null, Problems.Invalid("text", "Search for at least one word of letters or digits."));
            // Uncorrelated IN subqueries, so that the index is searched once per query, not once per row.
            // An internal note finds a record only for those who may read the provider's internal notes.
            var seesAll = db.Actor.SeesAll;
            var visible = db.Actor.VisibleOrganizationIds;
            var publicHits = hits.Where(h => h.Source != "i").Select(h => h.RecordId);
            var internalHits = hits.Where(h => h.Source == "i").Select(h => h.RecordId);
            query = seesAll
                ? query.Where(r => r.Number == number || hits.Select(h => h.RecordId).Contains(r.Id))
                : query.Where(r => r.Number == number || publicHits.Contains(r.Id) || (visible.Contains(r.ProviderId) && internalHits.Contains(r.Id)));
            // The matching records are read from the hits (CROSS JOIN: SQLite keeps the hits as the
            // outer loop), so a search costs what it finds. Left to itself, without statistics, SQLite
            // read every record of the kind through (Kind, Sequence) and probed the hits for each:
            // 1M incidents read for a word in five of them (docs/performance.md, issue 5).
            var candidates = hits.Select(h => h.RecordId)
                .Concat(db.WorkRecords.Where(r => r.Number == number).Select(r => r.Id))
                .Distinct();
            var matching = query; // the lambda below captures this variable, not the one reassigned
            query = from id in candidates
                    from r in matching
                    where r.Id == id
                    select r;
        }
        return (query, null);
    }

    /// <summary>One page in the requested order, with the cursor of the next.</summary>
    public static async Task<Results<Ok<Page<RecordSummary>>, ValidationProblem>> PageAsync(IQueryable<WorkRecord> query, RecordQuery q, CancellationToken ct)
    {
        var sort = (q.Sort ?? "-opened").ToLowerInvariant();
        if (sort is not ("-opened" or "opened" or "priority"))
            return Problems.Invalid("sort", "Sort by -opened (newest first), opened or priority (most urgent first).");
        Cursor cursor = default;
        if (q.Cursor is not null && !Api.Cursor.TryDecode(q.Cursor, out cursor))
            return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");
        var after = cursor.Id;
        var hasCursor = q.Cursor is not null;
        IQueryable<WorkRecord> ordered;
        switch (sort)
        {
            case "opened":
                if (hasCursor) query = query.Where(r => r.Id.CompareTo(after) > 0);
                ordered = query.OrderBy(r => r.Id);
                break;
            case "priority":
                if (hasCursor)
                {
                    if (!int.TryParse(cursor.Key, out var p)) return Problems.Invalid("cursor", "The cursor belongs to another sort order.");
                    // priority >= p AND (priority > p OR id < after): a range the (priority, id) index can seek to.
                    query = query.Where(r => r.Priority >= p && (r.Priority > p || r.Id.CompareTo(after) < 0));
                }
                ordered = query.OrderBy(r => r.Priority).ThenByDescending(r => r.Id);
                break;
            default:
                if (hasCursor) query = query.Where(r => r.Id.CompareTo(after) < 0);
                ordered = query.OrderByDescending(r => r.Id);
                break;
        }
        var take = q.Take;
        var items = await ordered.Take(take + 1).Select(RecordSummary.Projection).ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            var last = items[^1];
            next = new Cursor(sort == "priority" ? last.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", last.Id).Encode();
        }
        return TypedResults.Ok(new Page<RecordSummary>(items, next));
    }

    static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
