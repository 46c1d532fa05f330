using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Steward.Server.Sla;

/// <summary>ISO 8601 durations of business time, in and out.</summary>
public static class BusinessTime
{
    /// <summary>The longest duration a due date is asked for: beyond it no SLA target makes sense.</summary>
    public static readonly Duration Longest = Duration.FromDays(36_500);

    /// <summary>
    /// PnW, PnD, PTnH, PTnM, PTn.nS and their combinations. Years and months are refused: they are not
    /// a fixed amount of business time. A day is 24 hours of business time, not a working day.
    /// </summary>
    public static string? TryParse(string? text, out Duration duration)
    {
        duration = Duration.Zero;
        if (string.IsNullOrWhiteSpace(text)) return "A duration is required, in ISO 8601 (e.g. PT8H, PT30M, P2D).";
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success) return $"'{text}' is not an ISO 8601 duration (e.g. PT8H, PT30M, P2D).";
        var period = parsed.Value;
        if (period.Years != 0 || period.Months != 0) return "Years and months are not a fixed length of business time: give days, hours, minutes or seconds.";
        // Summed wide: Period.ToDuration overflows (OverflowException) past about 292 years, which
        // "PT99999999999999H" or "P2147483647W" reach; the total is checked before it becomes a Duration.
        var nanoseconds = TotalNanoseconds(period);
        if (nanoseconds < 0) return "A duration may not be negative.";
        if (nanoseconds > Longest.ToInt64Nanoseconds()) return "A duration may be at most P36500D.";
        duration = Duration.FromNanoseconds((long)nanoseconds);
        return null;
    }

    static Int128 TotalNanoseconds(Period p) =>
        (Int128)p.Weeks * NodaConstants.NanosecondsPerWeek + (Int128)p.Days * NodaConstants.NanosecondsPerDay
        + (Int128)p.Hours * NodaConstants.NanosecondsPerHour + (Int128)p.Minutes * NodaConstants.NanosecondsPerMinute
        + (Int128)p.Seconds * NodaConstants.NanosecondsPerSecond + (Int128)p.Milliseconds * NodaConstants.NanosecondsPerMillisecond
        + (Int128)p.Ticks * NodaConstants.NanosecondsPerTick + p.Nanoseconds;

    /// <summary>Hours, minutes and seconds only ("PT32H15M", "PT0S"): a business day is not 24 hours, so days are not used.</summary>
    public static string Format(Duration duration)
    {
        var text = new StringBuilder("PT");
        var ticks = duration.BclCompatibleTicks;
        long hours = ticks / TimeSpan.TicksPerHour, minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var seconds = ticks % TimeSpan.TicksPerMinute;
        if (hours > 0) text.Append(hours).Append('H');
        if (minutes > 0) text.Append(minutes).Append('M');
        if (seconds > 0 || ticks == 0)
            text.Append((seconds / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture)).Append('S');
        return text.ToString();
    }
}

/// <summary>Durations in the API read and write as ISO 8601 business time ("PT32H15M"), as the SLA endpoints take them.</summary>
public sealed class IsoDurationJsonConverter : System.Text.Json.Serialization.JsonConverter<Duration>
{
    public override Duration Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        if (BusinessTime.TryParse(reader.GetString(), out var duration) is { } problem) throw new System.Text.Json.JsonException(problem);
        return duration;
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, Duration value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(BusinessTime.Format(value));
}
