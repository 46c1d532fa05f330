using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NodaTime;

namespace Steward.Server.Api;

/// <summary>Describes NodaTime values in the OpenAPI document as the strings they are on the wire.</summary>
public sealed class NodaTimeSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        (string Format, string Example)? wire = type == typeof(Instant) ? ("date-time", "2026-11-23T12:00:00Z")
            : type == typeof(LocalDate) ? ("date", "2026-11-23")
            : type == typeof(Duration) ? ("duration", "PT4H")
            : null;
        if (wire is { } w)
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = w.Format;
            schema.Properties?.Clear();
        }
        return Task.CompletedTask;
    }
}
