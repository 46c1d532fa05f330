using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Steward.Core.Persistence;

/// <summary>
/// A list of small value objects stored as one JSON text column on both databases: they are read
/// and written with their owner and never queried on their own, so a table of their own buys nothing.
/// </summary>
public static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// For columns added since issue 5: enums by name and NodaTime values in ISO form, so that the
    /// stored JSON reads as the API writes it. (The older columns keep <see cref="Options"/>, which
    /// their stored rows were written with.)
    /// </summary>
    public static readonly JsonSerializerOptions Readable = CreateReadable();

    static JsonSerializerOptions CreateReadable()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        NodaTime.Serialization.SystemTextJson.Extensions.ConfigureForNodaTime(options, NodaTime.DateTimeZoneProviders.Tzdb);
        return options;
    }

    // The options are read from static fields inside the lambdas, not captured: a compiled model
    // (docs/operations.md) writes converters out as C#, which cannot hold a captured object.

    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            new ValueConverter<List<T>, string>(
                v => JsonSerializer.Serialize(v, Options),
                s => JsonSerializer.Deserialize<List<T>>(s, Options) ?? new List<T>()),
            ListComparer<T>());

    public static PropertyBuilder<List<T>> HasReadableJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            new ValueConverter<List<T>, string>(
                v => JsonSerializer.Serialize(v, Readable),
                s => JsonSerializer.Deserialize<List<T>>(s, Readable) ?? new List<T>()),
            ListComparer<T>());

    static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
