using Steward.Core.Identity;
using Steward.Core.Improvements;
using Steward.Server.Api;

namespace Steward.Server.Improvements;

/// <summary>
/// What the register withholds from a reader. Satisfaction is read by the provider's managers,
/// owners, agents, administrators and auditors (<see cref="Access.ReadSatisfaction"/>); the register is
/// read by every person of the provider, so an improvement of a satisfaction measure shows such a
/// reader its title, state, owner and dates but not the values (baseline, current, target, closing,
/// reviews, chart, value gained), nor the problem and source note a low rating's follow-up wrote,
/// which quote the rating and the customer's words. The view names what it withheld, so the page says so.
/// </summary>
public static class ImprovementRedaction
{
    public const string SatisfactionWithheld =
        "Satisfaction values are not shown to you: satisfaction is read by the provider's managers, owners and agents.";

    /// <summary>The measures computed from the satisfaction answers, as the measures API guards them.</summary>
    public static bool IsSatisfaction(string measureKey) => measureKey.StartsWith("csat-", StringComparison.Ordinal);

    public static bool SeesSatisfaction(Actor actor) => Access.RolesOf[Access.ReadSatisfaction].Any(actor.IsInRole);

    /// <summary>Why this reader does not see the improvement's values, or null when they do.</summary>
    public static string? Withheld(Actor actor, string measureKey) =>
        IsSatisfaction(measureKey) && !SeesSatisfaction(actor) ? SatisfactionWithheld : null;

    public static string? Withheld(Actor actor, Improvement improvement) => Withheld(actor, improvement.MeasureKey);

    /// <summary>Whether the improvement's problem and source note are withheld too: a follow-up wrote them from a rating.</summary>
    public static bool WithholdsText(Improvement improvement, string? withheld) =>
        withheld is not null && improvement.Source is ImprovementSource.SatisfactionFollowUp;
}
