using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Reports;

/// <summary>One priority of a party's results: the agreement's target for it and how the party's clocks did.</summary>
public sealed record PartyPriorityRow(int Priority, Duration? Target, ComplianceCounts Counts, TimeStats TimeInSteps);

/// <summary>
/// One performing party (a team or an organization) under one agreement: its clocks on the records
/// opened in the period, judged against that agreement's own targets, and the business time it
/// held the records in its steps (of the clocks it has finished: the time is final).
/// </summary>
public sealed record PartyRow(Guid PartyId, string Name, Guid? OrganizationId, string? OrganizationName, AgreementType? Agreement,
    string AgreementKind, Guid? AgreementId, string? AgreementReference, ComplianceCounts Counts, TimeStats TimeInSteps, TimeStats Paused,
    IReadOnlyList<PartyPriorityRow> ByPriority);

public sealed record PartyReport(ReportPeriod Period, IReadOnlyList<PartyRow> Parties);

/// <summary>Each party's results against its own agreement: the per-party measurement the sourcing model calls for.</summary>
public static class PartyResults
{
    public static async Task<PartyReport> RunAsync(StewardDbContext db, ReportScope scope, Instant now, CancellationToken ct)
    {
        var facts = ReportRecords.Clocks(db, scope, now).Where(f => f.Metric == ClockMetric.Party && f.PartyId != null);
        var tallies = await SlaCompliance.TallyAsync(facts, f => new { f.PartyId, f.PartyOrganizationId, f.AgreementType, f.AgreementId, f.Priority }, ct);
        var times = await (
                from c in db.SlaClocks.AsNoTracking()
                join r in ReportRecords.OpenedIn(db, scope) on c.RecordId equals r.Id
                where c.Metric == ClockMetric.Party && c.Stage == ClockStage.Stopped && c.PartyId != null
                select new { c.PartyId, c.AgreementType, c.AgreementId, r.Priority, c.Business, c.Paused })
            .ToListAsync(ct);

        var agreementIds = tallies.Select(t => t.Key.AgreementId).OfType<Guid>().Distinct().ToList();
        // The agreements the reader may see (a customer's people see those their organization answers for); the others are named by kind only.
        var agreements = await db.AgreementRecords.AsNoTracking().Where(a => agreementIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Reference, a.Targets }).ToDictionaryAsync(a => a.Id, ct);
        var names = await PartyNames.OfAsync(db, tallies.SelectMany(t => new[] { t.Key.PartyId, t.Key.PartyOrganizationId }));

        var rows = tallies
            .GroupBy(t => (Party: t.Key.PartyId!.Value, Organization: t.Key.PartyOrganizationId, t.Key.AgreementType, t.Key.AgreementId))
            .Select(g =>
            {
                var agreement = g.Key.AgreementId is { } id ? agreements.GetValueOrDefault(id) : null;
                var spells = times.Where(t => t.PartyId == g.Key.Party && t.AgreementType == g.Key.AgreementType && t.AgreementId == g.Key.AgreementId).ToList();
                var byPriority = g.OrderBy(t => t.Key.Priority).Select(t => new PartyPriorityRow(t.Key.Priority,
                        agreement?.Targets.FirstOrDefault(x => x.Priority == t.Key.Priority)?.Within,
                        t.ToRow("", "").Party,
                        TimeStats.Of(spells.Where(s => s.Priority == t.Key.Priority).Select(s => s.Business))))
                    .ToList();
                return new PartyRow(g.Key.Party, names.GetValueOrDefault(g.Key.Party, "Unknown party"), g.Key.Organization,
                    g.Key.Organization is { } o ? names.GetValueOrDefault(o) : null, g.Key.AgreementType, KindOf(g.Key.AgreementType), g.Key.AgreementId,
                    agreement?.Reference, byPriority.Aggregate(ComplianceCounts.None, (a, b) => a.Add(b.Counts)),
                    TimeStats.Of(spells.Select(s => s.Business)), TimeStats.Of(spells.Select(s => s.Paused)), byPriority);
            })
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.AgreementKind, StringComparer.Ordinal)
            .ToList();
        return new PartyReport(scope.ToPeriod(), rows);
    }

    public static string KindOf(AgreementType? type) => type switch
    {
        null => "No agreement",
        AgreementType.OperationalLevelAgreement => "Operational level agreement",
        AgreementType.UnderpinningContract => "Underpinning contract",
        AgreementType.SkillsAgreement => "Skills agreement",
        AgreementType.ProcessLevelAgreement => "Process-level agreement",
        _ => "Service level agreement",
    };
}
