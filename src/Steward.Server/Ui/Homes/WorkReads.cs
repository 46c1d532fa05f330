using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Records;
using Steward.Core.Requests;
using Steward.Core.Sla;
using Steward.Server.Records;

namespace Steward.Server.Ui.Homes;

/// <summary>The first few of a list and how many there are in all.</summary>
public sealed record Bounded<T>(int Total, IReadOnlyList<T> Items);

/// <summary>A clock that is still running and falls due soon, with its record.</summary>
public sealed record DueClock(RecordSummary Record, SlaClock Clock);

/// <summary>Open work by team: what waits for someone to take it, and all that is open.</summary>
public sealed record TeamLoad(Guid TeamId, int Open, int Unassigned);

/// <summary>
/// The reads behind the homes' work sections. Each is a seek on one of the record indexes
/// (assignee, team, service, requester: see RecordsConfiguration), a short list (<see cref="Shown"/>)
/// and a count; the tenancy filters of the context apply as everywhere.
/// </summary>
public static class WorkReads
{
    /// <summary>How many rows a section lists; the count and the link lead to the rest.</summary>
    public const int Shown = 8;

    /// <summary>Clocks falling due within this much wall time count as about to breach: a working day's look ahead.</summary>
    public static readonly Duration DueSoon = Duration.FromHours(8);

    static readonly RecordKind[] EveryKind = Enum.GetValues<RecordKind>();

    /// <summary>
    /// Open records, written so that the queue indexes (assignee, team, service or provider, then kind,
    /// state, priority) seek each kind's open states instead of reading every record of a team, closed
    /// ones included: "Kind IN (every kind)" fills the index's kind column, "State = … OR …" its state.
    /// </summary>
    public static IQueryable<WorkRecord> OpenOnly(this IQueryable<WorkRecord> records) =>
        records.Where(r => EveryKind.Contains(r.Kind)
            && (r.State == RecordState.New || r.State == RecordState.AwaitingApproval || r.State == RecordState.InProgress || r.State == RecordState.OnHold));

    /// <summary>Most urgent first, then the oldest (ids are time-ordered): the order of the queue indexes.</summary>
    static IQueryable<WorkRecord> Urgent(this IQueryable<WorkRecord> records) => records.OrderBy(r => r.Priority).ThenBy(r => r.Id);

    public static async Task<Bounded<RecordSummary>> FirstAsync(IQueryable<WorkRecord> records, CancellationToken ct = default) => new(
        await records.CountAsync(ct),
        await records.AsNoTracking().Urgent().Take(Shown).Select(RecordSummary.Projection).ToListAsync(ct));

    /// <summary>The teams <paramref name="personId"/> is a member of.</summary>
    public static async Task<IReadOnlyList<Guid>> TeamsOfAsync(StewardDbContext db, Guid? personId, CancellationToken ct = default) =>
        personId is { } me ? await db.TeamMembers.Where(m => m.PersonId == me).Select(m => m.TeamId).ToListAsync(ct) : [];

    /// <summary>Open records assigned to the person, incidents and requests together.</summary>
    public static Task<Bounded<RecordSummary>> AssignedToAsync(StewardDbContext db, Guid? personId, CancellationToken ct = default) =>
        FirstAsync(db.WorkRecords.OpenOnly().Where(r => r.AssigneeId == personId), ct);

    /// <summary>Open records of the teams that nobody has taken yet: the work to pick up next.</summary>
    public static Task<Bounded<RecordSummary>> UntakenAsync(StewardDbContext db, IReadOnlyList<Guid> teamIds, CancellationToken ct = default) =>
        FirstAsync(db.WorkRecords.OpenOnly().Where(r => r.AssigneeId == null && r.AssignedTeamId != null && teamIds.Contains(r.AssignedTeamId.Value)), ct);

    /// <summary>Each team's open records and how many of them nobody has taken.</summary>
    public static async Task<IReadOnlyList<TeamLoad>> LoadOfAsync(StewardDbContext db, IReadOnlyList<Guid> teamIds, CancellationToken ct = default)
    {
        if (teamIds.Count == 0) return [];
        var counts = await db.WorkRecords.OpenOnly()
            .Where(r => r.AssignedTeamId != null && teamIds.Contains(r.AssignedTeamId.Value))
            .GroupBy(r => r.AssignedTeamId!.Value)
            .Select(g => new TeamLoad(g.Key, g.Count(), g.Count(r => r.AssigneeId == null)))
            .ToListAsync(ct);
        // Teams with nothing open are shown too: an empty queue is news as well.
        return teamIds.Select(id => counts.FirstOrDefault(c => c.TeamId == id) ?? new TeamLoad(id, 0, 0)).ToList();
    }

    /// <summary>Fulfilment tasks open for the teams (a request's steps, as opposed to the request itself).</summary>
    public static Task<int> OpenTasksAsync(StewardDbContext db, IReadOnlyList<Guid> teamIds, CancellationToken ct = default) =>
        teamIds.Count == 0 ? Task.FromResult(0)
            : db.FulfilmentTasks.CountAsync(t => t.TeamId != null && teamIds.Contains(t.TeamId.Value) && t.State == TaskState.Open, ct);

    /// <summary>
    /// Running clocks that have not breached and fall due between <paramref name="now"/> and
    /// <see cref="DueSoon"/> later, of the open records assigned to the person or to their teams;
    /// the soonest first. Clocks already past due are the queue's "Breached" view: counted by <see cref="OverdueAsync"/>.
    /// </summary>
    public static async Task<IReadOnlyList<DueClock>> DueSoonAsync(StewardDbContext db, Guid? personId, IReadOnlyList<Guid> teamIds, Instant now, CancellationToken ct = default)
    {
        var until = now + DueSoon;
        var found = await (from r in Mine(db, personId, teamIds)
                           join c in db.SlaClocks.AsNoTracking() on r.Id equals c.RecordId
                           where c.Stage == ClockStage.Running && c.BreachedAt == null && c.Target != null && c.DueAt >= now && c.DueAt <= until
                           orderby c.DueAt, c.Id
                           select new { RecordId = r.Id, Clock = c })
            .Take(Shown).ToListAsync(ct);
        var records = found.Select(f => f.RecordId).Distinct().ToList();
        var summaries = await db.WorkRecords.AsNoTracking().Where(r => records.Contains(r.Id)).Select(RecordSummary.Projection).ToDictionaryAsync(r => r.Id, ct);
        return found.Select(f => new DueClock(summaries[f.RecordId], f.Clock)).ToList();
    }

    /// <summary>Open records of the person or their teams with a clock past due: the same test as the queue's "Breached" view.</summary>
    public static Task<int> OverdueAsync(StewardDbContext db, Guid? personId, IReadOnlyList<Guid> teamIds, Instant now, CancellationToken ct = default)
    {
        var clocks = db.SlaClocks;
        return Mine(db, personId, teamIds)
            .CountAsync(r => clocks.Any(c => c.RecordId == r.Id && (c.BreachedAt != null || (c.Stage == ClockStage.Running && c.DueAt < now))), ct);
    }

    /// <summary>Open records assigned to the person or to one of their teams.</summary>
    static IQueryable<WorkRecord> Mine(StewardDbContext db, Guid? personId, IReadOnlyList<Guid> teamIds) =>
        db.WorkRecords.AsNoTracking().OpenOnly()
            .Where(r => (personId != null && r.AssigneeId == personId) || (r.AssignedTeamId != null && teamIds.Contains(r.AssignedTeamId.Value)));

    /// <summary>Open records by priority (1 to 5, every one present): the shape of a backlog at a glance.</summary>
    public static async Task<int[]> ByPriorityAsync(IQueryable<WorkRecord> records, CancellationToken ct = default)
    {
        var counts = await records.OpenOnly().GroupBy(r => r.Priority).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return Enumerable.Range(PriorityMatrix.Highest, PriorityMatrix.Lowest - PriorityMatrix.Highest + 1)
            .Select(p => counts.FirstOrDefault(c => c.Key == p)?.Count ?? 0).ToArray();
    }
}
