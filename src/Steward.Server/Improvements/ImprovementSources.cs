using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Reports;

namespace Steward.Server.Improvements;

/// <summary>
/// What a source fills in before the body's own fields override it. A manual improvement starts
/// empty; a one-click one from its source, with a target proposed halfway to the best value.
/// </summary>
public sealed record ImprovementDraft(
    Guid? ProviderId = null,
    string? Title = null,
    string? Problem = null,
    ImprovementScope? Scope = null,
    string? MeasureKey = null,
    Instant? BaselineFrom = null,
    Instant? BaselineTo = null,
    DateTimeZone? Zone = null,
    Guid? OwnerId = null,
    ImprovementSource Source = ImprovementSource.Manual,
    decimal? Target = null,
    Guid? SourceId = null,
    string? SourceNote = null)
{
    public static readonly ImprovementDraft Manual = new();

    /// <summary>A one-click improvement proposes a target and a date; by hand the caller says them.</summary>
    public bool ProposesTarget => Source is not ImprovementSource.Manual;
}

/// <summary>The one-click sources: a low satisfaction rating's follow-up, a row of the SLA compliance report with breaches, and an agreement's measure off its target (<see cref="AgreementMeasureSource"/>).</summary>
public static class ImprovementSources
{
    /// <summary>The satisfaction report's default period: a baseline of the 90 days up to now.</summary>
    public static readonly Duration SatisfactionBaseline = Duration.FromDays(90);

    public static Task<(ImprovementDraft? Draft, RuleViolation? Broken)> DraftAsync(StewardDbContext db, ImprovementSourceBody? source, Guid? providerId, Instant now, CancellationToken ct) =>
        source?.Type.Trim().ToLowerInvariant() switch
        {
            null => Task.FromResult<(ImprovementDraft?, RuleViolation?)>((ImprovementDraft.Manual, null)),
            "satisfactionfollowup" => FollowUpAsync(db, source.FollowUpId, now, ct),
            "compliancereport" => ComplianceRowAsync(db, source, providerId, now, ct),
            "agreementmeasure" => AgreementMeasureSource.DraftAsync(db, source, now, ct),
            _ => Task.FromResult<(ImprovementDraft?, RuleViolation?)>((null, new("source.type is satisfactionFollowUp, complianceReport or agreementMeasure.", "source.type"))),
        };

    /// <summary>
    /// A low rating's follow-up: the mean satisfaction of that customer with that service (the
    /// customer alone when the record had no service) over the 90 days up to now. One improvement per follow-up.
    /// </summary>
    static async Task<(ImprovementDraft?, RuleViolation?)> FollowUpAsync(StewardDbContext db, Guid? followUpId, Instant now, CancellationToken ct)
    {
        if (followUpId is not { } id) return (null, new("Name the follow-up: source.followUpId.", "source.followUpId"));
        var f = await (from x in db.SatisfactionFollowUps.AsNoTracking()
                       join r in db.SurveyResponses.AsNoTracking() on x.ResponseId equals r.Id
                       join w in db.WorkRecords.AsNoTracking() on x.RecordId equals w.Id
                       where x.Id == id
                       select new { x.Id, x.ProviderId, x.CustomerId, x.ServiceId, x.OwnerId, x.Rating, w.Number, w.Title, r.Comment })
            .SingleOrDefaultAsync(ct);
        if (f is null) return (null, new("No follow-up with this id exists in your tenancy.", "source.followUpId"));
        if (await db.Improvements.AnyAsync(i => i.Source == ImprovementSource.SatisfactionFollowUp && i.SourceId == id, ct))
            return (null, new("An improvement was already raised from this follow-up; open it from the follow-up."));
        var names = await Ui.Incidents.PartyNames.OfAsync(db, [f.CustomerId, f.ServiceId]);
        var customer = names.GetValueOrDefault(f.CustomerId, "the customer");
        var service = f.ServiceId is { } s ? names.GetValueOrDefault(s, "the service") : null;
        var problem = $"{f.Number} \"{f.Title}\" was rated {f.Rating} of 5 by {customer}.";
        if (!string.IsNullOrWhiteSpace(f.Comment)) problem += "\n\n> " + f.Comment.Trim().ReplaceLineEndings("\n> ");
        return (new ImprovementDraft(
            ProviderId: f.ProviderId,
            Title: Cut(service is null ? $"Satisfaction of {customer}" : $"Satisfaction of {customer} with {service}"),
            Problem: Cut(problem, ImprovementLimits.Problem),
            Scope: new ImprovementScope(ServiceId: f.ServiceId, CustomerId: f.CustomerId),
            MeasureKey: "csat-mean",
            BaselineFrom: now - SatisfactionBaseline,
            BaselineTo: now,
            OwnerId: f.OwnerId,
            Source: ImprovementSource.SatisfactionFollowUp,
            SourceId: f.Id,
            SourceNote: Cut($"Follow-up of {f.Number}, rated {f.Rating} of 5", ImprovementLimits.SourceNote)), null);
    }

    /// <summary>
    /// A row of the SLA compliance report (by service, customer or party) over the report's period:
    /// SLA compliance in the row's scope, the period as its baseline. Only a row with breaches is a
    /// pattern to improve on; the breaches are counted as the report counts them (the measure's one bucket is the report's row).
    /// </summary>
    static async Task<(ImprovementDraft?, RuleViolation?)> ComplianceRowAsync(StewardDbContext db, ImprovementSourceBody source, Guid? providerId, Instant now, CancellationToken ct)
    {
        if (!ReportEndpoints.TryDimension(source.By, out var by) || string.IsNullOrWhiteSpace(source.By))
            return (null, new("source.by is service, customer or party: the report's dimension.", "source.by"));
        if (by is ComplianceDimension.Priority)
            return (null, new("The measures engine cannot narrow SLA compliance by priority yet; raise the improvement from the service, customer or party row.", "source.by"));
        if (!Guid.TryParse(source.Key?.Trim(), out var key)) return (null, new("source.key is the row's id: the service's, the customer's or the party's.", "source.key"));
        var (period, invalid) = ReportScope.Parse(new ReportQuery { From = source.From, To = source.To, Zone = source.Zone }, now);
        if (period is null)
        {
            var (field, message) = invalid!.ProblemDetails.Errors.Select(e => (e.Key, e.Value.FirstOrDefault() ?? "")).First();
            return (null, new(message, "source." + field));
        }

        Guid? provider;
        ImprovementScope scope;
        switch (by)
        {
            case ComplianceDimension.Service:
                provider = await db.Services.Where(s => s.Id == key).Select(s => (Guid?)s.ProviderId).SingleOrDefaultAsync(ct);
                if (provider is null) return (null, new("No service with this id exists in your tenancy.", "source.key"));
                scope = new ImprovementScope(ServiceId: key);
                break;
            case ComplianceDimension.Customer:
                if (!await db.Organizations.AnyAsync(o => o.Id == key && o.Kind == Core.Parties.OrganizationKind.Customer, ct))
                    return (null, new("No customer with this id exists in your tenancy.", "source.key"));
                provider = providerId ?? db.Actor.OrganizationId;
                scope = new ImprovementScope(CustomerId: key);
                break;
            default:
                if (!await db.Teams.AnyAsync(t => t.Id == key, ct) && !await db.Organizations.AnyAsync(o => o.Id == key, ct))
                    return (null, new("No team or organization with this id exists in your tenancy.", "source.key"));
                provider = providerId ?? db.Actor.OrganizationId;
                scope = new ImprovementScope(PartyId: key);
                break;
        }
        if (provider is not { } p || !db.Actor.Sees(p)) return (null, new("No active provider with this id exists in your tenancy.", "providerId"));

        var compliance = MeasureCatalog.Find("sla-compliance")!;
        var v = await new Measures.MeasureEngine(db).ValueAsync(compliance, [p], ImprovementMeasures.FilterOf(p, scope), period.From, period.To, period.Zone, now, ct);
        var judged = v.Denominator ?? 0;
        var breached = judged - (v.Numerator ?? 0);
        var from = period.DateOf(period.From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = period.DateOf(period.To - Duration.Epsilon).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (breached <= 0)
            return (null, new($"This row of the SLA compliance report has no breach from {from} to {to}: no breach pattern to improve on.", "source"));
        var name = (await Ui.Incidents.PartyNames.OfAsync(db, [key])).GetValueOrDefault(key, "the row");
        return (new ImprovementDraft(
            ProviderId: p,
            Title: Cut($"SLA compliance of {name}"),
            Problem: $"{breached} of {judged} clocks judged breached their target on the records opened from {from} to {to} ({period.Zone.Id}): SLA compliance {v.Value?.ToString("0.#", CultureInfo.InvariantCulture)} %.",
            Scope: scope,
            MeasureKey: compliance.Key,
            BaselineFrom: period.From,
            // The report's last day may not be over yet: its records so far are the baseline.
            BaselineTo: period.To < now ? period.To : now,
            Zone: period.Zone,
            Source: ImprovementSource.ComplianceReport,
            SourceNote: Cut($"SLA compliance by {by.ToString().ToLowerInvariant()}, {from} to {to}", ImprovementLimits.SourceNote)), null);
    }

    internal static string Cut(string text, int length = ImprovementLimits.Title) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
