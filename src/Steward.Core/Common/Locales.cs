using System.Globalization;
using NodaTime;

namespace Steward.Core.Common;

public static class Locales
{
    public static bool IsIanaTimeZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    /// <summary>A locale the runtime knows by exactly this name (en-GB, nl-NL, fr).</summary>
    public static bool IsKnownLocale(string name)
    {
        // BCP 47 separates subtags with hyphens; ICU would also take "en_GB".
        if (string.IsNullOrWhiteSpace(name) || name.Length > 35 || name.Contains('_', StringComparison.Ordinal)) return false;
        try
        {
            var culture = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return string.Equals(culture.Name, name, StringComparison.OrdinalIgnoreCase);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
