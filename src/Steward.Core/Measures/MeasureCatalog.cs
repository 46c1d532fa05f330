using Steward.Core.Common;

namespace Steward.Core.Measures;

/// <summary>
/// The measures Steward computes (<c>GET /api/v1/measures</c>): the same definitions feed the
/// measures API, the agreements' measures, the reports and the improvement register. Keys are a
/// contract: clients, agreements and improvements store them.
/// </summary>
public static class MeasureCatalog
{
    const MeasureScopes RecordScopes = MeasureScopes.Service | MeasureScopes.Customer | MeasureScopes.Process | MeasureScopes.Party | MeasureScopes.Kind;
    // A record is attributed to the party that resolved it; one still open, or measured from its
    // opening (its first response), has no such party yet.
    const MeasureScopes UnattributedScopes = RecordScopes & ~MeasureScopes.Party;

    public static readonly IReadOnlyList<MeasureDefinition> All =
    [
        new("sla-compliance", "SLA compliance",
            "Clocks met ÷ clocks judged (met or breached), over the first-response and resolution clocks of the records; with a party, that party's own clocks against its agreement. Clocks still running within their target are not judged.",
            "The record's opening instant.", MeasureUnit.Percent, MeasureDirection.HigherIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("response-time-median", "Median time to respond",
            "The median business time of the first-response clocks that stopped.",
            "The record's opening instant.", MeasureUnit.Hours, MeasureDirection.LowerIsBetter, UnattributedScopes, MeasureAudience.Relationship),
        new("resolution-time-median", "Median time to resolve",
            "The median business time of the resolution clocks of the records resolved; a reopened record counts its clock's whole time.",
            "The record's latest resolution.", MeasureUnit.Hours, MeasureDirection.LowerIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("first-contact-resolution", "First-contact resolution",
            "Records resolved without being handed to another team or party and never reopened ÷ records resolved.",
            "The record's latest resolution.", MeasureUnit.Percent, MeasureDirection.HigherIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("reopen-rate", "Reopen rate",
            "Records resolved that had been reopened ÷ records resolved.",
            "The record's latest resolution.", MeasureUnit.Percent, MeasureDirection.LowerIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("backlog", "Backlog",
            "Records opened and not yet resolved or closed.",
            "The end of each period (now for the current one).", MeasureUnit.Count, MeasureDirection.LowerIsBetter, UnattributedScopes, MeasureAudience.Relationship),
        new("backlog-age-median", "Median age of the backlog",
            "The median time since opening of the records in the backlog.",
            "The end of each period (now for the current one).", MeasureUnit.Days, MeasureDirection.LowerIsBetter, UnattributedScopes, MeasureAudience.Relationship),
        new("csat-mean", "Customer satisfaction",
            "The mean rating (1–5) of the survey answers.",
            "The invitation's instant: an answer counts with its invitation.", MeasureUnit.Score, MeasureDirection.HigherIsBetter, RecordScopes, MeasureAudience.Provider),
        new("csat-response-rate", "Survey response rate",
            "Survey answers ÷ invitations.",
            "The invitation's instant: an answer counts with its invitation.", MeasureUnit.Percent, MeasureDirection.HigherIsBetter, RecordScopes, MeasureAudience.Provider),
        new("article-reuse-rate", "Article reuse",
            "Records resolved with an article linked as used to resolve them ÷ records resolved.",
            "The record's latest resolution.", MeasureUnit.Percent, MeasureDirection.HigherIsBetter, RecordScopes, MeasureAudience.Provider),
        new("review-turnaround-median", "Median review turnaround",
            "The median time from an article version's first submission to its publication.",
            "The version's publication.", MeasureUnit.Hours, MeasureDirection.LowerIsBetter, MeasureScopes.Service | MeasureScopes.Process, MeasureAudience.Provider),
        new("time-to-engage-median", "Median time to engage",
            "Under a skills agreement, the median business time from a party's clock starting to the party's first act on the record.",
            "The party clock's start.", MeasureUnit.Hours, MeasureDirection.LowerIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("effort-hours", "Effort",
            "The hours logged on the records' work logs.",
            "The day the work was done.", MeasureUnit.Hours, MeasureDirection.LowerIsBetter, RecordScopes, MeasureAudience.Relationship),
        new("cost-per-record", "Cost per record",
            "Labour, supplier and other costs booked to the scope, in the provider's reporting currency as the P&L has them, ÷ records resolved. Amounts without an exchange rate are named, never counted 1:1. By calendar month.",
            "The day a cost falls on (charges spread by day into months); the record's latest resolution.", MeasureUnit.Currency, MeasureDirection.LowerIsBetter,
            MeasureScopes.Service | MeasureScopes.Customer | MeasureScopes.Kind, MeasureAudience.Provider),
        new("margin", "Margin",
            "Revenue less labour, supplier and other costs booked to the scope, in the provider's reporting currency (the P&L's margin). Amounts without an exchange rate are named, never counted 1:1. By calendar month.",
            "The day the revenue or cost falls on (charges spread by day into months).", MeasureUnit.Currency, MeasureDirection.HigherIsBetter,
            MeasureScopes.Service | MeasureScopes.Customer | MeasureScopes.Kind, MeasureAudience.Provider),
    ];

    static readonly Dictionary<string, MeasureDefinition> ByKey = All.ToDictionary(m => m.Key, StringComparer.Ordinal);

    /// <summary>The measure of <paramref name="key"/>, or null: keys are compared exactly, as stored.</summary>
    public static MeasureDefinition? Find(string? key) => key is not null && ByKey.TryGetValue(key, out var measure) ? measure : null;

    /// <summary>The query parameter of each scope, which a refusal names.</summary>
    public static string FieldOf(MeasureScopes scope) => scope switch
    {
        MeasureScopes.Service => "serviceId",
        MeasureScopes.Customer => "customerId",
        MeasureScopes.Process => "processKey",
        MeasureScopes.Party => "partyId",
        MeasureScopes.Kind => "kind",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "One scope at a time."),
    };

    /// <summary>
    /// The first scope asked for that <paramref name="measure"/> cannot be narrowed to, named by its
    /// query parameter (review turnaround knows no customer, margin no process); null when all fit.
    /// </summary>
    public static RuleViolation? CheckScopes(MeasureDefinition measure, MeasureScopes asked)
    {
        foreach (var scope in Enum.GetValues<MeasureScopes>())
            if (scope is not MeasureScopes.None && asked.HasFlag(scope) && !measure.Scopes.HasFlag(scope))
                return new RuleViolation($"The measure '{measure.Key}' cannot be narrowed by {FieldOf(scope)}; it can be by {Allowed(measure)}.", FieldOf(scope));
        return null;
    }

    /// <summary>Whether <paramref name="target"/> is a value the measure can take: 0–100 for a percentage, 1–5 for a score, never below zero for a time or a count; money may be any amount.</summary>
    public static RuleViolation? CheckTarget(MeasureDefinition measure, decimal target) => measure.Unit switch
    {
        MeasureUnit.Percent when target is < 0 or > 100 => new($"{measure.Name} is a percentage: a target from 0 to 100.", "target"),
        MeasureUnit.Score when target is < 1 or > 5 => new($"{measure.Name} is a score from 1 to 5.", "target"),
        MeasureUnit.Hours or MeasureUnit.Days or MeasureUnit.Count when target < 0 => new($"{measure.Name} is never below zero.", "target"),
        _ => null,
    };

    static string Allowed(MeasureDefinition measure)
    {
        var fields = Enum.GetValues<MeasureScopes>().Where(s => s is not MeasureScopes.None && measure.Scopes.HasFlag(s)).Select(FieldOf).ToList();
        return fields.Count == 0 ? "nothing" : string.Join(", ", fields);
    }
}
