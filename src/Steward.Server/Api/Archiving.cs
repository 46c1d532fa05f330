using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>The archive and restore actions every archivable resource offers, under If-Match.</summary>
public static class Archiving
{
    /// <summary>Archives (or restores) the record and saves; the problem says why not when it could not.</summary>
    public static async Task<(T? Entity, ProblemHttpResult? Problem)> SetArchivedAsync<T>(
        DbContext db, Guid id, IfMatch ifMatch, bool archive, Instant now, string what, CancellationToken ct)
        where T : class, IEntity, IArchivable, IVersioned
    {
        var entity = await db.Set<T>().SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entity is null) return (null, Problems.NotFound(what));
        if (!db.TryExpect(entity, ifMatch)) return (null, Problems.PreconditionFailed(entity.Version));
        if ((archive ? entity.Archive(now) : entity.Restore()) is { } broken) return (null, Problems.Conflict(broken));
        await db.SaveChangesAsync(ct);
        return (entity, null);
    }
}
