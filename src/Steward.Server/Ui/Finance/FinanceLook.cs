using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Parties;

namespace Steward.Server.Ui.Finance;

/// <summary>How the finance pages write money and time (invariant, as the other figures of the UI), and which providers they offer.</summary>
public static class FinanceLook
{
    public static string Amount(decimal value) => value.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Amount(decimal? value) => value is { } v ? Amount(v) : "—";

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "—";

    public static string Hours(long minutes) => (minutes / 60m).ToString("#,##0.0", CultureInfo.InvariantCulture) + " h";

    public static string Rate(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    /// <summary>The providers whose books the actor may read: those in its tenancy (a customer's people see none).</summary>
    public static async Task<List<(Guid Id, string Name)>> ProvidersAsync(StewardDbContext db, CancellationToken ct = default) =>
        (await db.Organizations.AsNoTracking().Where(o => o.Kind == OrganizationKind.Provider && o.ArchivedAt == null)
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct))
        .Select(o => (o.Id, o.Name)).ToList();

    /// <summary>The actor's own provider when it is one, else the first offered.</summary>
    public static Guid? DefaultProvider(StewardDbContext db, List<(Guid Id, string Name)> providers) =>
        providers.Any(p => p.Id == db.Actor.OrganizationId) ? db.Actor.OrganizationId : providers.Count > 0 ? providers[0].Id : null;
}
