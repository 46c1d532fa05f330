using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Reports;
using Steward.Server.Ui.Incidents;

namespace Steward.Server.Improvements;

/// <summary>The register's results and its spreadsheet.</summary>
public static class ImprovementResults
{
    /// <summary>The results of the improvements the actor sees (of one provider, or of one service, when asked); a satisfaction measure's gain is withheld from those who may not read satisfaction.</summary>
    public static async Task<ImprovementResultsView> RunAsync(StewardDbContext db, Guid? providerId, Guid? serviceId, CancellationToken ct)
    {
        var query = db.Improvements.AsNoTracking();
        if (providerId is { } provider) query = query.Where(i => i.ProviderId == provider);
        if (serviceId is { } service) query = query.Where(i => i.ServiceId == service);
        var rows = await query.Select(i => new { i.State, i.MeasureKey, i.BaselineValue, i.ClosingValue }).ToListAsync(ct);
        int Count(ImprovementState state) => rows.Count(r => r.State == state);
        var (achieved, notAchieved) = (Count(ImprovementState.Achieved), Count(ImprovementState.NotAchieved));
        var byMeasure = rows
            .Where(r => r.State is ImprovementState.Achieved or ImprovementState.NotAchieved && r.ClosingValue is not null)
            .GroupBy(r => r.MeasureKey)
            .Select(g =>
            {
                var m = MeasureCatalog.Find(g.Key);
                var direction = m?.Direction ?? MeasureDirection.HigherIsBetter;
                return new MeasureGainView(g.Key, m?.Name ?? g.Key, m?.Unit ?? MeasureUnit.Count, direction,
                    g.Count(r => r.State is ImprovementState.Achieved), g.Count(r => r.State is ImprovementState.NotAchieved),
                    ImprovementRedaction.Withheld(db.Actor, g.Key) is null ? g.Sum(r => ImprovementMath.Gain(direction, r.BaselineValue, r.ClosingValue!.Value)) : null);
            })
            .OrderBy(g => g.MeasureKey, StringComparer.Ordinal)
            .ToList();
        return new ImprovementResultsView(rows.Count, rows.Count(r => !ImprovementStates.IsFinal(r.State)), achieved, notAchieved, Count(ImprovementState.Abandoned),
            ImprovementMath.AchievedRate(achieved, notAchieved), byMeasure);
    }

    /// <summary>The register as one table: a row per improvement, in the register's order, with the scope named.</summary>
    public static async Task<ReportTable> TableAsync(StewardDbContext db, IReadOnlyList<ImprovementView> views)
    {
        var names = await PartyNames.OfAsync(db, views.SelectMany(v => v.Scope.ServiceIds.Concat(v.Scope.CustomerIds).Select(g => (Guid?)g).Append(v.Scope.PartyId)));
        string Named(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id.ToString())));
        static string Date(NodaTime.LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ReportTable("Improvements",
            ["Id", "Title", "State", "Overdue", "Measure", "Unit", "Better when", "Service", "Customer", "Process", "Party", "Kind of sourcing",
             "Baseline from", "Baseline to", "Baseline", "Baseline n", "Current", "Current n", "Target", "Target date", "Closing value", "Owner", "Source", "Created"],
            [.. views.Select(v => new object?[]
            {
                v.Id.ToString(), v.Title, v.State.ToString(), v.Overdue ? "yes" : "no", v.MeasureKey, v.Unit.ToString().ToLowerInvariant(),
                v.Direction is MeasureDirection.HigherIsBetter ? "higher" : "lower",
                Named(v.Scope.ServiceIds), Named(v.Scope.CustomerIds), string.Join(", ", v.Scope.ProcessKeys), v.Scope.PartyId is { } p ? names.GetValueOrDefault(p, p.ToString()) : "",
                v.Scope.Kind?.ToString() ?? "",
                v.Baseline.From.ToString(), v.Baseline.To.ToString(), v.Baseline.Value, v.Baseline.N, v.Current?.Value, v.Current?.N,
                v.Target, Date(v.TargetDate), v.ClosingValue, v.OwnerName ?? v.OwnerId.ToString(), v.Source.Type.ToString(), v.CreatedAt.ToString(),
            })]);
    }
}
