using System.Text;
using System.Text.Json;

namespace Steward.Server.Api;

/// <summary>
/// U+0000 in text from outside. PostgreSQL's text cannot hold it (22021, which was a 500), and no
/// name, note, key or search of Steward needs it, so <see cref="NulGuard"/> refuses it wherever text
/// enters, with a 400 naming the field.
/// </summary>
public static class NulText
{
    public const string Refusal = "Text must not contain the NUL character (U+0000).";

    public static bool Contains(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);

    /// <summary>
    /// The field of the first JSON string or property name holding a NUL, named as the JSON problem
    /// names fields ("title", "targets[2].within", "answers.colour"; "$" for the body itself); null
    /// when there is none. A body that is no JSON is left to the deserializer, whose problem says so.
    /// </summary>
    public static string? FieldInJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        // One frame per open object (the property being read) or array (the item's index).
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add((reader.TokenType is JsonTokenType.StartArray, 0, null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        NextItem(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        // Raw JSON text cannot carry a NUL, only the escape \u0000: unescaped text is clean.
                        var name = reader.GetString()!;
                        frames[^1] = frames[^1] with { Name = name };
                        if (reader.ValueIsEscaped && Contains(name)) return PathOf(frames);
                        break;
                    case JsonTokenType.String:
                        if (reader.ValueIsEscaped && Contains(reader.GetString())) return PathOf(frames);
                        NextItem(frames);
                        break;
                    default:
                        NextItem(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A lone surrogate escape ("\ud800") cannot be read as a string; the deserializer refuses it too.
            return null;
        }
        return null;
    }

    static void NextItem(List<(bool IsArray, int Index, string? Name)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray) frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
    }

    static string PathOf(List<(bool IsArray, int Index, string? Name)> frames)
    {
        var path = new StringBuilder();
        foreach (var (isArray, index, name) in frames)
        {
            if (isArray) path.Append('[').Append(index).Append(']');
            else if (name is not null) path.Append(path.Length == 0 ? "" : ".").Append(name.Replace('\0', '\uFFFD'));
        }
        return path.Length == 0 ? "$" : path.ToString();
    }
}
