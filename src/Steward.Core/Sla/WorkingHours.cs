using System.Globalization;
using NodaTime;

namespace Steward.Core.Sla;

/// <summary>
/// One weekly working interval of a business calendar, in wall-clock minutes of the day it starts.
/// <see cref="EndMinute"/> may be 1440 (24:00). An interval whose end is not after its start runs
/// overnight into the next day and still belongs to the day it starts (so 22:00–06:00 on Monday ends
/// on Tuesday morning, and 08:00–08:00 is 24 hours).
/// </summary>
public sealed record WorkingHours(IsoDayOfWeek Day, int StartMinute, int EndMinute)
{
    public const int MinutesPerDay = 24 * 60;

    public bool Overnight => EndMinute <= StartMinute;

    public int LengthMinutes => Overnight ? MinutesPerDay - StartMinute + EndMinute : EndMinute - StartMinute;

    /// <summary>Where the interval starts in a week counted in minutes from Monday 00:00.</summary>
    public int WeekStartMinute => ((int)Day - 1) * MinutesPerDay + StartMinute;

    /// <summary>"HH:mm" from 00:00 to 24:00 as minutes of the day; null when malformed.</summary>
    public static int? ParseTime(string? text)
    {
        if (text is not { Length: 5 } || text[2] != ':') return null;
        if (!int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)) return null;
        if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return null;
        return hours * 60 + minutes;
    }

    public static string FormatTime(int minute) => $"{minute / 60:00}:{minute % 60:00}";
}
