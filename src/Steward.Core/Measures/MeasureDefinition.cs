namespace Steward.Core.Measures;

/// <summary>What a measure's value counts in.</summary>
public enum MeasureUnit { Percent, Hours, Days, Count, Score, Currency }

/// <summary>Which way a measure improves: targets, "off target" and improvements read it.</summary>
public enum MeasureDirection { HigherIsBetter, LowerIsBetter }

/// <summary>The scopes a series may be narrowed to, each a query parameter of the measures API.</summary>
[Flags]
public enum MeasureScopes
{
    None = 0,
    Service = 1,
    Customer = 2,
    Process = 4,
    Party = 8,
    Kind = 16,
}

/// <summary>Who may read a measure: a customer's people their own relationship's, or the provider's people only.</summary>
public enum MeasureAudience { Relationship, Provider }

/// <summary>
/// A named measure of the catalogue: computed from Steward's own records, never typed in.
/// <see cref="Cohort"/> says which instant puts a row in a period, so that a figure can be worked
/// out by hand from the rows behind it.
/// </summary>
public sealed record MeasureDefinition(
    string Key,
    string Name,
    string Definition,
    string Cohort,
    MeasureUnit Unit,
    MeasureDirection Direction,
    MeasureScopes Scopes,
    MeasureAudience Audience)
{
    /// <summary>Whether <paramref name="value"/> meets <paramref name="target"/> in this measure's direction.</summary>
    public bool Meets(decimal value, decimal target) =>
        Direction is MeasureDirection.HigherIsBetter ? value >= target : value <= target;

    /// <summary>
    /// Whether a target moves the measure the right way from <paramref name="baseline"/>: above it for a
    /// measure where higher is better, below it otherwise. A target equal to the baseline improves nothing.
    /// </summary>
    public bool Improves(decimal baseline, decimal target) =>
        Direction is MeasureDirection.HigherIsBetter ? target > baseline : target < baseline;
}
