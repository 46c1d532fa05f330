using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Core.Parties;
using Steward.Core.Sourcing;
using Steward.Server.Measures;
using Steward.Server.Reports;

namespace Steward.Server.Improvements;

/// <summary>
/// The third one-click source: a measure an agreement on record sets a target for, computed over the
/// agreement's scope (<see cref="AgreementMeasures.ScopeOf"/>) for a period, that misses the target.
/// The improvement moves that measure in that scope, its baseline is that period and its target the
/// agreement's. Only a miss is something to improve: a measure that meets its target, or cannot be
/// measured, is refused (409) saying so.
/// </summary>
public static class AgreementMeasureSource
{
    public static async Task<(ImprovementDraft?, RuleViolation?)> DraftAsync(StewardDbContext db, ImprovementSourceBody source, Instant now, CancellationToken ct)
    {
        if (source.AgreementId is not { } agreementId) return (null, new("Name the agreement: source.agreementId.", "source.agreementId"));
        // Through the query filters: an agreement of another provider is not there for this actor.
        var agreement = await db.AgreementRecords.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null || !db.Actor.Sees(agreement.ProviderId))
            return (null, new("No agreement with this id exists in your tenancy.", "source.agreementId"));
        var key = source.Key?.Trim();
        if (string.IsNullOrEmpty(key)) return (null, new($"Name the measure: source.key, one of {Keys(agreement)}.", "source.key"));
        if (agreement.MeasureTargets.FirstOrDefault(t => t.Key == key) is not { } target || MeasureCatalog.Find(key) is not { } measure)
            return (null, new($"{agreement.Reference} sets no target for '{Shorten(key)}'; source.key is one of {Keys(agreement)}.", "source.key"));

        var (period, invalid) = ReportScope.Parse(new ReportQuery { From = source.From, To = source.To, Zone = source.Zone }, now);
        if (period is null)
        {
            var (field, message) = invalid!.ProblemDetails.Errors.Select(e => (e.Key, e.Value.FirstOrDefault() ?? "")).First();
            return (null, new(message, "source." + field));
        }
        // As GET /sourcing/agreements/{id}/measures reads it: the 90 days up to the period's end unless from says.
        var from = string.IsNullOrWhiteSpace(source.From) ? period.To - AgreementMeasureEndpoints.DefaultPeriod : period.From;
        // The period's last day may not be over yet: its records so far are the baseline.
        var to = period.To < now ? period.To : now;
        if (from >= to) return (null, new("The period has not begun yet: source.from comes before now.", "source.from"));

        var provider = agreement.ProviderId;
        var (scope, badScope) = await ScopeAsync(db, agreement, source, ct);
        if (scope is null) return (null, badScope);

        var (_, notImprovable) = ImprovementRules.Measure(key);
        var filter = ImprovementMeasures.FilterOf(provider, scope);
        var narrow = MeasureCatalog.CheckScopes(measure, filter.Scopes);
        var reach = notImprovable is null && narrow is null ? await MeasureAccess.ReachAsync(db, measure, filter, ct) : null;
        var why = notImprovable?.Detail ?? narrow?.Detail ?? (reach is { Refused: true } ? reach.Detail : null);
        if (why is not null) return (null, new($"'{key}' of {agreement.Reference} cannot be measured, so no miss can be shown: {why}"));

        var zone = period.Zone;
        var measured = await ImprovementMeasures.ValueAsync(db, measure, provider, scope, from, to, zone, now, ct);
        var days = $"{Day(from, zone)} to {Day(to - Duration.Epsilon, zone)}";
        var unit = ImprovementRules.Unit(measure);
        if (measured.Value is not { } value)
            return (null, new($"'{key}' of {agreement.Reference} cannot be measured from {days}: no records, clocks or answers in its scope, so no miss can be shown."));
        var figures = $"{ImprovementRules.Number(value)} {unit} against a target of {ImprovementRules.Number(target.Target)} {unit}";
        if (measure.Meets(value, target.Target))
            return (null, new($"'{key}' of {agreement.Reference} meets its target from {days} ({figures}): nothing to improve."));

        var raised = await db.Improvements.AsNoTracking()
            .Where(i => i.Source == ImprovementSource.AgreementMeasure && i.SourceId == agreement.Id && i.MeasureKey == key
                && i.ServiceId == scope.ServiceId && i.CustomerId == scope.CustomerId
                && i.State != ImprovementState.Achieved && i.State != ImprovementState.NotAchieved && i.State != ImprovementState.Abandoned)
            .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
        if (raised is { } open)
            return (null, new($"An open improvement ({open}) was already raised from '{key}' of {agreement.Reference} in this scope; work on that one."));

        var names = await Ui.Incidents.PartyNames.OfAsync(db, [scope.ServiceId, scope.CustomerId, scope.PartyId]);
        var where = string.Join(", ", new[] { scope.ServiceId, scope.CustomerId, scope.PartyId }.OfType<Guid>().Select(id => names.GetValueOrDefault(id, "?")));
        var problem = $"{agreement.Reference} ({PartyResults.KindOf(agreement.Type)}) sets {measure.Name} at {ImprovementRules.Number(target.Target)} {unit} " +
            $"({(measure.Direction is MeasureDirection.HigherIsBetter ? "higher" : "lower")} is better). " +
            $"From {days} ({zone.Id}){(where.Length > 0 ? $", for {where}," : "")} it measured {ImprovementRules.Number(value)} {unit} over {measured.N} " +
            $"{(measured.N == 1 ? "row" : "rows")} of the records: it misses the target.";
        return (new ImprovementDraft(
            ProviderId: provider,
            Title: ImprovementSources.Cut($"{measure.Name} off {agreement.Reference}'s target: {figures}"),
            Problem: ImprovementSources.Cut(problem, ImprovementLimits.Problem),
            Scope: scope,
            MeasureKey: measure.Key,
            BaselineFrom: from,
            BaselineTo: to,
            Zone: zone,
            Source: ImprovementSource.AgreementMeasure,
            Target: target.Target,
            SourceId: agreement.Id,
            SourceNote: ImprovementSources.Cut($"{agreement.Reference}: {measure.Key} {figures}, {days}", ImprovementLimits.SourceNote)), null);
    }

    /// <summary>
    /// The agreement's scope, narrowed to the service and customer the source names where the agreement
    /// names none (an agreement for a process across services, an OLA for every customer): the review
    /// reads each agreement per service of one relationship, and the improvement moves what it showed.
    /// </summary>
    static async Task<(ImprovementScope?, RuleViolation?)> ScopeAsync(StewardDbContext db, AgreementRecord agreement, ImprovementSourceBody source, CancellationToken ct)
    {
        var scope = AgreementMeasures.ScopeOf(agreement);
        var provider = agreement.ProviderId;
        var service = scope.ServiceId;
        if (source.ServiceId is { } askedService && askedService != service)
        {
            if (service is not null) return (null, new($"{agreement.Reference} covers one service; source.serviceId is that one or left out.", "source.serviceId"));
            if (!await db.Services.AnyAsync(s => s.Id == askedService && s.ProviderId == provider, ct))
                return (null, new("No service of the agreement's provider has this id.", "source.serviceId"));
            service = askedService;
        }
        var customer = scope.CustomerId;
        if (source.CustomerId is { } askedCustomer && askedCustomer != customer)
        {
            if (customer is not null) return (null, new($"{agreement.Reference} is measured over one customer's records; source.customerId is that one or left out.", "source.customerId"));
            if (!await db.PartnerRelationships.AnyAsync(r => r.ProviderId == provider && r.PartnerId == askedCustomer
                    && db.Organizations.Any(o => o.Id == askedCustomer && o.Kind == OrganizationKind.Customer), ct))
                return (null, new("No customer of the agreement's provider has this id.", "source.customerId"));
            customer = askedCustomer;
        }
        return (new ImprovementScope(service, customer, scope.ProcessKey, scope.PartyId), null);
    }

    static string Keys(AgreementRecord agreement) =>
        agreement.MeasureTargets.Count == 0 ? "none: the agreement sets no measure targets" : string.Join(", ", agreement.MeasureTargets.Select(t => t.Key));

    static string Day(Instant instant, DateTimeZone zone) => instant.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
