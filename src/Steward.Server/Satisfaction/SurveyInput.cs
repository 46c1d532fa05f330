using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Records;
using Steward.Core.Satisfaction;
using Steward.Server.Api;

namespace Steward.Server.Satisfaction;

/// <summary>
/// When the survey invites. RecordResolved: the requester of each resolved record, optionally only
/// for some services, customers and kinds of record. Periodic: every person of each customer (all
/// the provider's customers, or <c>customerIds</c>) every <c>everyMonths</c> months from <c>startsOn</c>.
/// </summary>
[ValidatableType]
public sealed record SurveyTriggerBody(
    [property: Required] SurveyTrigger? Type,
    [property: MaxLength(SurveyLimits.MaxCriteria)] Guid[]? ServiceIds = null,
    [property: MaxLength(SurveyLimits.MaxCriteria)] Guid[]? CustomerIds = null,
    [property: MaxLength(2)] RecordKind[]? RecordKinds = null,
    [property: Range(1, SurveyLimits.MaxEveryMonths)] int? EveryMonths = null,
    LocalDate? StartsOn = null);

/// <summary>The questions: the 1–5 rating is always asked; the 0–10 likelihood to recommend and a comment when chosen.</summary>
[ValidatableType]
public sealed record SurveyQuestionsBody(bool Rating = true, bool Recommend = false, bool Comment = false);

/// <summary>Invite for every Nth record (by its number); 1, the default, invites for every record.</summary>
[ValidatableType]
public sealed record SurveySamplingBody([property: Range(1, SurveyLimits.MaxEveryNth)] int EveryNth = 1);

/// <summary>POST and PUT /api/v1/surveys. <c>providerId</c>: the provider whose survey it is (default: the caller's organization).</summary>
public sealed record SurveyBody(
    [property: Required, StringLength(PartyLimits.Name), SingleLine] string Name,
    [property: Required] SurveyTriggerBody Trigger,
    SurveyQuestionsBody? Questions = null,
    [property: Range(1, SurveyLimits.MaxExpiresAfterDays)] int ExpiresAfterDays = 14,
    SurveySamplingBody? Sampling = null,
    bool IsActive = true,
    Guid? ProviderId = null);

public sealed record SurveyTriggerView(SurveyTrigger Type, IReadOnlyList<Guid> ServiceIds, IReadOnlyList<Guid> CustomerIds, IReadOnlyList<RecordKind> RecordKinds,
    int? EveryMonths, LocalDate? StartsOn);

public sealed record SurveyQuestionsView(bool Rating, bool Recommend, bool Comment);

public sealed record SurveySamplingView(int EveryNth);

public sealed record SurveyView(Guid Id, Guid ProviderId, string Name, bool IsActive, SurveyTriggerView Trigger, SurveyQuestionsView Questions,
    int ExpiresAfterDays, SurveySamplingView Sampling, Instant CreatedAt, long Version)
{
    public static SurveyView Of(Survey s) => new(s.Id, s.ProviderId, s.Name, s.IsActive,
        new SurveyTriggerView(s.Trigger, s.ServiceIds, s.CustomerIds, s.RecordKinds, s.EveryMonths, s.StartsOn),
        new SurveyQuestionsView(true, s.AsksRecommend, s.AsksComment), s.ExpiresAfterDays, new SurveySamplingView(s.EveryNth), s.CreatedAt, s.Version);

    /// <summary>The body that would save the survey as it is: what the editor starts from.</summary>
    public SurveyBody ToBody() => new(Name,
        new SurveyTriggerBody(Trigger.Type, [.. Trigger.ServiceIds], [.. Trigger.CustomerIds], [.. Trigger.RecordKinds], Trigger.EveryMonths, Trigger.StartsOn),
        new SurveyQuestionsBody(true, Questions.Recommend, Questions.Comment), ExpiresAfterDays, new SurveySamplingBody(Sampling.EveryNth), IsActive, ProviderId);
}

/// <summary>The rules of a survey, shared by the API and the survey editor. Every broken rule names its field.</summary>
public static class SurveyInput
{
    /// <summary>The provider a new survey is for: named, or the caller's own organization; an active provider the caller sees.</summary>
    public static async Task<(Guid? ProviderId, RuleViolation? Broken)> ProviderOfAsync(StewardDbContext db, Guid? named, CancellationToken ct)
    {
        if ((named ?? db.Actor.OrganizationId) is not { } providerId
            || !await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider && o.ArchivedAt == null, ct)
            || !db.Actor.Sees(providerId))
            return (null, new("No active provider with this id exists in your tenancy.", "providerId"));
        return (providerId, null);
    }

    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, Survey survey, SurveyBody body, LocalDate today, CancellationToken ct = default)
    {
        var provider = survey.ProviderId;
        if (body.ProviderId is { } moved && moved != provider) return new("A survey stays with the provider it was made for.", "providerId");
        var name = body.Name.Trim();
        if (await db.Surveys.AnyAsync(s => s.ProviderId == provider && s.Name == name && s.Id != survey.Id, ct))
            return new($"The provider already has a survey named '{name}'.", "name");

        var trigger = body.Trigger;
        if (trigger.Type is not { } type) return new("Say when the survey invites: RecordResolved or Periodic.", "trigger.type");
        var questions = body.Questions ?? new SurveyQuestionsBody();
        if (!questions.Rating) return new("The 1–5 rating is always asked; choose recommend and comment as you like.", "questions.rating");
        var everyNth = body.Sampling?.EveryNth ?? 1;
        var services = trigger.ServiceIds?.Distinct().ToList() ?? [];
        var kinds = trigger.RecordKinds?.Distinct().ToList() ?? [];
        if (type is SurveyTrigger.RecordResolved)
        {
            if (trigger.EveryMonths is not null) return new("Only a periodic survey runs every few months.", "trigger.everyMonths");
            if (trigger.StartsOn is not null) return new("Only a periodic survey starts on a day; this one invites as records are resolved.", "trigger.startsOn");
        }
        else
        {
            if (trigger.EveryMonths is null) return new("Say every how many months a periodic survey asks (1 to 24).", "trigger.everyMonths");
            if (services.Count > 0) return new("A periodic survey asks about the whole relationship, not about a service's records.", "trigger.serviceIds");
            if (kinds.Count > 0) return new("A periodic survey asks about the whole relationship, not about a kind of record.", "trigger.recordKinds");
            if (everyNth != 1) return new("A periodic survey asks every contact; sampling is for records.", "sampling.everyNth");
        }

        if (services.Count > 0 && await db.Services.IgnoreQueryFilters().CountAsync(s => services.Contains(s.Id) && s.ProviderId == provider, ct) != services.Count)
            return new("Every service must be one of the provider's.", "trigger.serviceIds");
        var customers = trigger.CustomerIds?.Distinct().ToList() ?? [];
        if (customers.Count > 0 && await db.PartnerRelationships.IgnoreQueryFilters().CountAsync(r => r.ProviderId == provider && customers.Contains(r.PartnerId), ct)
                + (customers.Contains(provider) ? 1 : 0) != customers.Count)
            return new("Every customer must be a customer of the provider (or the provider itself).", "trigger.customerIds");

        survey.Name = name;
        survey.IsActive = body.IsActive;
        survey.Trigger = type;
        survey.ServiceIds = services;
        survey.CustomerIds = customers;
        survey.RecordKinds = kinds;
        survey.EveryMonths = trigger.EveryMonths;
        // A periodic survey starts today unless told otherwise; a change that does not name a day keeps the rounds where they were.
        survey.StartsOn = type is SurveyTrigger.Periodic ? trigger.StartsOn ?? survey.StartsOn ?? today : null;
        survey.AsksRecommend = questions.Recommend;
        survey.AsksComment = questions.Comment;
        survey.ExpiresAfterDays = body.ExpiresAfterDays;
        survey.EveryNth = everyNth;
        return null;
    }
}
