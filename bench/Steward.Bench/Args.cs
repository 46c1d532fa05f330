using System.Globalization;

namespace Steward.Bench;

/// <summary>"--name value" pairs after the command word; flags without a value read as "true".</summary>
public sealed class Args
{
    readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public Args(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{list[i]}'.");
            var name = list[i][2..];
            if (i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal)) values[name] = list[++i];
            else values[name] = "true";
        }
    }

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;
    public string Get(string name, string fallback) => Get(name) ?? fallback;
    public int Count(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public double Number(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
    public bool Flag(string name) => Get(name) is "true" or "1" or "yes";
}
