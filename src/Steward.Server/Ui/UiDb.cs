using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Identity;
using Steward.Core.Persistence;
using Steward.Server.Api;
using Steward.Server.Identity;

namespace Steward.Server.Ui;

/// <summary>
/// Short-lived DbContexts for components, one per operation. A circuit's scope lives as long as the
/// browser tab, so a scoped context would grow stale and keep tracking; each context made here shares
/// the circuit's <see cref="Actor"/>, so tenancy filters, the write guard and the journal all apply.
/// </summary>
public sealed class UiDb(
    IDbContextFactory<StewardDbContext> contexts, Actor actor, IClock clock, WriteGate writeGate,
    ActorResolver resolver, AuthenticationStateProvider authentication)
{
    public Actor Actor => actor;
    public IClock Clock => clock;

    /// <summary>Administrators and provider managers change parties; the database refuses anyone else anyway.</summary>
    public bool CanManageParties => !actor.IsReadOnly && (actor.IsInRole(Roles.Administrator) || actor.IsInRole(Roles.ProviderManager));

    /// <summary>Whether the actor's roles pass one of the API's policies (<see cref="Access"/>): pages read the same table as the endpoints.</summary>
    public bool May(string policy) => !actor.IsReadOnly && Access.RolesOf[policy].Any(actor.IsInRole);

    /// <summary>Whether the actor's roles pass a policy of reading (the journal, cost rates): unlike <see cref="May"/>, read-only auditors pass those that name them.</summary>
    public bool MayRead(string policy) => Access.RolesOf[policy].Any(actor.IsInRole);

    /// <summary>
    /// Changes to a provider's portfolio: the role, and the provider in the actor's tenancy. A customer's
    /// service owner reads the services it subscribes to but may not change the provider's records.
    /// </summary>
    public bool CanManagePortfolioOf(Guid providerId) => May(Access.ManagePortfolio) && actor.Sees(providerId);

    public async Task<StewardDbContext> OpenAsync(CancellationToken ct = default)
    {
        // The circuit handler normally did this already; a component that renders first still gets a resolved actor.
        if (actor.Type is Actor.Kind.Nobody)
        {
            var state = await authentication.GetAuthenticationStateAsync();
            await resolver.ResolveAsync(state.User, actor, ct);
        }
        return contexts.CreateDbContext().For(actor, clock, writeGate);
    }

    public const string Stale = "Someone else changed this record; reload.";

    /// <summary>Archives or restores a record under optimistic concurrency, by the same rules as the API.</summary>
    public Task<string?> SetArchivedAsync<T>(Guid id, long seenVersion, bool archive, CancellationToken ct = default)
        where T : class, IEntity, IVersioned, IArchivable
    {
        var now = clock.GetCurrentInstant();
        return UpdateAsync<T>(id, seenVersion, e => (archive ? e.Archive(now) : e.Restore())?.Detail, ct);
    }

    /// <summary>
    /// Changes one record under optimistic concurrency: the change applies only if the record is
    /// still at the version the user saw. Returns what went wrong, or null when saved.
    /// </summary>
    public Task<string?> UpdateAsync<T>(Guid id, long seenVersion, Func<T, string?> change, CancellationToken ct = default)
        where T : class, IEntity, IVersioned =>
        SaveUnderVersionAsync<T>(id, seenVersion, (_, entity) => Task.FromResult(change(entity)), ct);

    /// <summary>
    /// Changes one record under optimistic concurrency through rules that read the database (the shared
    /// portfolio rules): <paramref name="change"/> applies them to the tracked record and answers why not, or null.
    /// </summary>
    public Task<string?> UpdateAsync<T>(Guid id, long seenVersion, Func<StewardDbContext, T, Task<string?>> change, CancellationToken ct = default)
        where T : class, IEntity, IVersioned =>
        SaveUnderVersionAsync(id, seenVersion, change, ct);

    /// <summary>
    /// Deletes one record if it is still at the version the user saw. <paramref name="remove"/> checks the
    /// delete rules and marks what goes (returning why not, or null); the save is the caller's as one unit.
    /// </summary>
    public Task<string?> DeleteAsync<T>(Guid id, long seenVersion, Func<StewardDbContext, T, Task<string?>> remove, CancellationToken ct = default)
        where T : class, IEntity, IVersioned =>
        SaveUnderVersionAsync(id, seenVersion, remove, ct);

    async Task<string?> SaveUnderVersionAsync<T>(Guid id, long seenVersion, Func<StewardDbContext, T, Task<string?>> work, CancellationToken ct)
        where T : class, IEntity, IVersioned
    {
        await using var db = await OpenAsync(ct);
        var entity = await db.Set<T>().SingleOrDefaultAsync(e => EF.Property<Guid>(e, nameof(IEntity.Id)) == id, ct);
        if (entity is null) return "The record no longer exists, or it is outside your tenancy.";
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = seenVersion;
        if (await work(db, entity) is { } problem) return problem;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }
    }

    /// <summary>Deletes a record that needs no checks beyond the version: a cost rate, a skill held.</summary>
    public Task<string?> DeleteAsync<T>(Guid id, long seenVersion, CancellationToken ct = default) where T : class, IEntity, IVersioned =>
        DeleteAsync<T>(id, seenVersion, (db, e) => { db.Remove(e); return Task.FromResult<string?>(null); }, ct);
}
