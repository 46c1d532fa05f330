using NodaTime;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Core.Sourcing;
using Steward.Server.Records;

namespace Steward.Server.Improvements;

/// <summary>The measure's scope, as lists (one of each for now); empty lists and nulls: provider-wide.</summary>
public sealed record ImprovementScopeView(IReadOnlyList<Guid> ServiceIds, IReadOnlyList<Guid> CustomerIds, IReadOnlyList<string> ProcessKeys, Guid? PartyId, SourcingKind? Kind)
{
    public static ImprovementScopeView Of(ImprovementScope s) => new(
        s.ServiceId is { } service ? [service] : [], s.CustomerId is { } customer ? [customer] : [], s.ProcessKey is { } process ? [process] : [], s.PartyId, s.Kind);
}

/// <summary>The baseline: its period, and the value computed from the records when the improvement was raised (frozen); null when withheld from the reader.</summary>
public sealed record ImprovementBaselineView(Instant From, Instant To, string Zone, decimal? Value, long N, Instant ComputedAt);

/// <summary>The measure now, over a window as long as the baseline ending now.</summary>
public sealed record ImprovementCurrentView(decimal? Value, long N, Instant From, Instant To)
{
    public static ImprovementCurrentView? Of(MeasuredValue? v) => v is null ? null : new(v.Value, v.N, v.From, v.To);
}

public sealed record ImprovementSourceView(ImprovementSource Type, Guid? Id, string? Note);

/// <summary>
/// An improvement of the register: baseline → current → target. <c>current</c> is measured for an
/// open improvement; a closed one keeps <c>closingValue</c>, measured as it was closed. <c>withheld</c>
/// says why the values (and a follow-up's problem text) are null for this reader: satisfaction needs
/// the right to read satisfaction (<see cref="ImprovementRedaction"/>).
/// </summary>
public sealed record ImprovementView(Guid Id, Guid ProviderId, string Title, string? Problem, string ProblemHtml, Guid OwnerId, string? OwnerName,
    ImprovementScopeView Scope, string MeasureKey, string MeasureName, MeasureUnit Unit, MeasureDirection Direction,
    ImprovementBaselineView Baseline, decimal? Target, LocalDate TargetDate, ImprovementState State, IReadOnlyList<ImprovementState> NextStates, bool Overdue,
    ImprovementCurrentView? Current, decimal? ClosingValue, long? ClosingN,
    Instant? ApprovedAt, Guid? ApprovedById, Instant? StartedAt, Instant? ClosedAt, Guid? ClosedById,
    ImprovementSourceView Source, Instant CreatedAt, Guid? CreatedById, Instant UpdatedAt, long Version, string? Withheld = null)
{
    /// <summary>The view; <paramref name="withheld"/> (from <see cref="ImprovementRedaction.Withheld(Steward.Core.Identity.Actor, Improvement)"/>) nulls its values.</summary>
    public static ImprovementView Of(Improvement i, string? ownerName, bool overdue, MeasuredValue? current, string? withheld = null)
    {
        var measure = MeasureCatalog.Find(i.MeasureKey);
        var hide = withheld is not null;
        var problem = ImprovementRedaction.WithholdsText(i, withheld) ? null : i.Problem;
        return new(i.Id, i.ProviderId, i.Title, problem, MarkdownText.ToHtml(problem), i.OwnerId, ownerName,
            ImprovementScopeView.Of(i.Scope), i.MeasureKey, measure?.Name ?? i.MeasureKey, measure?.Unit ?? MeasureUnit.Count, measure?.Direction ?? MeasureDirection.HigherIsBetter,
            new ImprovementBaselineView(i.BaselineFrom, i.BaselineTo, i.Zone, hide ? null : i.BaselineValue, i.BaselineN, i.BaselineComputedAt),
            hide ? null : i.Target, i.TargetDate, i.State, ImprovementStates.Next(i.State), overdue,
            i.IsFinal || hide ? null : ImprovementCurrentView.Of(current), hide ? null : i.ClosingValue, i.ClosingN,
            i.ApprovedAt, i.ApprovedById, i.StartedAt, i.ClosedAt, i.ClosedById,
            new ImprovementSourceView(i.Source, i.SourceId, ImprovementRedaction.WithholdsText(i, withheld) ? null : i.SourceNote),
            i.CreatedAt, i.CreatedById, i.UpdatedAt, i.Version, withheld);
    }
}

public sealed record ImprovementActionView(Guid Id, Guid ImprovementId, string Title, Guid OwnerId, string? OwnerName, LocalDate DueOn, bool Done,
    Instant? DoneAt, Guid? DoneById, bool Overdue, Instant CreatedAt, long Version)
{
    public static ImprovementActionView Of(ImprovementAction a, string? ownerName, LocalDate today) =>
        new(a.Id, a.ImprovementId, a.Title, a.OwnerId, ownerName, a.DueOn, a.IsDone, a.DoneAt, a.DoneById, a.IsOverdueOn(today), a.CreatedAt, a.Version);
}

/// <summary>A review: the note and the measure's value that day, over [windowFrom, at).</summary>
public sealed record ImprovementReviewView(Guid Id, Guid ImprovementId, Instant At, Guid? AuthorId, string? AuthorName, string Note, string NoteHtml,
    Instant WindowFrom, decimal? Value, long N)
{
    /// <summary>The review; <paramref name="withhold"/> nulls the value (a satisfaction measure the reader may not see).</summary>
    public static ImprovementReviewView Of(ImprovementReview r, string? authorName, bool withhold = false) =>
        new(r.Id, r.ImprovementId, r.At, r.AuthorId, authorName, r.Note, MarkdownText.ToHtml(r.Note), r.WindowFrom, withhold ? null : r.Value, r.N);
}

/// <summary>What one measure's closed improvements gained: Σ (closing − baseline) in the direction that is better, in the measure's unit (null when withheld from the reader).</summary>
public sealed record MeasureGainView(string MeasureKey, string Name, MeasureUnit Unit, MeasureDirection Direction, int Achieved, int NotAchieved, decimal? ValueGained);

/// <summary>
/// The community of excellence's results: how many improvements reached their target (achieved ÷
/// (achieved + not achieved); abandoned ones are counted apart) and the value gained per measure
/// (units do not add up across measures).
/// </summary>
public sealed record ImprovementResultsView(int Total, int Open, int Achieved, int NotAchieved, int Abandoned, double? AchievedRatePercent,
    IReadOnlyList<MeasureGainView> ByMeasure);
