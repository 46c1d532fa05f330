using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Processes;
using Steward.Server.Api;
using Steward.Server.Portfolio;

namespace Steward.Server.Processes;

public static partial class ProcessEndpoints
{
    public static RouteGroupBuilder MapProcesses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/processes").WithTags("Processes");
        group.MapGet("/", List).RequireAccess(Access.Read);
        group.MapGet("/frameworks", Frameworks).RequireAccess(Access.Read);
        group.MapGet("/{key}", Get).RequireAccess(Access.Read);
        group.MapPut("/{key}", Tailor).RequireAccess(Access.ManageProcesses);
        group.MapDelete("/{key}", Revert).RequireAccess(Access.ManageProcesses);
        return group;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    /// <summary>
    /// The library of the provider named, else of the caller's own provider, else the built-in one.
    /// Lists every process with its activities, KPIs and framework mapping, in lifecycle order.
    /// </summary>
    static async Task<Results<Ok<IReadOnlyList<ProcessView>>, ValidationProblem>> List(
        StewardDbContext db, CancellationToken ct, Guid? providerId = null, Core.Processes.LifecycleStage? stage = null)
    {
        var (catalog, problem) = await CatalogAsync(db, providerId, ct);
        if (problem is not null) return problem;
        return TypedResults.Ok<IReadOnlyList<ProcessView>>(catalog!.All.Where(p => stage is null || p.Stage == stage)
            .Select(p => ProcessView.Of(p, catalog.IsTailored(p.Key))).ToList());
    }

    static async Task<Results<Ok<ProcessView>, ProblemHttpResult, ValidationProblem>> Get(
        string key, StewardDbContext db, HttpContext http, CancellationToken ct, Guid? providerId = null)
    {
        var (catalog, problem) = await CatalogAsync(db, providerId, ct);
        if (problem is not null) return problem;
        if (catalog!.Find(key) is not { } process)
            return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"No process with key '{Shorten(key)}' is in the library (GET /api/v1/processes lists the keys).");
        if (catalog.IsTailored(key) && providerId is { } p)
            http.Response.Headers.ETag = ETags.Of(await db.TailoredProcesses.Where(t => t.ProviderId == p && t.Key == key).Select(t => t.Version).SingleAsync(ct));
        return TypedResults.Ok(ProcessView.Of(process, catalog.IsTailored(key)));
    }

    /// <summary>ITIL 4 practices and ISO/IEC 20000-1 clause 8 entries, each with the library processes mapped to it.</summary>
    static Ok<FrameworksView> Frameworks() =>
        TypedResults.Ok(new FrameworksView(BuiltInLibrary.Version,
            BuiltInLibrary.Practices.Select(p => new PracticeView(p.Key, p.Name, p.Group,
                BuiltInLibrary.Processes.Where(x => x.Itil4Practices.Contains(p.Key)).Select(x => x.Key).ToList())).ToList(),
            BuiltInLibrary.Clauses.Select(c => new ClauseView(c.Number, c.Name, c.Parent,
                BuiltInLibrary.Processes.Where(x => x.Iso20000Clauses.Contains(c.Number)).Select(x => x.Key).ToList())).ToList()));

    /// <summary>
    /// Tailors a library process for one provider, or adds a process of its own (a key the library
    /// lacks). The first tailoring needs no If-Match; changing a tailored process does.
    /// </summary>
    static async Task<Results<Ok<ProcessView>, Created<ProcessView>, ProblemHttpResult, ValidationProblem>> Tailor(
        string key, TailorProcess body, Guid providerId, StewardDbContext db, IClock clock, HttpContext http, CancellationToken ct)
    {
        if (!Slug().IsMatch(key) || key.Length > Core.Portfolio.PortfolioLimits.ProcessKey)
            return Problems.Invalid("key", "A process key is lower-case words joined by hyphens, such as incident-management.");
        if (await db.ActiveProviderAsync(providerId, ct) is null)
            return Problems.Invalid("providerId", "No active provider organization with this id exists in your tenancy.");
        if (CheckBody(key, body) is { } invalid) return invalid;

        var tailored = await db.TailoredProcesses.SingleOrDefaultAsync(t => t.ProviderId == providerId && t.Key == key, ct);
        if (tailored is not null)
        {
            if (http.Request.Headers.IfMatch.Count == 0) throw new PreconditionRequiredException();
            if (!db.TryExpect(tailored, await IfMatch.BindAsync(http))) return Problems.PreconditionFailed(tailored.Version);
        }
        var activities = body.Activities.Select(a => new ActivityDefinition(a.Key, a.Name.Trim(), a.Description?.Trim() ?? "")).ToList();
        if (await ActivitiesInUseAsync(db, providerId, key, activities.Select(a => a.Key), ct) is { } inUse) return inUse;

        var created = tailored is null;
        tailored ??= db.TailoredProcesses.Add(new TailoredProcess
        {
            ProviderId = providerId, Key = key, Name = body.Name, CreatedAt = clock.GetCurrentInstant(),
            BasedOnVersion = BuiltInLibrary.Find(key) is null ? null : BuiltInLibrary.Version,
        }).Entity;
        tailored.Name = body.Name.Trim();
        tailored.Description = body.Description?.Trim() ?? "";
        tailored.Stage = body.Stage;
        tailored.Activities = activities;
        tailored.Kpis = body.Kpis.Select(k => new KpiDefinition(k.Key, k.Name.Trim(), k.Unit.Trim(), k.Description?.Trim() ?? "")).ToList();
        tailored.Itil4Practices = [.. body.Itil4Practices ?? []];
        tailored.Iso20000Clauses = [.. body.Iso20000Clauses ?? []];
        await db.SaveChangesAsync(ct);
        http.SetETag(tailored);
        var view = ProcessView.Of(tailored.ToDefinition(), true);
        return created ? TypedResults.Created($"/api/v1/processes/{key}?providerId={providerId}", view) : TypedResults.Ok(view);
    }

    /// <summary>Drops the provider's tailoring: the built-in process applies again (a process of its own is removed).</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> Revert(string key, Guid providerId, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var tailored = await db.TailoredProcesses.SingleOrDefaultAsync(t => t.ProviderId == providerId && t.Key == key, ct);
        if (tailored is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "The provider has not tailored this process (or is outside your tenancy).");
        if (!db.TryExpect(tailored, ifMatch)) return Problems.PreconditionFailed(tailored.Version);
        if (BuiltInLibrary.Find(key) is { } builtIn)
        {
            if (await ActivitiesInUseAsync(db, providerId, key, builtIn.Activities.Select(a => a.Key), ct) is { } inUse) return inUse;
        }
        else if (await db.Services.IgnoreQueryFilters().Where(s => s.ProviderId == providerId).Select(s => s.ProcessKeys).ToListAsync(ct) is var sets
            && sets.Any(set => set.Contains(key)))
            return Problems.Conflict($"Services of the provider still list '{key}'; remove it from them first (PUT /api/v1/services/{{id}}/processes).");
        db.TailoredProcesses.Remove(tailored);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    static ValidationProblem? CheckBody(string key, TailorProcess body)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.Activities.Length; i++)
        {
            var a = body.Activities[i];
            if (a is null) return Problems.Invalid($"activities[{i}]", "Give each activity a key and a name.");
            var slash = a.Key?.IndexOf('/') ?? -1;
            if (a.Key is null || slash < 0 || a.Key[..slash] != key || !Slug().IsMatch(a.Key[(slash + 1)..]))
                return Problems.Invalid($"activities[{i}].key", $"An activity key is '{key}/' followed by lower-case words joined by hyphens.");
            if (!seen.Add(a.Key)) return Problems.Invalid($"activities[{i}].key", $"'{a.Key}' is listed twice.");
            if (!IsLine(a.Name, PartyLimits.Name)) return Problems.Invalid($"activities[{i}].name", "Name the activity in one line of up to 200 characters.");
            if (a.Description is { Length: > PartyLimits.Text }) return Problems.Invalid($"activities[{i}].description", "At most 4000 characters.");
        }
        seen.Clear();
        for (var i = 0; i < body.Kpis.Length; i++)
        {
            var k = body.Kpis[i];
            if (k is null || k.Key is null || !Slug().IsMatch(k.Key)) return Problems.Invalid($"kpis[{i}].key", "A KPI key is lower-case words joined by hyphens.");
            if (!seen.Add(k.Key)) return Problems.Invalid($"kpis[{i}].key", $"'{k.Key}' is listed twice.");
            if (!IsLine(k.Name, PartyLimits.Name)) return Problems.Invalid($"kpis[{i}].name", "Name the KPI in one line of up to 200 characters.");
            if (!IsLine(k.Unit, 20)) return Problems.Invalid($"kpis[{i}].unit", "Give the unit in up to 20 characters: %, hours, count...");
        }
        for (var i = 0; i < (body.Itil4Practices?.Length ?? 0); i++)
            if (!BuiltInLibrary.Practices.Any(p => p.Key == body.Itil4Practices![i]))
                return Problems.Invalid($"itil4Practices[{i}]", "Not an ITIL 4 practice key (GET /api/v1/processes/frameworks).");
        for (var i = 0; i < (body.Iso20000Clauses?.Length ?? 0); i++)
            if (!BuiltInLibrary.Clauses.Any(c => c.Number == body.Iso20000Clauses![i]))
                return Problems.Invalid($"iso20000Clauses[{i}]", "Not an ISO/IEC 20000-1 clause 8 number (GET /api/v1/processes/frameworks).");
        return null;
    }

    static bool IsLine(string? s, int max) => !string.IsNullOrWhiteSpace(s) && s.Length <= max && !s.Any(char.IsControl);

    /// <summary>Assignments that name an activity the new list drops would lose their meaning: refuse.</summary>
    static async Task<ProblemHttpResult?> ActivitiesInUseAsync(StewardDbContext db, Guid providerId, string key, IEnumerable<string> kept, CancellationToken ct)
    {
        var keep = kept.ToList();
        var orphaned = await db.SourcingAssignments.IgnoreQueryFilters()
            .Where(a => a.ProviderId == providerId && a.ProcessKey == key && a.ActivityKey != null && !keep.Contains(a.ActivityKey))
            .Select(a => a.ActivityKey!).Distinct().ToListAsync(ct);
        return orphaned.Count == 0 ? null
            : Problems.Conflict($"Sourcing assignments still name {string.Join(", ", orphaned)}; keep those activities or delete the assignments first.");
    }

    /// <summary>The provider's library; tenancy: the caller sees the provider, or the provider serves the caller's organization.</summary>
    static async Task<(ProcessCatalog? Catalog, ValidationProblem? Problem)> CatalogAsync(StewardDbContext db, Guid? providerId, CancellationToken ct)
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
            return (null, Problems.Invalid("providerId", "No provider with this id serves you or is in your tenancy."));
        return (await db.CatalogOfAsync(providerId.Value, ct), null);
    }

    static string Shorten(string s) => s.Length > 60 ? s[..60] + "…" : s;
}

public sealed record ActivityBody(string Key, string Name, string? Description = null);
public sealed record KpiBody(string Key, string Name, string Unit, string? Description = null);

public sealed record TailorProcess(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] Core.Processes.LifecycleStage Stage,
    [property: Required, MaxLength(50)] ActivityBody[] Activities,
    [property: Required, MaxLength(30)] KpiBody[] Kpis,
    [property: StringLength(PartyLimits.Text), PlainText] string? Description = null,
    [property: MaxLength(40)] string[]? Itil4Practices = null,
    [property: MaxLength(40)] string[]? Iso20000Clauses = null);

public sealed record PracticeRef(string Key, string Name);
public sealed record ClauseRef(string Number, string Name);

public sealed record ProcessView(string Key, string Name, Core.Processes.LifecycleStage Stage, string Description, bool DefaultForServices, bool Tailored,
    IReadOnlyList<ActivityDefinition> Activities, IReadOnlyList<KpiDefinition> Kpis, IReadOnlyList<PracticeRef> Itil4Practices,
    IReadOnlyList<ClauseRef> Iso20000Clauses, string LibraryVersion)
{
    public static ProcessView Of(ProcessDefinition p, bool tailored) => new(p.Key, p.Name, p.Stage, p.Description, p.DefaultForServices, tailored,
        p.Activities, p.Kpis,
        p.Itil4Practices.Select(k => new PracticeRef(k, BuiltInLibrary.Practices.FirstOrDefault(x => x.Key == k)?.Name ?? k)).ToList(),
        p.Iso20000Clauses.Select(n => new ClauseRef(n, BuiltInLibrary.Clauses.FirstOrDefault(x => x.Number == n)?.Name ?? n)).ToList(),
        BuiltInLibrary.Version);
}

public sealed record PracticeView(string Key, string Name, string Group, IReadOnlyList<string> Processes);
public sealed record ClauseView(string Number, string Name, string? Parent, IReadOnlyList<string> Processes);
public sealed record FrameworksView(string LibraryVersion, IReadOnlyList<PracticeView> Itil4Practices, IReadOnlyList<ClauseView> Iso20000Clauses);
