using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Parties;
using Steward.Core.Processes;
using Steward.Server.Api;
using Steward.Server.Portfolio;

namespace Steward.Server.Processes;

public static class ProcessEndpoints
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

    /// <summary>
    /// The library of the provider named, else of the caller's own provider, else the built-in one.
    /// Lists every process with its activities, KPIs and framework mapping, in lifecycle order.
    /// </summary>
    static async Task<Results<Ok<IReadOnlyList<ProcessView>>, ValidationProblem>> List(
        StewardDbContext db, CancellationToken ct, Guid? providerId = null, Core.Processes.LifecycleStage? stage = null)
    {
        var (catalog, broken) = await db.LibraryForAsync(providerId, ct);
        if (broken is not null) return Problems.Invalid(broken.Field!, broken.Detail);
        return TypedResults.Ok<IReadOnlyList<ProcessView>>(catalog!.All.Where(p => stage is null || p.Stage == stage)
            .Select(p => ProcessView.Of(p, catalog.IsTailored(p.Key))).ToList());
    }

    static async Task<Results<Ok<ProcessView>, ProblemHttpResult, ValidationProblem>> Get(
        string key, StewardDbContext db, HttpContext http, CancellationToken ct, Guid? providerId = null)
    {
        var (catalog, broken) = await db.LibraryForAsync(providerId, ct);
        if (broken is not null) return Problems.Invalid(broken.Field!, broken.Detail);
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
        if (await db.CheckTailoringAsync(key, providerId, body, ct) is { } invalid) return Problems.Invalid(invalid.Field!, invalid.Detail);

        var tailored = await db.TailoredProcesses.SingleOrDefaultAsync(t => t.ProviderId == providerId && t.Key == key, ct);
        if (tailored is not null)
        {
            if (http.Request.Headers.IfMatch.Count == 0) throw new PreconditionRequiredException();
            if (!db.TryExpect(tailored, await IfMatch.BindAsync(http))) return Problems.PreconditionFailed(tailored.Version);
        }
        var created = tailored is null;
        var (saved, inUse) = await db.TailorAsync(tailored, key, providerId, body, clock.GetCurrentInstant(), ct);
        if (inUse is not null) return Problems.Conflict(inUse);
        await db.SaveChangesAsync(ct);
        http.SetETag(saved!);
        var view = ProcessView.Of(saved!.ToDefinition(), true);
        return created ? TypedResults.Created($"/api/v1/processes/{key}?providerId={providerId}", view) : TypedResults.Ok(view);
    }

    /// <summary>Drops the provider's tailoring: the built-in process applies again (a process of its own is removed).</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> Revert(string key, Guid providerId, IfMatch ifMatch, StewardDbContext db, CancellationToken ct)
    {
        var tailored = await db.TailoredProcesses.SingleOrDefaultAsync(t => t.ProviderId == providerId && t.Key == key, ct);
        if (tailored is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: "The provider has not tailored this process (or is outside your tenancy).");
        if (!db.TryExpect(tailored, ifMatch)) return Problems.PreconditionFailed(tailored.Version);
        if (await db.RevertBlockedAsync(providerId, key, ct) is { } blocked) return Problems.Conflict(blocked);
        db.TailoredProcesses.Remove(tailored);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
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
