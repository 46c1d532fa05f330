using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Portfolio;

namespace Steward.Server.Sourcing;

/// <summary>The rules of the agreement register, shared by the API and the agreements page. Every broken rule names its field.</summary>
public static class AgreementRules
{
    /// <summary>Checks <paramref name="body"/> against the register's rules and, when it keeps them, copies it onto <paramref name="agreement"/>.</summary>
    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, AgreementRecord agreement, RecordAgreement body, CancellationToken ct = default)
    {
        if (await db.IsTeamAsync(body.AccountableId, ct))
            return new("A team cannot be accountable; name its organization.", "accountableId");
        if (!await db.Organizations.AnyAsync(o => o.Id == body.AccountableId, ct))
            return new("No organization with this id exists in your tenancy.", "accountableId");
        var counterparty = await db.PerformerAsync(body.CounterpartyId, ct);
        if (counterparty is null) return new("No active organization or team with this id exists in your tenancy.", "counterpartyId");
        if (body.Type is AgreementType.OperationalLevelAgreement && (counterparty.TeamId is null || counterparty.OrganizationId != body.AccountableId))
            return new("An operational level agreement is between an organization and one of its own teams.", "counterpartyId");
        if (body.Type is not AgreementType.OperationalLevelAgreement && counterparty.TeamId is not null)
            return new("Only an operational level agreement has a team as its counterparty; name the organization.", "counterpartyId");
        if (body.ServiceId is { } serviceId && !await db.Services.AnyAsync(s => s.Id == serviceId && s.ProviderId == agreement.ProviderId, ct))
            return new("No service of this provider has this id.", "serviceId");
        if (body.ProcessKey is { } key && (await db.CatalogOfAsync(agreement.ProviderId, ct)).Find(key) is null)
            return new("Not a process of the provider's library (GET /api/v1/processes).", "processKey");
        for (var i = 0; i < (body.Measures?.Length ?? 0); i++)
            if (string.IsNullOrWhiteSpace(body.Measures![i]) || body.Measures[i].Length > PortfolioLimits.Outcome || body.Measures[i].Any(char.IsControl))
                return new($"Each measure is one line of 1 to {PortfolioLimits.Outcome} characters.", $"measures[{i}]");
        var targets = new List<AgreementTarget>();
        for (var i = 0; i < (body.Targets?.Length ?? 0); i++)
        {
            var target = body.Targets![i];
            if (Sla.BusinessTime.TryParse(target.Within, out var within) is { } bad) return new(bad, $"targets[{i}].within");
            if (within <= NodaTime.Duration.Zero) return new("A target is a positive duration.", $"targets[{i}].within");
            if (targets.Any(t => t.Priority == target.Priority)) return new($"Priority {target.Priority} has one target.", $"targets[{i}].priority");
            targets.Add(new AgreementTarget(target.Priority, within));
        }
        var measureTargets = new List<AgreementMeasureTarget>();
        for (var i = 0; i < (body.MeasureTargets?.Length ?? 0); i++)
        {
            var target = body.MeasureTargets![i];
            if (Core.Measures.MeasureCatalog.Find(target.Key?.Trim()) is not { } measure)
                return new("Not a measure of the catalogue (GET /api/v1/measures).", $"measureTargets[{i}].key");
            if (Core.Measures.MeasureCatalog.CheckTarget(measure, target.Target) is { } outOfBounds) return outOfBounds with { Field = $"measureTargets[{i}].target" };
            if (measureTargets.Any(t => t.Key == measure.Key)) return new($"The agreement sets one value for {measure.Key}.", $"measureTargets[{i}].key");
            measureTargets.Add(new AgreementMeasureTarget(measure.Key, target.Target));
        }
        if (body.SignedOn is { } signed && body.LastReviewedOn is { } reviewed && reviewed < signed)
            return new("The last review cannot be before the signature.", "lastReviewedOn");

        agreement.Type = body.Type;
        agreement.AccountableId = body.AccountableId;
        agreement.CounterpartyId = body.CounterpartyId;
        agreement.ServiceId = body.ServiceId;
        agreement.ProcessKey = body.ProcessKey;
        agreement.Reference = body.Reference.Trim();
        agreement.Measures = body.Measures?.Select(m => m.Trim()).ToList() ?? [];
        agreement.SignedOn = body.SignedOn;
        agreement.LastReviewedOn = body.LastReviewedOn;
        agreement.Note = body.Note;
        agreement.Targets = targets.OrderBy(t => t.Priority).ToList();
        // Left out of a replacement (a client written before measure targets existed), the values on record are kept.
        if (body.MeasureTargets is not null) agreement.MeasureTargets = measureTargets;
        return null;
    }
}
