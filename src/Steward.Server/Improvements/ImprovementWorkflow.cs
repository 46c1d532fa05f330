using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Improvements;
using Steward.Core.Parties;
using Steward.Server.Api;
using Steward.Server.Parties;
using Steward.Server.Portfolio;
using Steward.Server.Satisfaction;

namespace Steward.Server.Improvements;

/// <summary>
/// The register's changes, shared by the API and the pages: raising an improvement (its baseline
/// measured now and frozen), editing it while open, moving it along its states (closing it measures
/// again), its actions and its reviews. Each broken rule names its field (400) or none (409).
/// </summary>
public static class ImprovementWorkflow
{
    /// <summary>By hand, the baseline is the 90 days up to now unless the body says otherwise.</summary>
    public static readonly Duration DefaultBaseline = Duration.FromDays(90);
    /// <summary>A one-click improvement's proposed target date: 90 days from today.</summary>
    public const int DefaultDays = 90;

    public static async Task<(Improvement? Improvement, RuleViolation? Broken)> CreateAsync(StewardDbContext db, ImprovementBody body, Instant now, CancellationToken ct)
    {
        var (draft, refused) = await ImprovementSources.DraftAsync(db, body.Source, body.ProviderId, now, ct);
        if (draft is null) return (null, refused);

        var (providerId, noProvider) = await SurveyInput.ProviderOfAsync(db, body.ProviderId ?? draft.ProviderId, ct);
        if (providerId is not { } provider) return (null, noProvider);
        if (draft.ProviderId is { } drafted && drafted != provider)
            return (null, new("The source belongs to another provider than providerId names.", "providerId"));

        var (measure, badMeasure) = ImprovementRules.Measure(body.MeasureKey ?? draft.MeasureKey);
        if (measure is null) return (null, body.MeasureKey is null && draft.MeasureKey is null ? new("Name the measure to improve: measureKey (GET /api/v1/measures lists them).", "measureKey") : badMeasure);

        var (scope, badScope) = ScopeOf(body.Scope, draft.Scope);
        if (scope is null) return (null, badScope);
        if ((ImprovementRules.CheckScope(measure, scope) ?? await CheckScopeIdsAsync(db, provider, scope, ct)) is { } outOfScope) return (null, outOfScope);

        var zone = draft.Zone ?? DateTimeZone.Utc;
        if (!string.IsNullOrWhiteSpace(body.Zone) && (zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(body.Zone.Trim())!) is null)
            return (null, new("zone must be an IANA time zone, such as Europe/London or UTC.", "zone"));
        if (!TryBound(body.BaselineFrom, zone, endOfDay: false, out var from)) return (null, NotABound("baselineFrom"));
        if (!TryBound(body.BaselineTo, zone, endOfDay: true, out var to)) return (null, NotABound("baselineTo"));
        var baselineTo = to ?? draft.BaselineTo ?? now;
        var baselineFrom = from ?? (to is null ? draft.BaselineFrom : null) ?? baselineTo - DefaultBaseline;
        if (ImprovementRules.CheckBaseline(baselineFrom, baselineTo, now) is { } badBaseline) return (null, badBaseline);

        var title = body.Title?.Trim() ?? draft.Title;
        if (string.IsNullOrWhiteSpace(title)) return (null, new("Give the improvement a title.", "title"));
        // A follow-up's service owner may have left the provider: whoever raises it owns it then.
        var owner = await PersonOfProviderAsync(db, provider, body.OwnerId ?? draft.OwnerId ?? db.Actor.PersonId, ct)
            ?? (body.OwnerId is null ? await PersonOfProviderAsync(db, provider, db.Actor.PersonId, ct) : null);
        if (owner is null) return (null, NoOwner);

        var baseline = await ImprovementMeasures.ValueAsync(db, measure, provider, scope, baselineFrom, baselineTo, zone, now, ct);
        if (ImprovementRules.CheckBaselineValue(measure, baseline.Value) is { } nothing) return (null, nothing);
        var baselineValue = baseline.Value!.Value;

        // An agreement's measure aims at the agreement's own target; other sources propose halfway to the best value.
        var target = body.Target ?? draft.Target ?? (draft.ProposesTarget ? ImprovementMath.HalfwayTarget(measure, baselineValue) : null);
        if (target is not { } t) return (null, new($"Say the target value of '{measure.Key}' to reach (the baseline is {ImprovementRules.Number(baselineValue)} {ImprovementRules.Unit(measure)}).", "target"));
        if (ImprovementRules.CheckTarget(measure, baselineValue, t) is { } badTarget) return (null, badTarget);
        var targetDate = body.TargetDate ?? (draft.ProposesTarget ? now.InZone(zone).Date.PlusDays(DefaultDays) : null);
        if (targetDate is not { } date) return (null, new("Say the date the target should be reached by: targetDate.", "targetDate"));
        if (ImprovementRules.CheckTargetDate(date, baselineTo, zone) is { } badDate) return (null, badDate);

        return (new Improvement
        {
            ProviderId = provider, Title = title.Trim(), Problem = Text(body.Problem ?? draft.Problem), OwnerId = owner.Value,
            ServiceId = scope.ServiceId, CustomerId = scope.CustomerId, ProcessKey = scope.ProcessKey, PartyId = scope.PartyId, SourcingKind = scope.Kind,
            MeasureKey = measure.Key, BaselineFrom = baselineFrom, BaselineTo = baselineTo, Zone = zone.Id,
            BaselineValue = baselineValue, BaselineN = baseline.N, BaselineComputedAt = now,
            Target = t, TargetDate = date,
            Source = draft.Source, SourceId = draft.SourceId, SourceNote = draft.SourceNote,
            CreatedAt = now, CreatedById = db.Actor.PersonId, UpdatedAt = now,
        }, null);
    }

    /// <summary>PUT: the title, problem, owner, target and date of an open improvement; the target still beats the baseline.</summary>
    public static async Task<RuleViolation?> UpdateAsync(StewardDbContext db, Improvement improvement, ImprovementUpdateBody body, Instant now, CancellationToken ct)
    {
        if (improvement.CheckOpen() is { } closed) return closed;
        var measure = Core.Measures.MeasureCatalog.Find(improvement.MeasureKey)!;
        if (await PersonOfProviderAsync(db, improvement.ProviderId, body.OwnerId, ct) is not { } owner) return NoOwner;
        if (ImprovementRules.CheckTarget(measure, improvement.BaselineValue, body.Target!.Value) is { } badTarget) return badTarget;
        if (ImprovementRules.CheckTargetDate(body.TargetDate!.Value, improvement.BaselineTo, ImprovementMeasures.ZoneOf(improvement)) is { } badDate) return badDate;
        improvement.Title = body.Title.Trim();
        improvement.Problem = Text(body.Problem);
        improvement.OwnerId = owner;
        improvement.Target = body.Target.Value;
        improvement.TargetDate = body.TargetDate.Value;
        improvement.UpdatedAt = now;
        return null;
    }

    /// <summary>Moves the improvement; closing it as achieved or not measures the value now, over a window as long as the baseline.</summary>
    public static async Task<RuleViolation?> MoveAsync(StewardDbContext db, Improvement improvement, ImprovementState to, Instant now, CancellationToken ct)
    {
        var measure = Core.Measures.MeasureCatalog.Find(improvement.MeasureKey)!;
        MeasuredValue? measured = null;
        if (to is ImprovementState.Achieved or ImprovementState.NotAchieved && ImprovementStates.CheckMove(improvement.State, to) is null)
            measured = await ImprovementMeasures.AtAsync(db, improvement, now, now, ct);
        return improvement.Move(to, measure, measured?.Value, measured?.N ?? 0, db.Actor.PersonId, now);
    }

    /// <summary>A review: the note, and the measure's value over a window as long as the baseline ending now.</summary>
    public static async Task<ImprovementReview> ReviewAsync(StewardDbContext db, Improvement improvement, string note, Instant now, CancellationToken ct)
    {
        var measured = await ImprovementMeasures.AtAsync(db, improvement, now, now, ct);
        return new ImprovementReview
        {
            ImprovementId = improvement.Id, ProviderId = improvement.ProviderId, At = now, AuthorId = db.Actor.PersonId, Note = note.Trim(),
            WindowFrom = measured.From, Value = measured.Value, N = measured.N,
        };
    }

    /// <summary>Applies an action's body: a title, a due date, an owner of the provider (the improvement's by default), done or not.</summary>
    public static async Task<RuleViolation?> ApplyActionAsync(StewardDbContext db, Improvement improvement, ImprovementAction action, ImprovementActionBody body, Instant now, CancellationToken ct)
    {
        if (improvement.CheckOpen() is { } closed) return closed;
        var asked = body.OwnerId ?? (action.OwnerId == Guid.Empty ? improvement.OwnerId : action.OwnerId);
        if (await PersonOfProviderAsync(db, improvement.ProviderId, asked, ct) is not { } owner) return NoOwner;
        action.Title = body.Title.Trim();
        action.DueOn = body.DueOn!.Value;
        action.OwnerId = owner;
        action.SetDone(body.Done, db.Actor.PersonId, now);
        return null;
    }

    /// <summary>The scope asked for (or the source's): one of each at most, as the measures engine narrows.</summary>
    static (ImprovementScope? Scope, RuleViolation? Broken) ScopeOf(ImprovementScopeBody? body, ImprovementScope? drafted)
    {
        if (body is null) return (drafted ?? new ImprovementScope(), null);
        if (One(body.ServiceIds, "scope.serviceIds", "service") is { } s) return (null, s);
        if (One(body.CustomerIds, "scope.customerIds", "customer") is { } c) return (null, c);
        if (One(body.ProcessKeys, "scope.processKeys", "process") is { } p) return (null, p);
        string? process = null;
        if (body.ProcessKeys is [var key])
        {
            if (string.IsNullOrWhiteSpace(key)) return (null, new("A process key is the process's key, such as incident-management.", "scope.processKeys"));
            process = key.Trim();
        }
        return (new ImprovementScope(body.ServiceIds is [var service] ? service : null, body.CustomerIds is [var customer] ? customer : null, process, body.PartyId, body.Kind), null);
    }

    static RuleViolation? One<T>(T[]? values, string field, string what) =>
        values is { Length: > 1 } ? new($"One {what} at most for now: the measures engine narrows a measure to one {what}.", field) : null;

    /// <summary>Each id of the scope names something of the provider: its service, its customer, a process of its catalogue, a party working for it.</summary>
    static async Task<RuleViolation?> CheckScopeIdsAsync(StewardDbContext db, Guid provider, ImprovementScope scope, CancellationToken ct)
    {
        if (scope.ServiceId is { } service && !await db.Services.AnyAsync(s => s.Id == service && s.ProviderId == provider, ct))
            return new("No service of the provider has this id.", "scope.serviceIds");
        if (scope.CustomerId is { } customer && !await db.PartnerRelationships.AnyAsync(r => r.ProviderId == provider && r.PartnerId == customer
                && db.Organizations.Any(o => o.Id == customer && o.Kind == OrganizationKind.Customer), ct))
            return new("No customer of the provider has this id.", "scope.customerIds");
        if (scope.ProcessKey is { } process && (await db.CatalogOfAsync(provider, ct)).Find(process) is null)
            return new($"'{(process.Length <= 60 ? process : process[..60] + "…")}' is not a process of the provider's catalogue; GET /api/v1/processes lists them.", "scope.processKeys");
        if (scope.PartyId is { } party && party != provider
            && !await PartyChecks.TeamOfProviderOrPartnerAsync(db, provider, party, ct)
            && !await db.PartnerRelationships.AnyAsync(r => r.ProviderId == provider && r.PartnerId == party, ct))
            return new("No team or organization working for the provider has this id.", "scope.partyId");
        return null;
    }

    static readonly RuleViolation NoOwner = new("The owner is an active person of the provider: ownerId.", "ownerId");

    static async Task<Guid?> PersonOfProviderAsync(StewardDbContext db, Guid provider, Guid? person, CancellationToken ct) =>
        person is { } id && await db.People.AnyAsync(p => p.Id == id && p.OrganizationId == provider && p.ArchivedAt == null, ct) ? id : null;

    static string? Text(string? markdown) => string.IsNullOrWhiteSpace(markdown) ? null : markdown.Trim();

    static RuleViolation NotABound(string field) =>
        new($"{field} must be an ISO 8601 instant in UTC (2026-11-23T12:00:00Z) or a date (2026-11-23), {InputRanges.DateRange}.", field);

    /// <summary>An instant, or a date in <paramref name="zone"/> (as the end of a period, the whole day is included), as the reports read them.</summary>
    static bool TryBound(string? text, DateTimeZone zone, bool endOfDay, out Instant? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        text = text.Trim();
        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            value = instant.Value;
            return InputRanges.Contains(instant.Value);
        }
        if (LocalDatePattern.Iso.Parse(text) is not { Success: true } date || !InputRanges.Contains(date.Value)) return false;
        value = zone.AtStartOfDay(endOfDay ? date.Value.PlusDays(1) : date.Value).ToInstant();
        return true;
    }
}
