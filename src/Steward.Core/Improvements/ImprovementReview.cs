using NodaTime;
using Steward.Core.Common;

namespace Steward.Core.Improvements;

/// <summary>
/// A dated note on an improvement's progress, with the measure's value that day: over a window as
/// long as the baseline ending at the review (the backlog as it stood then), so that reviews compare
/// with the baseline like with like. Never changed once written.
/// </summary>
public sealed class ImprovementReview : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ImprovementId { get; init; }
    public Guid ProviderId { get; init; }
    public Instant At { get; init; }
    public Guid? AuthorId { get; init; }
    public required string Note { get; init; }
    /// <summary>The start of the window the value was measured over; its end is <see cref="At"/>.</summary>
    public Instant WindowFrom { get; init; }
    /// <summary>Null when nothing in the window could be measured (no answers, no clocks judged).</summary>
    public decimal? Value { get; init; }
    public long N { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
