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
