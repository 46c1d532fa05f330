using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Steward.Server.Api;

/// <summary>
/// The dates and instants the API takes from outside, checked where they enter (the JSON
/// converters below, <see cref="QueryValues"/>, the report query), so that nothing computed from
/// them can leave NodaTime's ISO calendar, which ends on 9999-12-31 and throws an
/// <see cref="OverflowException"/> beyond it.
/// <para>
/// From 1900-01-01 up to, not including, 9000-01-01. The thousand years short of the calendar's end
/// are the margin for everything the server derives from an input: a report's period (at most 400
/// days) and its days and weeks, a zone's offset (at most 18 hours), a duration added to an
/// instant (at most <see cref="Sla.BusinessTime.Longest"/>, 100 years). Nobody files an incident
/// before 1900 or after 8999; the SLA calendars answer a narrower range still
/// (<see cref="Core.Sla.BusinessCalendar"/>, 1900–2299) and check it themselves.
/// </para>
/// </summary>
public static class InputRanges
{
    public static readonly LocalDate FirstDate = new(1900, 1, 1);
    public static readonly LocalDate LastDate = new(8999, 12, 31);
    public static readonly Instant Earliest = Instant.FromUtc(1900, 1, 1, 0, 0);
    /// <summary>The first instant refused.</summary>
    public static readonly Instant End = Instant.FromUtc(9000, 1, 1, 0, 0);

    public const string DateRange = "from 1900-01-01 to 8999-12-31";
    public const string InstantRange = "from 1900-01-01T00:00:00Z to before 9000-01-01T00:00:00Z";

    public static bool Contains(LocalDate date) => date >= FirstDate && date <= LastDate;

    public static bool Contains(Instant instant) => instant >= Earliest && instant < End;

    /// <summary>Registered before NodaTime's own in <see cref="Hosting.ServerSetup.ConfigureJson"/>, so they read every body.</summary>
    public static readonly JsonConverter<Instant> InstantJson =
        new RangeCheckedJsonConverter<Instant>(NodaConverters.InstantConverter, Contains, $"An instant must lie {InstantRange}.");

    public static readonly JsonConverter<LocalDate> DateJson =
        new RangeCheckedJsonConverter<LocalDate>(NodaConverters.LocalDateConverter, Contains, $"A date must lie {DateRange}.");
}

/// <summary>
/// Reads a value with NodaTime's own converter (so the wire format stays NodaTime's), then refuses
/// one outside <see cref="InputRanges"/>: a 400 naming the field, through the JSON problem.
/// </summary>
public sealed class RangeCheckedJsonConverter<T>(JsonConverter<T> noda, Func<T, bool> inRange, string refusal) : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = noda.Read(ref reader, typeToConvert, options);
        return inRange(value) ? value : throw new JsonException(refusal);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => noda.Write(writer, value, options);
}
