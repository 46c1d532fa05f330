using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steward.Server.Tests.Upgrades;

/// <summary>
/// A field whose value depends on the instant it is read, not on what is stored: left out of the
/// comparison at these paths (array indices written <c>[*]</c>) of the answers of matching addresses,
/// when the release's answer says so (<see cref="When"/>, given the object holding the field).
/// </summary>
public sealed record VolatileField(string Why, Regex Url, IReadOnlyList<string> Paths, Func<JsonElement, bool>? When = null);

/// <summary>
/// Compares a release's answer with the current server's: every field the release answered must be
/// there with the same value (a later release may add fields); arrays keep their length and order.
/// Each difference names its JSON path.
/// </summary>
public static partial class AnswerComparison
{
    /// <summary>The only fields allowed to differ, and why. Keep it short: anything else that differs is a broken upgrade.</summary>
    public static readonly IReadOnlyList<VolatileField> Volatile =
    [
        new("A clock that is running or paused counts on with the wall clock: the time it has counted, the time left and whether it has breached change by the second. Stopped clocks must read the same.",
            RecordClocks(), ["$[*].elapsed", "$[*].elapsedSeconds", "$[*].paused", "$[*].pausedSeconds", "$[*].remainingSeconds", "$[*].state", "$[*].breached", "$[*].breachedAt"],
            clock => clock.TryGetProperty("stoppedAt", out var stopped) && stopped.ValueKind == JsonValueKind.Null),
        new("The backlog is taken at the instant of the request, and the open records' ages are counted to it.",
            Backlog(), ["$.at", "$.byAge"]),
    ];

    [GeneratedRegex(@"^/api/v1/(incidents|requests)/[0-9a-f-]{36}/sla$")]
    private static partial Regex RecordClocks();

    [GeneratedRegex(@"^/api/v1/reports/backlog\?")]
    private static partial Regex Backlog();

    /// <summary>Where <paramref name="actual"/> differs from what the release answered at <paramref name="url"/>; empty when it reads the same.</summary>
    public static List<string> Differences(string url, JsonElement recorded, JsonElement actual)
    {
        var rules = Volatile.Where(v => v.Url.IsMatch(url)).ToList();
        var differences = new List<string>();
        Compare(recorded, actual, "$", "$", rules, differences);
        return differences;
    }

    static void Compare(JsonElement recorded, JsonElement actual, string path, string shape, List<VolatileField> rules, List<string> differences)
    {
        // true and false are kinds of their own: a flipped flag is caught here.
        if (recorded.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: the release answered {Show(recorded)}, now {Show(actual)}");
            return;
        }
        switch (recorded.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in recorded.EnumerateObject())
                {
                    var childShape = $"{shape}.{property.Name}";
                    if (rules.Any(r => r.Paths.Contains(childShape) && (r.When is null || r.When(recorded)))) continue;
                    var childPath = $"{path}.{property.Name}";
                    if (!actual.TryGetProperty(property.Name, out var now))
                        differences.Add($"{childPath}: missing (the release answered {Show(property.Value)})");
                    else
                        Compare(property.Value, now, childPath, childShape, rules, differences);
                }
                break;
            case JsonValueKind.Array:
                var (was, @is) = (recorded.GetArrayLength(), actual.GetArrayLength());
                if (was != @is)
                {
                    differences.Add($"{path}: the release answered {was} items, now {@is}");
                    return;
                }
                for (var i = 0; i < was; i++)
                    Compare(recorded[i], actual[i], $"{path}[{i}]", $"{shape}[*]", rules, differences);
                break;
            case JsonValueKind.Number:
                if (!SameNumber(recorded, actual)) differences.Add($"{path}: the release answered {Show(recorded)}, now {Show(actual)}");
                break;
            case JsonValueKind.String:
                if (recorded.GetString() != actual.GetString()) differences.Add($"{path}: the release answered {Show(recorded)}, now {Show(actual)}");
                break;
        }
    }

    /// <summary>The same number however it is written (a decimal read back from another column type may lose a trailing zero).</summary>
    static bool SameNumber(JsonElement a, JsonElement b) =>
        a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble().Equals(b.GetDouble());

    static string Show(JsonElement e)
    {
        var text = e.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? e.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture) : e.GetRawText();
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
