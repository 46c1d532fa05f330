using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Steward.Core.Common;
using Steward.Core.Notifications;
using Steward.Core.Parties;

namespace Steward.Core.Identity;

/// <summary>The actor may not write this: a read-only role, or nobody signed in.</summary>
public sealed class ReadOnlyActorException(string message) : Exception(message);

/// <summary>A write would touch a record of a tenant the actor does not see.</summary>
public sealed class TenancyViolationException(string message) : Exception(message);

/// <summary>
/// Write-side tenancy, the twin of the query filters: every added, changed or deleted row must lie
/// in a tenant the actor sees, before and after the change. Endpoints check this too, with kinder
/// messages; this is the backstop that no endpoint can forget.
/// </summary>
public static class TenancyGuard
{
    public static void Check(Actor actor, IReadOnlyList<EntityEntry> entries)
    {
        if (actor.Type is Actor.Kind.System) return;
        // A read-only auditor still needs personal access tokens to read through the API: their
        // own tokens are the one thing they may write.
        if (actor.IsReadOnly && actor.Type is Actor.Kind.Person
            && entries.All(e => e.Entity is AccessToken token && token.PersonId == actor.PersonId))
            return;
        if (actor.IsReadOnly)
            throw new ReadOnlyActorException(actor.Type is Actor.Kind.Nobody
                ? "Nobody is signed in in this scope."
                : "Your roles allow reading only.");
        if (actor.SeesAll) return;

        // An organization added in this save becomes visible when the same save links it to a
        // provider the actor sees: that is how a provider manager takes on a new customer.
        var adopted = entries
            .Where(e => e.State is EntityState.Added && e.Entity is PartnerRelationship)
            .Select(e => (PartnerRelationship)e.Entity)
            .Where(r => actor.Sees(r.ProviderId))
            .Select(r => r.PartnerId)
            .ToHashSet();
        bool Sees(Guid org) => actor.Sees(org);

        foreach (var entry in entries)
        {
            if (entry.Entity is PartnerRelationship link && entry.State is EntityState.Added
                && !Sees(link.PartnerId) && !IsNewOrganization(entries, link.PartnerId))
                throw new TenancyViolationException("You cannot relate your provider to an organization outside your tenancy.");

            // Notifications are written by the product's rules for their recipients, whoever's action set
            // them off (a customer's approver deciding notifies the provider's next approver); only
            // their recipient reads them (the query filter) and marks them read.
            if (entry.Entity is Notification note && (entry.State is EntityState.Added || note.PersonId == actor.PersonId)) continue;

            if (entry.Entity is not ITenantScoped scoped) continue;
            var current = scoped.OrganizationId;
            // A community's rows are its provider's, and its members write them from whichever
            // organization they are in (their community and provider never change).
            if (entry.Entity is Knowledge.ICommunityShared community && actor.IsMemberOf(community.CommunityId)) continue;
            var visible = Sees(current) || (entry.State is EntityState.Added && adopted.Contains(current))
                || (entry.Entity is ICustomerShared shared && shared.CustomerId == actor.OrganizationId && !CustomerChanged(entry, actor));
            if (!visible) Refuse(entry);

            if (entry.State is EntityState.Modified
                && entry.Metadata.FindProperty(nameof(ITenantScoped.OrganizationId)) is { } orgProperty
                && entry.Property(orgProperty.Name).OriginalValue is Guid original && !Sees(original))
                Refuse(entry);
        }
    }

    /// <summary>A customer's person may not hand a shared row to another customer or provider.</summary>
    static bool CustomerChanged(EntityEntry entry, Actor actor) =>
        entry.State is EntityState.Modified
        && entry.Metadata.FindProperty(nameof(ICustomerShared.CustomerId)) is { } customer
        && entry.Property(customer.Name).OriginalValue is Guid before && before != actor.OrganizationId;

    static bool IsNewOrganization(IReadOnlyList<EntityEntry> entries, Guid id) =>
        entries.Any(e => e.State is EntityState.Added && e.Entity is Organization o && o.Id == id);

    static void Refuse(EntityEntry entry) =>
        throw new TenancyViolationException($"This {entry.Metadata.ClrType.Name} belongs to an organization outside your tenancy.");
}
