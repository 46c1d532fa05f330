using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Notifications;
using Steward.Core.Records;
using Steward.Server.Api;

namespace Steward.Server.Notifications;

/// <summary>A notification as its recipient reads it, with the record it is about (number and kind, to link to it); <c>link</c> names another page to open (a survey to answer).</summary>
public sealed record NotificationView(Guid Id, string Text, Instant At, Instant? ReadAt, Guid? RecordId, string? RecordNumber, RecordKind? RecordKind, string? Link = null);

public sealed record UnreadCount(int Unread);

public sealed record MarkedCount(int Marked);

/// <summary>
/// /api/v1/notifications: the signed-in person's own notifications (the bell), newest first. Each
/// person sees only their own, whatever their role (the query filter); an administrator's token
/// that acts as nobody in particular has none.
/// </summary>
public static class NotificationEndpoints
{
    public const string Resource = "notifications";

    public static RouteGroupBuilder MapNotifications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        group.MapGet("/", (bool? unread, [Microsoft.AspNetCore.Mvc.FromQuery] int? limit, string? cursor, StewardDbContext db, CancellationToken ct) => List(unread, limit, cursor, db, ct))
            .RequireAccess(Access.Read);
        group.MapGet("/unread", async (StewardDbContext db, CancellationToken ct) => TypedResults.Ok(new UnreadCount(await Mine(db).CountAsync(n => n.ReadAt == null, ct))))
            .RequireAccess(Access.Read);
        group.MapPost("/{id:guid}/read", MarkRead).RequireAccess(Access.Self).ForResource(Resource);
        group.MapPost("/read", MarkAllRead).RequireAccess(Access.Self);
        return group;
    }

    /// <summary>The acting person's notifications; none for an actor who is no person (the system, an administrator's bootstrap token).</summary>
    public static IQueryable<Notification> Mine(StewardDbContext db)
    {
        var me = db.Actor.PersonId;
        return db.Notifications.Where(n => me != null && n.PersonId == me);
    }

    /// <summary>The newest notifications of the acting person, with their records.</summary>
    public static async Task<List<NotificationView>> NewestAsync(StewardDbContext db, IQueryable<Notification> notifications, int take, CancellationToken ct) =>
        // The record is looked up once per notification; the recipient is told its number in the text
        // already, whichever tenant's it is. (IgnoreQueryFilters lifts the notifications' filter too:
        // Mine names the recipient explicitly.)
        await (from n in notifications.AsNoTracking()
               join r in db.WorkRecords.IgnoreQueryFilters() on n.RecordId equals r.Id into about
               from r in about.DefaultIfEmpty()
               orderby n.Id descending
               select new NotificationView(n.Id, n.Text, n.At, n.ReadAt, n.RecordId, r == null ? null : r.Number, r == null ? null : r.Kind, n.Link))
            .Take(take).ToListAsync(ct);

    static async Task<Results<Ok<Page<NotificationView>>, ValidationProblem>> List(bool? unread, int? limit, string? cursor, StewardDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > PageQuery.MaxLimit) return Problems.Invalid("limit", $"The limit is 1 to {PageQuery.MaxLimit}.");
        var query = Mine(db);
        if (unread is true) query = query.Where(n => n.ReadAt == null);
        if (unread is false) query = query.Where(n => n.ReadAt != null);
        if (cursor is not null)
        {
            if (!Cursor.TryDecode(cursor, out var after)) return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");
            var id = after.Id;
            query = query.Where(n => n.Id.CompareTo(id) < 0);
        }
        var take = limit ?? PageQuery.DefaultLimit;
        var items = await NewestAsync(db, query, take + 1, ct);
        string? next = null;
        if (items.Count > take)
        {
            items.RemoveAt(take);
            next = new Cursor("", items[^1].Id).Encode();
        }
        return TypedResults.Ok(new Page<NotificationView>(items, next));
    }

    static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, StewardDbContext db, IClock clock, CancellationToken ct)
    {
        var mine = Mine(db).Where(n => n.Id == id);
        if (!await mine.AnyAsync(ct)) return Problems.NotFound("notification");
        await MarkReadAsync(db, mine, clock.GetCurrentInstant(), ct);
        return TypedResults.NoContent();
    }

    static async Task<Ok<MarkedCount>> MarkAllRead(StewardDbContext db, IClock clock, CancellationToken ct) =>
        TypedResults.Ok(new MarkedCount(await MarkReadAsync(db, Mine(db), clock.GetCurrentInstant(), ct)));

    /// <summary>
    /// Marks the unread ones of <paramref name="notifications"/> read (at most 1,000 at a time); how
    /// many. Tracked, not ExecuteUpdate: each mark is journaled like any change.
    /// </summary>
    public static async Task<int> MarkReadAsync(StewardDbContext db, IQueryable<Notification> notifications, Instant now, CancellationToken ct)
    {
        var unread = await notifications.Where(n => n.ReadAt == null).OrderBy(n => n.Id).Take(1000).ToListAsync(ct);
        foreach (var n in unread) n.ReadAt = now;
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}
