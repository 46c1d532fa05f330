using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Server.Sourcing;

namespace Steward.Server.Parties;

/// <summary>
/// The rules for deleting parties, linking partners and holding skills, shared by the API and the UI.
/// A delete check answers what would be orphaned as a sentence without a full stop, so that the API
/// can add where to archive and the UI can end it; null means the record may go.
/// </summary>
public static class PartyChecks
{
    /// <summary>An active team of the provider or of one of its partners: who may be handed work for the provider.</summary>
    public static async Task<bool> TeamOfProviderOrPartnerAsync(StewardDbContext db, Guid provider, Guid team, CancellationToken ct)
    {
        var owner = await db.Teams.Where(t => t.Id == team && t.ArchivedAt == null).Select(t => (Guid?)t.OrganizationId).SingleOrDefaultAsync(ct);
        return owner is { } org && (org == provider || await db.PartnerRelationships.AnyAsync(r => r.ProviderId == provider && r.PartnerId == org, ct));
    }

    /// <summary>
    /// Counted across tenants: a provider's partner link is a reference even when the caller cannot see the provider.
    /// </summary>
    public static async Task<string?> OrganizationInUseAsync(this StewardDbContext db, Organization organization, CancellationToken ct = default)
    {
        var id = organization.Id;
        var people = await db.People.IgnoreQueryFilters().CountAsync(p => p.OrganizationId == id, ct);
        var teams = await db.Teams.IgnoreQueryFilters().CountAsync(t => t.OrganizationId == id, ct);
        var links = await db.PartnerRelationships.IgnoreQueryFilters().CountAsync(r => r.ProviderId == id || r.PartnerId == id, ct);
        var portfolio = await db.Services.IgnoreQueryFilters().CountAsync(s => s.ProviderId == id, ct)
            + await db.Subscriptions.IgnoreQueryFilters().CountAsync(s => s.CustomerId == id || s.ProviderId == id, ct)
            + await db.SourcingReferencesAsync(id, ct);
        return people + teams + links + portfolio > 0
            ? $"'{organization.Name}' still has {people} people, {teams} teams, {links} provider relationships and {portfolio} services, subscriptions or sourcing records; archive it instead"
            : null;
    }

    public static async Task<string?> PersonInUseAsync(this StewardDbContext db, Person person, CancellationToken ct = default)
    {
        var id = person.Id;
        var teams = await db.TeamMembers.IgnoreQueryFilters().CountAsync(m => m.PersonId == id, ct);
        var rates = await db.CostRates.IgnoreQueryFilters().CountAsync(c => c.PersonId == id, ct);
        var tokens = await db.AccessTokens.IgnoreQueryFilters().CountAsync(t => t.PersonId == id, ct);
        var services = await db.Services.IgnoreQueryFilters().CountAsync(s => s.OwnerId == id, ct);
        return teams + rates + tokens + services > 0
            ? $"{person.Name} is in {teams} teams, owns {services} services and has {rates} cost rates and {tokens} access tokens; archive the person instead"
            : null;
    }

    public static async Task<string?> TeamInUseAsync(this StewardDbContext db, Team team, CancellationToken ct = default)
    {
        var id = team.Id;
        var members = await db.TeamMembers.IgnoreQueryFilters().CountAsync(m => m.TeamId == id, ct);
        var rates = await db.CostRates.IgnoreQueryFilters().CountAsync(c => c.TeamId == id, ct);
        var sourcing = await db.SourcingReferencesAsync(id, ct);
        return members + rates + sourcing > 0 ? $"'{team.Name}' has {members} members, {rates} cost rates and {sourcing} sourcing assignments or agreements; archive it instead" : null;
    }

    public static async Task<string?> SkillInUseAsync(this StewardDbContext db, Skill skill, CancellationToken ct = default)
    {
        var id = skill.Id;
        var holders = await db.PersonSkills.IgnoreQueryFilters().CountAsync(s => s.SkillId == id, ct);
        return holders > 0 ? $"{holders} people hold '{skill.Name}'; archive it instead" : null;
    }

    /// <summary>
    /// Marks a person who is in no use for removal, with what only they own (skills, roles, sign-in account);
    /// the caller saves, then forgets cached scopes.
    /// </summary>
    public static async Task RemovePersonAsync(this StewardDbContext db, Person person, CancellationToken ct = default)
    {
        var id = person.Id;
        db.PersonSkills.RemoveRange(await db.PersonSkills.Where(s => s.PersonId == id).ToListAsync(ct));
        db.UserRoles.RemoveRange(await db.UserRoles.Where(r => r.UserId == id).ToListAsync(ct));
        if (await db.Users.SingleOrDefaultAsync(a => a.Id == id, ct) is { } account) db.Users.Remove(account);
        db.People.Remove(person);
    }

    /// <summary>A person who can join a team: active and in the actor's tenancy (a partner's engineer included).</summary>
    public static Task<Person?> ActivePersonAsync(this StewardDbContext db, Guid personId, CancellationToken ct = default) =>
        db.People.SingleOrDefaultAsync(p => p.Id == personId && p.ArchivedAt == null, ct);

    /// <summary>A person is in a team once.</summary>
    public static Task<bool> IsMemberAsync(this StewardDbContext db, Guid teamId, Guid personId, CancellationToken ct = default) =>
        db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.PersonId == personId, ct);

    /// <summary>A skill a person can be given: in the catalogue and not archived.</summary>
    public static Task<Skill?> ActiveSkillAsync(this StewardDbContext db, Guid skillId, CancellationToken ct = default) =>
        db.Skills.SingleOrDefaultAsync(s => s.Id == skillId && s.ArchivedAt == null, ct);

    /// <summary>A person holds a skill once; its level changes instead.</summary>
    public static Task<bool> HoldsSkillAsync(this StewardDbContext db, Guid personId, Guid skillId, CancellationToken ct = default) =>
        db.PersonSkills.AnyAsync(s => s.PersonId == personId && s.SkillId == skillId, ct);

    /// <summary>
    /// A provider links to a partner once. <see cref="PartnerRelationship.Check"/> decides which kinds may be
    /// linked; as only a provider serves and a provider is never a partner, it also refuses a self link.
    /// </summary>
    public static Task<bool> PartnerLinkedAsync(this StewardDbContext db, Guid providerId, Guid partnerId, CancellationToken ct = default) =>
        db.PartnerRelationships.AnyAsync(r => r.ProviderId == providerId && r.PartnerId == partnerId, ct);
}
