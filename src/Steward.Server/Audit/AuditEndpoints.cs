using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Audit;
using Steward.Server.Api;

namespace Steward.Server.Audit;

/// <summary>Reading the journal. There is deliberately no endpoint that writes, changes or deletes it.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", List).RequireAccess(Access.ReadJournal);
        return group;
    }

    /// <summary>Journal entries, newest first, filtered by entity, type, actor (person id) and time range [from, to).</summary>
    static async Task<Results<Ok<Page<AuditEntryView>>, ValidationProblem>> List(
        StewardDbContext db, CancellationToken ct,
        Guid? entityId = null, [StringLength(100)] string? entityType = null, Guid? actor = null,
        [StringLength(40)] string? from = null, [StringLength(40)] string? to = null,
        [Range(1, PageQuery.MaxLimit)] int? limit = null, [StringLength(40)] string? cursor = null)
    {
        if (!QueryValues.TryInstant(from, out var fromInstant)) return QueryValues.NotAnInstant("from");
        if (!QueryValues.TryInstant(to, out var toInstant)) return QueryValues.NotAnInstant("to");

        long? before = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var c))
                return Problems.Invalid("cursor", "The cursor is not one this server issued; pass the 'next' value of the previous page unchanged.");
            before = c;
        }

        var query = AuditQueries.Journal(db, entityId, entityType, actor, fromInstant, toInstant);
        if (before is not null) query = query.Where(a => a.Id < before);
        var take = limit ?? PageQuery.DefaultLimit;
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = rows[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return TypedResults.Ok(new Page<AuditEntryView>(rows.Select(AuditEntryView.Of).ToList(), next));
    }
}

public static class AuditQueries
{
    /// <summary>The filtered journal (tenancy applies through the query filter); shared by the API and the History tab.</summary>
    public static IQueryable<AuditEntry> Journal(StewardDbContext db, Guid? entityId = null, string? entityType = null,
        Guid? actor = null, Instant? from = null, Instant? to = null)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (entityId is not null) query = query.Where(a => a.EntityId == entityId);
        if (!string.IsNullOrEmpty(entityType)) query = query.Where(a => a.EntityType == entityType);
        if (actor is not null) query = query.Where(a => a.ActorPersonId == actor);
        if (from is not null) query = query.Where(a => a.At >= from);
        if (to is not null) query = query.Where(a => a.At < to);
        return query;
    }
}

public sealed record AuditEntryView(long Id, Instant At, string EntityType, Guid EntityId, AuditAction Action,
    Guid? ActorPersonId, Guid? ActorTokenId, JsonElement Changes)
{
    public static AuditEntryView Of(AuditEntry a)
    {
        using var doc = JsonDocument.Parse(a.Changes);
        return new(a.Id, a.At, a.EntityType, a.EntityId, a.Action, a.ActorPersonId, a.ActorTokenId, doc.RootElement.Clone());
    }
}
