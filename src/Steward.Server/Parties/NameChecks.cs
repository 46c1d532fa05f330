using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;

namespace Steward.Server.Parties;

/// <summary>
/// The duplicate-name rules, shared by the API and the UI. They look across tenants because the
/// unique indexes do; the indexes stay the backstop for concurrent writers.
/// </summary>
public static class NameChecks
{
    /// <summary>Organization names are unique per kind, ignoring case: an index seek on NameKey.</summary>
    public static Task<bool> OrganizationNameTakenAsync(this StewardDbContext db, OrganizationKind kind, string name, Guid? except, CancellationToken ct = default)
    {
        var key = Organization.KeyOf(name);
        return db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Kind == kind && o.NameKey == key && o.Id != except, ct);
    }

    /// <summary>Team names are unique within their organization, ignoring case.</summary>
    public static Task<bool> TeamNameTakenAsync(this StewardDbContext db, Guid organizationId, string name, Guid? except, CancellationToken ct = default)
    {
        var upper = name.Trim().ToUpper();
        return db.Teams.IgnoreQueryFilters().AnyAsync(t => t.OrganizationId == organizationId && t.Name.ToUpper() == upper && t.Id != except, ct);
    }

    /// <summary>Skill names are unique in the shared catalogue, ignoring case.</summary>
    public static Task<bool> SkillNameTakenAsync(this StewardDbContext db, string name, Guid? except, CancellationToken ct = default)
    {
        var upper = name.Trim().ToUpper();
        return db.Skills.AnyAsync(s => s.Name.ToUpper() == upper && s.Id != except, ct);
    }
}
