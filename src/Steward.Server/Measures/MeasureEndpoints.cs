using Microsoft.AspNetCore.Http.HttpResults;
using Steward.Core.Measures;
using Steward.Server.Api;

namespace Steward.Server.Measures;

/// <summary>One measure of the catalogue as the API shows it: the scopes are the query parameters that narrow its series.</summary>
public sealed record MeasureView(string Key, string Name, string Definition, string Cohort, MeasureUnit Unit, MeasureDirection Direction,
    IReadOnlyList<string> Scopes, MeasureAudience Audience)
{
    public static MeasureView Of(MeasureDefinition m) => new(m.Key, m.Name, m.Definition, m.Cohort, m.Unit, m.Direction,
        Enum.GetValues<MeasureScopes>().Where(s => s is not MeasureScopes.None && m.Scopes.HasFlag(s)).Select(MeasureCatalog.FieldOf).ToList(), m.Audience);
}

public static class MeasureEndpoints
{
    public static RouteGroupBuilder MapMeasures(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/measures").WithTags("Measures");
        group.MapGet("/", List).RequireAccess(Access.Read);
        return group;
    }

    /// <summary>The catalogue of measures Steward computes from its records, in the catalogue's order.</summary>
    static Ok<IReadOnlyList<MeasureView>> List() => TypedResults.Ok<IReadOnlyList<MeasureView>>(MeasureCatalog.All.Select(MeasureView.Of).ToList());
}
