using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NodaTime.Text;
using Steward.Core.Common;

namespace Steward.Core.Requests;

/// <summary>
/// Reads a requester's answers against a catalogue item's form: every question typed and limited
/// as the form says, nothing the form does not ask. A person answer is only checked as an id here;
/// whether that person may be named is the caller's to check (<see cref="FormReading.People"/>).
/// </summary>
public static class FormAnswers
{
    public const int MaxText = 4_000;
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The pattern as an answer is matched against it: the whole answer.</summary>
    public static string Anchored(string pattern) => $"^(?:{pattern})$";

    public sealed record FormReading(IReadOnlyList<FormAnswer> Answers, IReadOnlyList<Guid> People);

    public static (FormReading? Reading, RuleViolation? Broken) Read(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, JsonElement>? values)
    {
        values ??= new Dictionary<string, JsonElement>();
        foreach (var key in values.Keys)
            if (!fields.Any(f => f.Key == key)) return (null, new($"The form has no question '{key}'.", $"answers.{key}"));

        var answers = new List<FormAnswer>(fields.Count);
        var people = new List<Guid>();
        foreach (var field in fields)
        {
            var path = $"answers.{field.Key}";
            if (!values.TryGetValue(field.Key, out var value) || value.ValueKind is JsonValueKind.Null || IsBlank(value))
            {
                if (field.Required) return (null, new($"{field.Label} is required.", path));
                continue;
            }
            var (answer, broken) = ReadOne(field, value);
            if (broken is not null) return (null, new(broken, path));
            answers.Add(answer!);
            if (field.Type is FieldType.Person) people.Add(Guid.Parse(answer!.Value));
        }
        return (new FormReading(answers, people), null);
    }

    static bool IsBlank(JsonElement value) => value.ValueKind is JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString());

    static (FormAnswer? Answer, string? Broken) ReadOne(FormField field, JsonElement value)
    {
        FormAnswer Answer(string v, string? display = null) => new(field.Key, field.Label, field.Type, v, display ?? v);
        switch (field.Type)
        {
            case FieldType.Text:
            {
                if (value.ValueKind is not JsonValueKind.String) return (null, $"{field.Label} is text.");
                var text = value.GetString()!.Trim();
                var limit = field.MaxLength ?? MaxText;
                if (text.Length > limit) return (null, $"{field.Label} is at most {limit} characters.");
                if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return (null, $"{field.Label} contains control characters.");
                if (field.Pattern is { } pattern)
                {
                    try
                    {
                        if (!Regex.IsMatch(text, Anchored(pattern), RegexOptions.CultureInvariant, PatternTimeout))
                            return (null, $"{field.Label} is not in the expected form.");
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        return (null, $"{field.Label} could not be checked against its pattern; shorten it.");
                    }
                    catch (ArgumentException)
                    {
                        // An item saved before its pattern was checked anchored: the form's fault, not the requester's.
                        return (null, $"{field.Label} cannot be checked: the item's pattern is broken; tell the provider.");
                    }
                }
                return (Answer(text), null);
            }
            case FieldType.Number:
            {
                decimal number;
                if (value.ValueKind is JsonValueKind.Number && value.TryGetDecimal(out var n)) number = n;
                else if (value.ValueKind is JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var s)) number = s;
                else return (null, $"{field.Label} is a number.");
                if (field.Min is { } min && number < min) return (null, $"{field.Label} is at least {min.ToString(CultureInfo.InvariantCulture)}.");
                if (field.Max is { } max && number > max) return (null, $"{field.Label} is at most {max.ToString(CultureInfo.InvariantCulture)}.");
                return (Answer(number.ToString(CultureInfo.InvariantCulture)), null);
            }
            case FieldType.Date:
            {
                if (value.ValueKind is not JsonValueKind.String || LocalDatePattern.Iso.Parse(value.GetString()!) is not { Success: true } parsed)
                    return (null, $"{field.Label} is a date (yyyy-MM-dd).");
                return (Answer(LocalDatePattern.Iso.Format(parsed.Value)), null);
            }
            case FieldType.Choice:
            {
                var options = field.Options ?? [];
                var chosen = value.ValueKind is JsonValueKind.String
                    ? options.FirstOrDefault(o => string.Equals(o, value.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase))
                    : null;
                return chosen is null ? (null, $"{field.Label} is one of: {string.Join(", ", options)}.") : (Answer(chosen), null);
            }
            case FieldType.Person:
            {
                if (value.ValueKind is not JsonValueKind.String || !Guid.TryParse(value.GetString(), out var id))
                    return (null, $"{field.Label} names a person by id.");
                return (Answer(id.ToString()), null);
            }
            default:
                return (null, $"{field.Label} has a type the form does not know.");
        }
    }
}
