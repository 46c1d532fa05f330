using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Sourcing;

namespace Steward.Server.Sourcing;

/// <summary>A performer named by id: an organization or a team, resolved in the caller's tenancy.</summary>
public sealed record Performer(Guid OrganizationId, Guid? TeamId, string Name);

public static class SourcingChecks
{
    /// <summary>An active organization or team with this id that the caller sees; null when neither.</summary>
    public static async Task<Performer?> PerformerAsync(this StewardDbContext db, Guid id, CancellationToken ct = default)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == id && o.ArchivedAt == null)
            .Select(o => new Performer(o.Id, null, o.Name)).SingleOrDefaultAsync(ct);
        if (organization is not null) return organization;
        return await db.Teams.AsNoTracking().Where(t => t.Id == id && t.ArchivedAt == null)
            .Select(t => new Performer(t.OrganizationId, t.Id, t.Name)).SingleOrDefaultAsync(ct);
    }

    public static Task<bool> IsTeamAsync(this StewardDbContext db, Guid id, CancellationToken ct = default) =>
        db.Teams.IgnoreQueryFilters().AnyAsync(t => t.Id == id, ct);

    /// <summary>What the sourcing model still says about this organization or team, for delete checks.</summary>
    public static async Task<int> SourcingReferencesAsync(this StewardDbContext db, Guid id, CancellationToken ct = default) =>
        await db.SourcingAssignments.IgnoreQueryFilters().CountAsync(a => a.PerformerOrganizationId == id || a.PerformerTeamId == id || a.AccountableId == id || a.CustomerId == id, ct)
        + await db.AgreementRecords.IgnoreQueryFilters().CountAsync(a => a.AccountableId == id || a.CounterpartyId == id, ct);
}
