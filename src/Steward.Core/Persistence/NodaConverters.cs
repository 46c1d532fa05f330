using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Steward.Core.Persistence;

/// <summary>SQLite has no NodaTime plugin: instants are stored as INTEGER ticks since the Unix epoch, so they sort and index.</summary>
public sealed class InstantToTicksConverter() : ValueConverter<Instant, long>(
    i => i.ToUnixTimeTicks(),
    t => Instant.FromUnixTimeTicks(t));

/// <summary>Local dates are stored as ISO text (yyyy-MM-dd), which sorts as the dates do.</summary>
public sealed class LocalDateToIsoConverter() : ValueConverter<LocalDate, string>(
    d => LocalDatePattern.Iso.Format(d),
    s => LocalDatePattern.Iso.Parse(s).Value);

/// <summary>Durations as 100 ns ticks on both databases, so that sums and comparisons in SQL are plain integer arithmetic.</summary>
public sealed class DurationToTicksConverter() : ValueConverter<Duration, long>(
    d => d.BclCompatibleTicks,
    t => Duration.FromTicks(t));
