using System.Collections.Frozen;
using System.Globalization;

namespace Steward.Core.Common;

/// <summary>The ISO 4217 currency codes in use, taken from the runtime's ICU region data.</summary>
public static class Iso4217
{
    static readonly FrozenSet<string> Codes = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => { try { return new RegionInfo(c.Name).ISOCurrencySymbol; } catch (ArgumentException) { return null; } })
        .Where(code => code is { Length: 3 })
        .Select(code => code!)
        .Append("XAU").Append("XAG") // precious metals are ISO 4217 codes no region uses
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string code) => Codes.Contains(code);
}
