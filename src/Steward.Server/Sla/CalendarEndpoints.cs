using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Sla;
using Steward.Server.Api;

namespace Steward.Server.Sla;

/// <summary>Business calendars, and the due dates and elapsed business time counted in them.</summary>
public static class CalendarEndpoints
{
    public const string Resource = "sla-calendars";

    static readonly SortField<SlaCalendar>[] Sorts = [new("name", c => c.Name), new("createdAt", null)];

    public static RouteGroupBuilder MapSlaCalendars(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sla/calendars").WithTags("SLA");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/{id:guid}", Get).RequireAccess(Access.Read).ForResource(Resource);
        group.MapGet("/{id:guid}/due", Due).RequireAccess(Access.Read).ForResource(Resource);
        group.MapGet("/{id:guid}/elapsed", Elapsed).RequireAccess(Access.Read).ForResource(Resource);
        group.MapPost("/", Create).RequireAccess(Access.ManageSla);
        group.MapPut("/{id:guid}", Update).RequireAccess(Access.ManageSla).ForResource(Resource);
        group.MapDelete("/{id:guid}", Delete).RequireAccess(Access.ManageSla).ForResource(Resource);
        return group;
    }

    /// <summary>Lists calendars. Sort: name (default), createdAt.</summary>
    static async Task<Results<Ok<Page<CalendarView>>, ValidationProblem>> List(
        [AsParameters] PageQuery page, StewardDbContext db, CancellationToken ct, Guid? organizationId = null)
    {
        var query = db.SlaCalendars.AsNoTracking();
        if (organizationId is not null) query = query.Where(c => c.OrganizationId == organizationId);
        // The hours and holidays are read back from their stored form, so the page's rows become views in memory.
        return await Keyset.PageByNameAsync(query, page, Sorts, c => c.Name, CalendarView.Of, ct);
    }

    static Task<Results<Ok<CalendarView>, ProblemHttpResult>> Get(Guid id, StewardDbContext db, HttpContext http, CancellationToken ct) =>
        Entities.GetAsync<SlaCalendar, CalendarView>(db, id, "calendar", CalendarView.Of, http, ct);

    static async Task<Results<Created<CalendarView>, ProblemHttpResult, ValidationProblem>> Create(
        CalendarBody body, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        var owner = body.OrganizationId ?? db.Actor.OrganizationId;
        if (owner is not { } organizationId || !await db.Organizations.AnyAsync(o => o.Id == organizationId && o.ArchivedAt == null, ct))
            return Problems.Invalid("organizationId", "No active organization with this id exists in your tenancy.");
        var calendar = new SlaCalendar { OrganizationId = organizationId, Name = body.Name, TimeZone = body.TimeZone, CreatedAt = clock.GetCurrentInstant() };
        var broken = await CalendarInput.ApplyAsync(db, calendar, body, ct);
        return await Entities.CreateAsync(db, (calendar, broken), "/api/v1/sla/calendars", c => Task.FromResult(CalendarView.Of(c)), http, ct);
    }

    static Task<Results<Ok<CalendarView>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, CalendarBody body, IfMatch ifMatch, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct) =>
        Entities.UpdateAsync<SlaCalendar, CalendarView>(db, id, ifMatch, "calendar", async calendar =>
            {
                if (body.OrganizationId is { } moved && moved != calendar.OrganizationId)
                    return new RuleViolation("A calendar stays with the organization it was made for.", "organizationId");
                var now = clock.GetCurrentInstant();
                // What it said until now, for the clocks that counted in it (read before the body is applied).
                var before = SlaCalendarRevision.Of(calendar, now);
                var broken = await CalendarInput.ApplyAsync(db, calendar, body, ct);
                if (broken is not null) return broken;
                db.SlaCalendarRevisions.Add(before);
                await Replans.RequestForCalendarAsync(db, calendar, now, ct);
                return null;
            },
            CalendarView.Of, http, ct);

    static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IfMatch ifMatch, StewardDbContext db, CancellationToken ct) =>
        Entities.DeleteAsync<SlaCalendar>(db, id, ifMatch, "calendar", ct);

    /// <summary>The earliest instant at which <paramref name="duration"/> (ISO 8601) of business time has passed since <paramref name="start"/>.</summary>
    static async Task<Results<Ok<DueView>, ProblemHttpResult, ValidationProblem>> Due(
        Guid id, StewardDbContext db, CalendarCache cache, CancellationToken ct, string? start = null, string? duration = null)
    {
        if (await FindAsync(db, id, ct) is not { } calendar) return Problems.NotFound("calendar");
        if (ParseInstant(start, "start", out var from) is { } badStart) return badStart;
        if (BusinessTime.TryParse(duration, out var length) is { } badDuration) return Problems.Invalid("duration", badDuration);
        if (cache.For(calendar).Due(from, length) is not { } due)
            return Problems.Invalid("duration", $"The calendar does not have {duration} of business time between start and {BusinessCalendar.Latest}.");
        return TypedResults.Ok(new DueView(due));
    }

    /// <summary>The business time in [from, to).</summary>
    static async Task<Results<Ok<ElapsedView>, ProblemHttpResult, ValidationProblem>> Elapsed(
        Guid id, StewardDbContext db, CalendarCache cache, CancellationToken ct, string? from = null, string? to = null)
    {
        if (await FindAsync(db, id, ct) is not { } calendar) return Problems.NotFound("calendar");
        if (ParseInstant(from, "from", out var a) is { } badFrom) return badFrom;
        if (ParseInstant(to, "to", out var b) is { } badTo) return badTo;
        if (b < a) return Problems.Invalid("to", "to may not be before from.");
        var elapsed = cache.For(calendar).Elapsed(a, b);
        return TypedResults.Ok(new ElapsedView(BusinessTime.Format(elapsed), elapsed.TotalSeconds));
    }

    /// <summary>The calendar, found first: another tenant's id is a 404 whatever the query says.</summary>
    static Task<SlaCalendar?> FindAsync(StewardDbContext db, Guid id, CancellationToken ct) =>
        db.SlaCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);

    static ValidationProblem? ParseInstant(string? text, string field, out Instant instant)
    {
        instant = default;
        // An unencoded '+' of an offset arrives as a space: read it as the '+' it was.
        text = text?.Trim().Replace(' ', '+');
        var parsed = string.IsNullOrWhiteSpace(text) ? null : InstantPattern.ExtendedIso.Parse(text);
        if (parsed is null || !parsed.Success)
        {
            // Offsets are welcome too (2026-12-01T10:00:00+01:00): they name one instant.
            var offset = string.IsNullOrWhiteSpace(text) ? null : OffsetDateTimePattern.ExtendedIso.Parse(text);
            if (offset is null || !offset.Success)
                return Problems.Invalid(field, $"{field} is required, as an instant in ISO 8601 (e.g. 2026-12-01T09:30:00Z).");
            instant = offset.Value.ToInstant();
        }
        else instant = parsed.Value;
        if (instant < BusinessCalendar.Earliest || instant >= BusinessCalendar.Latest)
            return Problems.Invalid(field, $"{field} must lie from {BusinessCalendar.Earliest} to before {BusinessCalendar.Latest}.");
        return null;
    }
}

public sealed record DueView(Instant Due);

public sealed record ElapsedView(string Elapsed, double ElapsedSeconds);
