using Microsoft.AspNetCore.Http.Features;

namespace Steward.Server.Api;

/// <summary>
/// Refuses an oversized body with 413 before anything reads it. Kestrel enforces the same limit
/// while streaming; this answers at once when Content-Length already tells.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, Hosting.StewardOptions options)
{
    public Task InvokeAsync(HttpContext http)
    {
        // Uploads (attachments) say so on their endpoint and get their own, larger limit.
        var max = http.GetEndpoint()?.Metadata.GetMetadata<Records.LargeBody>()?.MaxBytes ?? options.MaxRequestBodyBytes;
        if (http.Request.ContentLength > max)
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        return next(http);
    }
}
