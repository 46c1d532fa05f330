using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Common;

namespace Steward.Server.Api;

/// <summary>
/// The read, update and delete every versioned record goes through. Read: find it in the caller's
/// tenancy (404) and answer it with its version as the ETag. Update and delete: find it in the caller's tenancy (404),
/// check the If-Match version (412), apply the change or the delete rule, save under that version.
/// A broken rule that names a field is bad input (400); one without a field conflicts with what is
/// recorded (409).
/// </summary>
public static class Entities
{
    public static async Task<Results<Ok<TView>, ProblemHttpResult>> GetAsync<T, TView>(
        StewardDbContext db, Guid id, string what, Func<T, TView> view, HttpContext http, CancellationToken ct)
        where T : class, IEntity, IVersioned
    {
        var record = await db.Set<T>().AsNoTracking().SingleOrDefaultAsync(e => EF.Property<Guid>(e, nameof(IEntity.Id)) == id, ct);
        if (record is null) return Problems.NotFound(what);
        http.SetETag(record);
        return TypedResults.Ok(view(record));
    }

    /// <summary>Adds the record its rules prepared, or answers the rule it broke; 201 with its address and ETag.</summary>
    /// <param name="collection">The API path the record's address is under, e.g. <c>/api/v1/offerings</c>.</param>
    public static async Task<Results<Created<TView>, ProblemHttpResult, ValidationProblem>> CreateAsync<T, TView>(
        StewardDbContext db, (T? Record, RuleViolation? Broken) prepared, string collection, Func<T, Task<TView>> view,
        HttpContext http, CancellationToken ct)
        where T : class, IEntity, IVersioned
    {
        if (prepared.Broken is { } broken) return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        var record = prepared.Record ?? throw new ArgumentException("Neither a record nor a broken rule.", nameof(prepared));
        db.Add(record);
        await db.SaveChangesAsync(ct);
        http.SetETag(record);
        return TypedResults.Created($"{collection}/{record.Id}", await view(record));
    }

    public static Task<Results<Ok<TView>, ProblemHttpResult, ValidationProblem>> UpdateAsync<T, TView>(
        StewardDbContext db, Guid id, IfMatch ifMatch, string what, Func<T, Task<RuleViolation?>> change, Func<T, TView> view,
        HttpContext http, CancellationToken ct)
        where T : class, IEntity, IVersioned =>
        UpdateAsync(db, id, ifMatch, what, change, record => Task.FromResult(view(record)), http, ct);

    /// <param name="view">What the answer shows of the saved record (read again when it spans more than the row).</param>
    public static async Task<Results<Ok<TView>, ProblemHttpResult, ValidationProblem>> UpdateAsync<T, TView>(
        StewardDbContext db, Guid id, IfMatch ifMatch, string what, Func<T, Task<RuleViolation?>> change, Func<T, Task<TView>> view,
        HttpContext http, CancellationToken ct)
        where T : class, IEntity, IVersioned
    {
        var record = await FindAsync<T>(db, id, ct);
        if (record is null) return Problems.NotFound(what);
        if (!db.TryExpect(record, ifMatch)) return Problems.PreconditionFailed(record.Version);
        if (await change(record) is { } broken) return broken.Field is { } field ? Problems.Invalid(field, broken.Detail) : Problems.Conflict(broken);
        await db.SaveChangesAsync(ct);
        http.SetETag(record);
        return TypedResults.Ok(await view(record));
    }

    /// <param name="inUse">What still refers to the record, as a sentence; null when it may go.</param>
    /// <param name="remove">Marks what goes with the record, when more than its own row; by default only the row.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<T>(
        StewardDbContext db, Guid id, IfMatch ifMatch, string what, CancellationToken ct,
        Func<T, Task<string?>>? inUse = null, Func<T, Task>? remove = null)
        where T : class, IEntity, IVersioned
    {
        var record = await FindAsync<T>(db, id, ct);
        if (record is null) return Problems.NotFound(what);
        if (!db.TryExpect(record, ifMatch)) return Problems.PreconditionFailed(record.Version);
        if (inUse is not null && await inUse(record) is { } reason) return Problems.Conflict(reason);
        if (remove is null) db.Remove(record);
        else await remove(record);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static Task<T?> FindAsync<T>(StewardDbContext db, Guid id, CancellationToken ct) where T : class, IEntity =>
        db.Set<T>().SingleOrDefaultAsync(e => EF.Property<Guid>(e, nameof(IEntity.Id)) == id, ct);
}
