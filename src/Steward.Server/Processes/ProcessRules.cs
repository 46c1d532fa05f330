using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Processes;
using Steward.Server.Portfolio;

namespace Steward.Server.Processes;

/// <summary>
/// Which provider's library a caller may read, and the rules for tailoring it, written once for the
/// API and the UI. As in <see cref="PortfolioRules"/>, a violation naming a field is bad input (400),
/// one without conflicts with what is stored (409).
/// </summary>
public static partial class ProcessRules
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    /// <summary>
    /// The library of the provider named, else of the caller's own provider, else the built-in one.
    /// The caller may read a provider's library when it sees the provider or the provider serves the caller's organization.
    /// </summary>
    public static async Task<(ProcessCatalog? Catalog, RuleViolation? Violation)> LibraryForAsync(this StewardDbContext db, Guid? providerId, CancellationToken ct = default)
    {
        var actor = db.Actor;
        if (providerId is null)
        {
            if (actor.OrganizationId is { } own && await db.Organizations.AnyAsync(o => o.Id == own && o.Kind == OrganizationKind.Provider, ct))
                return (await db.CatalogOfAsync(own, ct), null);
            return (ProcessCatalog.BuiltIn, null);
        }
        var visible = actor.Sees(providerId.Value)
            || (actor.OrganizationId is { } org && await db.PartnerRelationships.IgnoreQueryFilters().AnyAsync(r => r.ProviderId == providerId && r.PartnerId == org, ct));
        if (!visible || !await db.Organizations.IgnoreQueryFilters().AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct))
            return (null, new("No provider with this id serves you or is in your tenancy.", "providerId"));
        return (await db.CatalogOfAsync(providerId.Value, ct), null);
    }

    /// <summary>The checks a tailoring passes before the stored one is looked at: the key, the provider and the body.</summary>
    public static async Task<RuleViolation?> CheckTailoringAsync(this StewardDbContext db, string key, Guid providerId, TailorProcess body, CancellationToken ct = default)
    {
        if (!Slug().IsMatch(key) || key.Length > Core.Portfolio.PortfolioLimits.ProcessKey)
            return new("A process key is lower-case words joined by hyphens, such as incident-management.", "key");
        if (await db.ActiveProviderAsync(providerId, ct) is null)
            return new("No active provider organization with this id exists in your tenancy.", "providerId");
        return CheckBody(key, body);
    }

    /// <summary>
    /// Creates the provider's tailoring of <paramref name="key"/> (when <paramref name="tailored"/> is null, added to
    /// the context) or changes it, unless that would drop activities that sourcing assignments name.
    /// </summary>
    public static async Task<(TailoredProcess? Tailored, RuleViolation? Violation)> TailorAsync(this StewardDbContext db, TailoredProcess? tailored,
        string key, Guid providerId, TailorProcess body, Instant now, CancellationToken ct = default)
    {
        var activities = body.Activities.Select(a => new ActivityDefinition(a.Key, a.Name.Trim(), a.Description?.Trim() ?? "")).ToList();
        if (await ActivitiesInUseAsync(db, providerId, key, activities.Select(a => a.Key), ct) is { } inUse) return (null, inUse);

        tailored ??= db.TailoredProcesses.Add(new TailoredProcess
        {
            ProviderId = providerId, Key = key, Name = body.Name, CreatedAt = now,
            BasedOnVersion = BuiltInLibrary.Find(key) is null ? null : BuiltInLibrary.Version,
        }).Entity;
        tailored.Name = body.Name.Trim();
        tailored.Description = body.Description?.Trim() ?? "";
        tailored.Stage = body.Stage;
        tailored.Activities = activities;
        tailored.Kpis = body.Kpis.Select(k => new KpiDefinition(k.Key, k.Name.Trim(), k.Unit.Trim(), k.Description?.Trim() ?? "")).ToList();
        tailored.Itil4Practices = [.. body.Itil4Practices ?? []];
        tailored.Iso20000Clauses = [.. body.Iso20000Clauses ?? []];
        return (tailored, null);
    }

    /// <summary>
    /// Whether the provider's tailoring may be dropped: the built-in activities must still cover what assignments
    /// name, and a process of the provider's own must be in no service's set.
    /// </summary>
    public static async Task<RuleViolation?> RevertBlockedAsync(this StewardDbContext db, Guid providerId, string key, CancellationToken ct = default)
    {
        if (BuiltInLibrary.Find(key) is { } builtIn)
            return await ActivitiesInUseAsync(db, providerId, key, builtIn.Activities.Select(a => a.Key), ct);
        var sets = await db.Services.IgnoreQueryFilters().Where(s => s.ProviderId == providerId).Select(s => s.ProcessKeys).ToListAsync(ct);
        return sets.Any(set => set.Contains(key))
            ? new($"Services of the provider still list '{key}'; remove it from them first (PUT /api/v1/services/{{id}}/processes).")
            : null;
    }

    static RuleViolation? CheckBody(string key, TailorProcess body)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Activities.Length; i++)
        {
            var a = body.Activities[i];
            if (a is null) return new("Give each activity a key and a name.", $"activities[{i}]");
            var slash = a.Key?.IndexOf('/') ?? -1;
            if (a.Key is null || slash < 0 || a.Key[..slash] != key || !Slug().IsMatch(a.Key[(slash + 1)..]))
                return new($"An activity key is '{key}/' followed by lower-case words joined by hyphens.", $"activities[{i}].key");
            if (!seen.Add(a.Key)) return new($"'{a.Key}' is listed twice.", $"activities[{i}].key");
            if (!IsLine(a.Name, PartyLimits.Name)) return new("Name the activity in one line of up to 200 characters.", $"activities[{i}].name");
            if (a.Description is { Length: > PartyLimits.Text }) return new("At most 4000 characters.", $"activities[{i}].description");
        }
        seen.Clear();
        for (var i = 0; i < body.Kpis.Length; i++)
        {
            var k = body.Kpis[i];
            if (k is null || k.Key is null || !Slug().IsMatch(k.Key)) return new("A KPI key is lower-case words joined by hyphens.", $"kpis[{i}].key");
            if (!seen.Add(k.Key)) return new($"'{k.Key}' is listed twice.", $"kpis[{i}].key");
            if (!IsLine(k.Name, PartyLimits.Name)) return new("Name the KPI in one line of up to 200 characters.", $"kpis[{i}].name");
            if (!IsLine(k.Unit, 20)) return new("Give the unit in up to 20 characters: %, hours, count...", $"kpis[{i}].unit");
        }
        for (var i = 0; i < (body.Itil4Practices?.Length ?? 0); i++)
            if (!BuiltInLibrary.Practices.Any(p => p.Key == body.Itil4Practices![i]))
                return new("Not an ITIL 4 practice key (GET /api/v1/processes/frameworks).", $"itil4Practices[{i}]");
        for (var i = 0; i < (body.Iso20000Clauses?.Length ?? 0); i++)
            if (!BuiltInLibrary.Clauses.Any(c => c.Number == body.Iso20000Clauses![i]))
                return new("Not an ISO/IEC 20000-1 clause 8 number (GET /api/v1/processes/frameworks).", $"iso20000Clauses[{i}]");
        return null;
    }

    static bool IsLine(string? s, int max) => !string.IsNullOrWhiteSpace(s) && s.Length <= max && !s.Any(char.IsControl);

    /// <summary>Assignments that name an activity the new list drops would lose their meaning: refuse.</summary>
    static async Task<RuleViolation?> ActivitiesInUseAsync(StewardDbContext db, Guid providerId, string key, IEnumerable<string> kept, CancellationToken ct)
    {
        var keep = kept.ToList();
        var orphaned = await db.SourcingAssignments.IgnoreQueryFilters()
            .Where(a => a.ProviderId == providerId && a.ProcessKey == key && a.ActivityKey != null && !keep.Contains(a.ActivityKey))
            .Select(a => a.ActivityKey!).Distinct().ToListAsync(ct);
        return orphaned.Count == 0 ? null
            : new($"Sourcing assignments still name {string.Join(", ", orphaned)}; keep those activities or delete the assignments first.");
    }
}
