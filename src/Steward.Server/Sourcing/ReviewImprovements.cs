using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Improvements;

namespace Steward.Server.Sourcing;

/// <summary>
/// An open improvement of the register in scope of the relationship: baseline → current → target
/// (null where withheld from the reader: satisfaction needs the right to read it), its state, owner,
/// whether it is overdue, and its page.
/// </summary>
public sealed record ReviewImprovementView(Guid Id, string Title, ImprovementState State, Guid OwnerId, string? OwnerName,
    string MeasureKey, string MeasureName, MeasureUnit Unit, MeasureDirection Direction, Guid? ServiceId, Guid? CustomerId,
    decimal? Baseline, decimal? Current, decimal? Target, LocalDate TargetDate, bool Overdue, string Link, string? Withheld,
    ImprovementSource Source, Guid? SourceId);

/// <summary>
/// The open improvements a relationship review lists under "what to improve": those of the
/// provider not yet achieved, not achieved or abandoned whose scope is provider-wide, names the
/// customer, or names one of the relationship's services without naming another customer. The
/// register is the provider's own: a customer's people get none.
/// </summary>
public static class ReviewImprovements
{
    /// <summary>The most a review lists: the overdue ones come first.</summary>
    public const int Most = 200;

    public static async Task<List<ReviewImprovementView>> OpenAsync(StewardDbContext db, Guid providerId, Guid customerId, IReadOnlyCollection<Guid> serviceIds,
        LocalDate today, Instant now, CancellationToken ct)
    {
        var open = Enum.GetValues<ImprovementState>().Where(s => !ImprovementStates.IsFinal(s)).ToList();
        // Through the register's query filters: the provider's people, administrators and auditors read it.
        var ranked = ImprovementRegister.Ranked(db, new RegisterFilter(ProviderId: providerId, States: open), today)
            .Where(r => r.Improvement.CustomerId == customerId
                || (r.Improvement.CustomerId == null && (r.Improvement.ServiceId == null || serviceIds.Contains(r.Improvement.ServiceId.Value))));
        var rows = await ImprovementRegister.InOrder(ranked).Take(Most).ToListAsync(ct);
        var views = await ImprovementRegister.ViewsAsync(db, rows, now, ct);
        return views.Select(v => new ReviewImprovementView(v.Id, v.Title, v.State, v.OwnerId, v.OwnerName, v.MeasureKey, v.MeasureName, v.Unit, v.Direction,
            v.Scope.ServiceIds.Count > 0 ? v.Scope.ServiceIds[0] : null, v.Scope.CustomerIds.Count > 0 ? v.Scope.CustomerIds[0] : null,
            v.Baseline.Value, v.Current?.Value, v.Target, v.TargetDate, v.Overdue, $"/improvements/{v.Id}", v.Withheld, v.Source.Type, v.Source.Id)).ToList();
    }

    /// <summary>The open improvement raised from an agreement's measure for this service and customer, if one is listed.</summary>
    public static Guid? RaisedFrom(IEnumerable<ReviewImprovementView> open, Guid agreementId, string key, Guid serviceId, Guid customerId) =>
        open.FirstOrDefault(o => o.Source is ImprovementSource.AgreementMeasure && o.SourceId == agreementId && o.MeasureKey == key
            && o.ServiceId == serviceId && o.CustomerId == customerId)?.Id;
}
