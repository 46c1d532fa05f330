using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
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

/// <summary>
/// A query's records with every filter applied (<see cref="Records"/>, in no order). With text on
/// SQLite also <see cref="Ranked"/>: the same records with the rank of their full-text row, which
/// pages newest first straight from the index and stops after a page, however many records match.
/// </summary>
public sealed class RecordSelection
{
    public required StewardDbContext Database { get; init; }
    public required IQueryable<WorkRecord> Records { get; init; }
    public IQueryable<RecordSearchRow>? Ranked { get; init; }
    /// <summary>The states the filters allow, when they name some (state=…, open=…) and search no text: a page is then read per state and priority and merged.</summary>
    public IReadOnlyList<RecordState>? States { get; init; }
    /// <summary>The priorities the filters allow (priority=…); all five when null.</summary>
    public IReadOnlyList<int>? Priorities { get; init; }
}

public static class RecordQueries
{
    /// <summary>
    /// The filters applied to a query of one kind of record; null with the problem when a value is
    /// malformed. <paramref name="narrow"/> adds filters of the caller's own (the workspace's "mine")
    /// before the text search joins in.
    /// </summary>
    public static (RecordSelection? Selection, ValidationProblem? Problem) Filter(StewardDbContext db, RecordKind kind, RecordQuery q, Instant now,
        Func<IQueryable<WorkRecord>, IQueryable<WorkRecord>>? narrow = null)
    {
        // PostgreSQL matches text on the record's own row (RecordSearch.MatchingPostgres): the
        // search is the root, and every filter below narrows the same scan.
        var searchesPostgres = db.Provider is Core.Persistence.DatabaseProvider.Postgres && !string.IsNullOrWhiteSpace(q.Text);
        IQueryable<WorkRecord> source = db.WorkRecords;
        if (searchesPostgres)
        {
            if (RecordSearch.MatchingPostgres(db, q.Text!) is not { } matching) return (null, NoWords);
            source = matching;
        }
        var query = source.AsNoTracking().Where(r => r.Kind == kind);
        IReadOnlyList<RecordState>? allowed = null;
        IReadOnlyList<int>? allowedPriorities = null;
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
            allowed = states.Distinct().ToList();
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
            allowedPriorities = priorities.Distinct().ToList();
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
        {
            allowed = (allowed ?? Enum.GetValues<RecordState>()).Where(state => RecordStates.IsOpen(state) == open).ToList();
            query = open
                ? query.Where(r => r.State == RecordState.New || r.State == RecordState.AwaitingApproval || r.State == RecordState.InProgress || r.State == RecordState.OnHold)
                : query.Where(r => r.State == RecordState.Resolved || r.State == RecordState.Closed || r.State == RecordState.Rejected || r.State == RecordState.Cancelled);
        }
        if (q.Major is { } major) query = query.Where(r => r.IsMajor == major);
        if (q.Breached is { } breached)
        {
            var clocks = db.SlaClocks.AsNoTracking();
            query = breached
                ? query.Where(r => clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))))
                : query.Where(r => !clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))));
        }
        if (narrow is not null) query = narrow(query);
        if (string.IsNullOrWhiteSpace(q.Text)) return (new RecordSelection { Database = db, Records = query, States = allowed, Priorities = allowedPriorities }, null);
        if (searchesPostgres) return (new RecordSelection { Database = db, Records = query }, null);
        return SearchSqlite(db, query, q.Text) is { } selection ? (selection, null) : (null, NoWords);
    }

    static ValidationProblem NoWords => Problems.Invalid("text", "Search for at least one word of letters or digits.");

    /// <summary>
    /// SQLite: the index's rows joined to the filtered records, the index outside (CROSS JOIN keeps
    /// the left side as the outer loop in SQLite), so that a page newest first reads the index
    /// newest first and stops when the page is full. Internal notes count only for those who may
    /// read the provider's internal notes: anyone else searches the public text alone.
    /// </summary>
    static RecordSelection? SearchSqlite(StewardDbContext db, IQueryable<WorkRecord> matching, string text)
    {
        if (RecordSearch.Rows(db, text, publicOnly: false) is not { } rows) return null;
        var publicRows = RecordSearch.Rows(db, text, publicOnly: true)!;
        var actor = db.Actor;
        var visible = actor.VisibleOrganizationIds;
        var organization = actor.OrganizationId;
        // Only a provider's people read internal notes (of their provider: ActorResolver); a customer's,
        // a supplier's or a contractor's people search the public text, which the index filters itself.
        // A provider's person who is also the customer of another provider gets those records on their
        // public text, checked row by row: rare, and only for those rows.
        var readsInternal = actor.SeesAll || (organization is { } own
            && db.Organizations.IgnoreQueryFilters().Any(o => o.Id == own && o.Kind == OrganizationKind.Provider));
        var ranked = actor.SeesAll
            ? from h in rows from r in matching where r.Id == h.RecordId select new { h.Rank, Record = r }
            : readsInternal
                ? from h in rows
                  from r in matching
                  where r.Id == h.RecordId
                     && (visible.Contains(r.ProviderId) || (r.CustomerId == organization && publicRows.Any(p => p.Rank == h.Rank)))
                  select new { h.Rank, Record = r }
                : from h in publicRows from r in matching where r.Id == h.RecordId select new { h.Rank, Record = r };
        return new RecordSelection
        {
            Database = db,
            Records = ranked.Select(x => x.Record),
            Ranked = ranked.Select(x => new RecordSearchRow { Rank = x.Rank, RecordId = x.Record.Id }),
        };
    }

    /// <summary>One page in the requested order, with the cursor of the next.</summary>
    public static async Task<Results<Ok<Page<RecordSummary>>, ValidationProblem>> PageAsync(RecordSelection selection, RecordQuery q, CancellationToken ct)
    {
        var (page, problem) = await ReadPageAsync(selection, q, ct);
        return page is null ? problem! : TypedResults.Ok(page);
    }

    /// <summary>One page in the requested order (with text on SQLite, newest logged first unless sort=opened or priority); or the problem with the sort or cursor.</summary>
    public static async Task<(Page<RecordSummary>? Page, ValidationProblem? Problem)> ReadPageAsync(RecordSelection selection, RecordQuery q, CancellationToken ct)
    {
        var sort = (q.Sort ?? "-opened").ToLowerInvariant();
        if (sort is not ("-opened" or "opened" or "priority"))
            return (null, Problems.Invalid("sort", "Sort by -opened (newest first), opened or priority (most urgent first)."));
        Cursor cursor = default;
        if (q.Cursor is not null && !Api.Cursor.TryDecode(q.Cursor, out cursor))
            return (null, Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged."));
        // SQLite indexes new records in batches (RecordSearch.SqliteIndexPending): whatever is
        // committed before the search is indexed before it reads the index.
        if (selection.Ranked is not null) await RecordSearch.IndexPendingAsync(selection.Database, ct);
        if (selection.Ranked is { } ranked && sort != "priority")
            return await RankedPageAsync(selection.Database, ranked, sort == "opened", q, cursor, ct);
        var query = selection.Records;
        var after = cursor.Id;
        var hasCursor = q.Cursor is not null;
        var take = q.Take;
        switch (sort)
        {
            case "opened":
                if (hasCursor) query = query.Where(r => r.Id.CompareTo(after) > 0);
                break;
            case "priority":
                if (hasCursor)
                {
                    if (!int.TryParse(cursor.Key, out var p)) return (null, Problems.Invalid("cursor", "The cursor belongs to another sort order."));
                    // priority >= p AND (priority > p OR id < after): a range the (priority, id) index can seek to.
                    query = query.Where(r => r.Priority >= p && (r.Priority > p || r.Id.CompareTo(after) < 0));
                }
                break;
            default:
                if (hasCursor) query = query.Where(r => r.Id.CompareTo(after) < 0);
                break;
        }
        List<RecordSummary> items;
        if (Branches(query, selection, sort, take + 1) is { } keys)
        {
            var ids = await Ordered(keys, sort).Take(take + 1).Select(k => k.Id).ToListAsync(ct);
            items = await SummariesAsync(selection.Database, ids, ct);
        }
        else
            items = await Ordered(query, sort).Take(take + 1).Select(RecordSummary.Projection).ToListAsync(ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            var last = items[^1];
            next = new Cursor(sort == "priority" ? last.Priority.ToString(CultureInfo.InvariantCulture) : "", last.Id).Encode();
        }
        return (new Page<RecordSummary>(items, next), null);
    }

    /// <summary>
    /// A page over the states the filters name, read as one page of keys per state and priority and
    /// merged: each branch is a seek on an index that ends in (State, Priority, Id), reads only the
    /// index (the record's id and priority are in it) and stops after the page; then only the page's
    /// records are read. "State IN (…) ORDER BY …" read every record in those states and sorted them
    /// (the desk's whole open queue, docs/performance.md, issue 5). Within one state and priority
    /// both sorts are by id, so the same branches serve -opened, opened and priority. Null for a
    /// query that names no state, or a search (whose cost is its hits): it is read whole.
    /// </summary>
    static IQueryable<RecordKey>? Branches(IQueryable<WorkRecord> query, RecordSelection selection, string sort, int take)
    {
        if (selection.States is not { Count: > 0 } states) return null;
        var priorities = selection.Priorities ?? AllPriorities;
        var oldestFirst = sort == "opened";
        IQueryable<RecordKey>? merged = null;
        foreach (var state in states)
            foreach (var priority in priorities)
            {
                var branch = query.Where(r => r.State == state && r.Priority == priority);
                var one = (oldestFirst ? branch.OrderBy(r => r.Id) : branch.OrderByDescending(r => r.Id))
                    .Take(take).Select(r => new RecordKey { Id = r.Id, Priority = r.Priority });
                merged = merged is null ? one : merged.Concat(one);
            }
        return merged;
    }

    static IQueryable<RecordKey> Ordered(IQueryable<RecordKey> keys, string sort) => sort switch
    {
        "opened" => keys.OrderBy(k => k.Id),
        "priority" => keys.OrderBy(k => k.Priority).ThenByDescending(k => k.Id),
        _ => keys.OrderByDescending(k => k.Id),
    };

    static IQueryable<WorkRecord> Ordered(IQueryable<WorkRecord> records, string sort) => sort switch
    {
        "opened" => records.OrderBy(r => r.Id),
        "priority" => records.OrderBy(r => r.Priority).ThenByDescending(r => r.Id),
        _ => records.OrderByDescending(r => r.Id),
    };

    /// <summary>The summaries of the records <paramref name="ids"/> names, in that order (one that vanished since is left out).</summary>
    static async Task<List<RecordSummary>> SummariesAsync(StewardDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var found = await db.WorkRecords.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(RecordSummary.Projection).ToDictionaryAsync(r => r.Id, ct);
        return ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
    }

    /// <summary>A record's place in a queue: what a branch reads from the index alone.</summary>
    sealed class RecordKey
    {
        public Guid Id { get; init; }
        public int Priority { get; init; }
    }

    static readonly int[] AllPriorities = Enumerable.Range(PriorityMatrix.Highest, PriorityMatrix.Lowest - PriorityMatrix.Highest + 1).ToArray();

    /// <summary>
    /// A page of a SQLite text search in the order records were logged (newest first, or oldest
    /// with sort=opened): the ranks and ids of one page from the index, then those records. The
    /// cursor carries the last rank. Logging order is the order of the records' version-7 ids but
    /// for records logged in the same millisecond by concurrent requests.
    /// </summary>
    static async Task<(Page<RecordSummary>?, ValidationProblem?)> RankedPageAsync(StewardDbContext db, IQueryable<RecordSearchRow> ranked,
        bool oldestFirst, RecordQuery q, Cursor cursor, CancellationToken ct)
    {
        if (q.Cursor is not null)
        {
            if (!cursor.Key.StartsWith(RankMark) || !long.TryParse(cursor.Key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var rank))
                return (null, Problems.Invalid("cursor", "The cursor belongs to another search or sort order."));
            ranked = oldestFirst ? ranked.Where(h => h.Rank > rank) : ranked.Where(h => h.Rank < rank);
        }
        var take = q.Take;
        var page = await (oldestFirst ? ranked.OrderBy(h => h.Rank) : ranked.OrderByDescending(h => h.Rank))
            .Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (page.Count > take)
        {
            page.RemoveAt(take);
            next = new Cursor(RankMark + page[^1].Rank.ToString(CultureInfo.InvariantCulture), page[^1].RecordId).Encode();
        }
        return (new Page<RecordSummary>(await SummariesAsync(db, page.Select(h => h.RecordId).ToList(), ct), next), null);
    }

    /// <summary>Marks a search's cursor, whose key is a rank, apart from a priority cursor's digits.</summary>
    const string RankMark = "r";

    static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
