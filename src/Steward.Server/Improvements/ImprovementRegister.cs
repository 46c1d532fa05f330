using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Server.Api;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Improvements;

/// <summary>An improvement with its place in the register: 0 when overdue, 1 otherwise.</summary>
public sealed class RankedImprovement
{
    public required Improvement Improvement { get; init; }
    public int Rank { get; init; }
    public bool Overdue => Rank == 0;
}

/// <summary>Which improvements the register lists.</summary>
public sealed record RegisterFilter(Guid? ProviderId = null, IReadOnlyList<ImprovementState>? States = null, Guid? OwnerId = null, Guid? ServiceId = null, bool? Overdue = null);

/// <summary>
/// The register in its order: overdue improvements first (open, and past the target date or with an
/// action past its due date, in the reader's today), then by target date; the id breaks ties, so
/// that keyset pages never skip or repeat a row.
/// </summary>
public static class ImprovementRegister
{
    public static IQueryable<RankedImprovement> Ranked(StewardDbContext db, RegisterFilter f, LocalDate today)
    {
        var query = db.Improvements.AsNoTracking();
        if (f.ProviderId is { } provider) query = query.Where(i => i.ProviderId == provider);
        if (f.States is { Count: > 0 } states) query = query.Where(i => states.Contains(i.State));
        if (f.OwnerId is { } owner) query = query.Where(i => i.OwnerId == owner);
        if (f.ServiceId is { } service) query = query.Where(i => i.ServiceId == service);
        var ranked = query.Select(i => new RankedImprovement
        {
            Improvement = i,
            Rank = i.State != ImprovementState.Achieved && i.State != ImprovementState.NotAchieved && i.State != ImprovementState.Abandoned
                && (i.TargetDate < today || db.ImprovementActions.Any(a => a.ImprovementId == i.Id && a.DoneAt == null && a.DueOn < today)) ? 0 : 1,
        });
        return f.Overdue switch
        {
            true => ranked.Where(r => r.Rank == 0),
            false => ranked.Where(r => r.Rank == 1),
            null => ranked,
        };
    }

    public static IOrderedQueryable<RankedImprovement> InOrder(IQueryable<RankedImprovement> ranked) =>
        ranked.OrderBy(r => r.Rank).ThenBy(r => r.Improvement.TargetDate).ThenBy(r => r.Improvement.Id);

    /// <summary>One page of the register after <paramref name="cursor"/>; the next cursor, null on the last page.</summary>
    public static async Task<(List<RankedImprovement>? Rows, string? Next, ValidationProblem? Problem)> PageAsync(
        IQueryable<RankedImprovement> ranked, string? cursor, int take, CancellationToken ct)
    {
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var after) || !TryKey(after.Key, out var rank, out var date))
                return (null, null, Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged."));
            var id = after.Id;
            ranked = ranked.Where(r => r.Rank > rank || (r.Rank == rank
                && (r.Improvement.TargetDate > date || (r.Improvement.TargetDate == date && r.Improvement.Id.CompareTo(id) > 0))));
        }
        var rows = await InOrder(ranked).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var last = rows[^1];
            next = new Cursor($"{last.Rank}|{last.Improvement.TargetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", last.Improvement.Id).Encode();
        }
        return (rows, next, null);
    }

    static bool TryKey(string key, out int rank, out LocalDate date)
    {
        date = default;
        var parts = key.Split('|');
        rank = parts.Length == 2 && parts[0] is "0" or "1" ? parts[0][0] - '0' : -1;
        if (rank < 0 || LocalDatePattern.Iso.Parse(parts[1]) is not { Success: true } parsed) return false;
        date = parsed.Value;
        return true;
    }

    /// <summary>The rows as the API shows them: owners named, and each open improvement's measure now (values withheld where the reader may not see them).</summary>
    public static async Task<List<ImprovementView>> ViewsAsync(StewardDbContext db, IReadOnlyList<RankedImprovement> rows, Instant now, CancellationToken ct)
    {
        var owners = await PartyNames.OfAsync(db, rows.Select(r => (Guid?)r.Improvement.OwnerId));
        var views = new List<ImprovementView>(rows.Count);
        foreach (var row in rows)
        {
            var i = row.Improvement;
            var withheld = ImprovementRedaction.Withheld(db.Actor, i);
            var current = i.IsFinal || withheld is not null ? null : await ImprovementMeasures.AtAsync(db, i, now, now, ct);
            views.Add(ImprovementView.Of(i, owners.GetValueOrDefault(i.OwnerId), row.Overdue, current, withheld));
        }
        return views;
    }

    /// <summary>One improvement with its rank, in the actor's tenancy; null when it is not there.</summary>
    public static Task<RankedImprovement?> FindAsync(StewardDbContext db, Guid id, LocalDate today, CancellationToken ct) =>
        Ranked(db, new RegisterFilter(), today).Where(r => r.Improvement.Id == id).SingleOrDefaultAsync(ct);

    /// <summary>The reader's day: in <paramref name="zone"/> when given, else in the person's own time zone, else UTC.</summary>
    public static async Task<(DateTimeZone? Zone, ValidationProblem? Problem)> ReaderZoneAsync(StewardDbContext db, string? zone, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(zone))
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Trim()) is { } asked
                ? (asked, null)
                : (null, Problems.Invalid("zone", "zone must be an IANA time zone, such as Europe/London or UTC."));
        var own = db.Actor.PersonId is { } person
            ? await db.People.AsNoTracking().Where(p => p.Id == person).Select(p => p.TimeZone).SingleOrDefaultAsync(ct)
            : null;
        return (own is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(own) is { } personal ? personal : DateTimeZone.Utc, null);
    }
}
