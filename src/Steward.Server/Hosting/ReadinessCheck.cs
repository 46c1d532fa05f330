using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Steward.Core;

namespace Steward.Server.Hosting;

/// <summary>Ready when the database answers and every migration of this build is applied.</summary>
public sealed class ReadinessCheck(StewardDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = await DatabaseState.PendingMigrationsAsync(db, ct);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied yet.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database check failed.", e);
        }
    }
}

/// <summary>
/// <c>GET /ready</c>: 200 when the server can serve (start-up work done, database reachable, every
/// migration applied), otherwise 503 with what it is doing. While the server prepares its database
/// the answer comes from <see cref="StartupGate"/> alone: the database check would only fail, and
/// every failed check is an error line in the log, one per poll of a load balancer.
/// </summary>
public static class Readiness
{
    public sealed record ReadinessView(string Status, string Phase, double? Progress, string? Detail);

    public static async Task AnswerAsync(HttpContext http, StartupGate gate, HealthCheckService health)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!gate.IsOpen)
        {
            http.Response.Headers.RetryAfter = "1";
            var progress = gate.Progress;
            var failed = gate.Completion.IsFaulted;
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable,
                new ReadinessView(failed ? "Failed" : "Starting", progress.Phase, progress.Fraction, null));
            return;
        }
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), http.RequestAborted);
        var detail = string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Description}"));
        if (report.Status == HealthStatus.Healthy)
            await WriteAsync(http, StatusCodes.Status200OK, new ReadinessView("Ready", "Ready", 1, detail));
        else
            await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, new ReadinessView("Unhealthy", "Ready", null, detail));
    }

    static Task WriteAsync(HttpContext http, int status, ReadinessView view)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(view, Json, http.RequestAborted);
    }

    static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
