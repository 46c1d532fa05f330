using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Steward.Server.Api;

/// <summary>Parsing of query-string values the binder does not know (NodaTime types).</summary>
public static class QueryValues
{
    /// <summary>An ISO 8601 instant in UTC ("2026-11-23T12:00:00Z") within <see cref="InputRanges"/>; an absent value is fine.</summary>
    public static bool TryInstant(string? text, out Instant? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parsed = InstantPattern.ExtendedIso.Parse(text);
        if (!parsed.Success || !InputRanges.Contains(parsed.Value)) return false;
        value = parsed.Value;
        return true;
    }

    public static ValidationProblem NotAnInstant(string field) =>
        Problems.Invalid(field, $"{field} must be an ISO 8601 instant in UTC, such as 2026-11-23T12:00:00Z, {InputRanges.InstantRange}.");
}
