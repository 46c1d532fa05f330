using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Steward.Core.Common;
using Steward.Core.Identity;

namespace Steward.Server.Api;

/// <summary>An update arrived without If-Match: the client must say which version it read.</summary>
public sealed class PreconditionRequiredException() : Exception("This change needs an If-Match header carrying the ETag of the version you read (GET the resource first), or If-Match: * to overwrite whatever is there.");

/// <summary>Builders for the problem documents every endpoint answers errors with (RFC 9457).</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {what} with this id exists, or it is outside your tenancy.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult Conflict(RuleViolation violation) => Conflict(violation.Detail);

    public static ProblemHttpResult PreconditionFailed(long current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed",
            detail: $"If-Match names no current ETag of this resource (it is now {ETags.Of(current)}): it changed since you read it, or the tag is not one this server gave. GET it again, reapply your change and send the new ETag.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    /// <summary>A field's path as clients write it: each step in camelCase ("Targets[0].Priority" → "targets[0].priority").</summary>
    public static string FieldName(string path) => string.Join('.', path.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    /// <summary>A 400 naming one field, in the same shape as the validation filter's.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The database refused a duplicate of a unique value (either provider).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.Ordinal),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

/// <summary>
/// Turns the exceptions that bad input can still cause into problem details with the right 4xx.
/// Anything else is a bug and becomes a 500 problem without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var problem = Describe(exception);
        if (problem.Status >= 500)
            log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    static ProblemDetails Describe(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            Problem(413, "Payload too large", "The request body is larger than this server accepts."),
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
        JsonException json => JsonProblem(json),
        PreconditionRequiredException p => Problem(428, "Precondition required", p.Message),
        RefusedInputException refused => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [refused.Field] = [refused.Message] })
        {
            Status = 400,
            Detail = $"{Problems.FieldName(refused.Field)}: {refused.Message}",
        },
        DbUpdateConcurrencyException => Problem(412, "Precondition failed", "The resource changed while your update was applied. GET it again and retry with the new ETag."),
        DbUpdateException db when Problems.IsUniqueViolation(db) => Problem(409, "Conflict", "A record with the same unique value already exists."),
        DbUpdateException db when IsForeignKeyViolation(db) => Problem(409, "Conflict", "The change refers to a record that does not exist or is still referred to by others."),
        ReadOnlyActorException r => Problem(403, "Forbidden", r.Message),
        TenancyViolationException t => Problem(403, "Forbidden", t.Message),
        _ => Problem(500, "Internal error", "The server failed to handle the request; the error is logged."),
    };

    static ProblemDetails JsonProblem(JsonException json)
    {
        var field = FieldOf(json.Path);
        var message = json.Message.Split(" Path:", 2)[0];
        // The serializer names .NET types ("could not be converted to Steward.Server...."): say it in the client's terms.
        if (message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal))
            message = field == "$" ? "The body is not a JSON object of the expected shape." : $"{field} has the wrong type or a value that is not allowed.";
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = 400,
            Title = "The request body is not valid JSON for this resource",
            Detail = $"{field}: {message}",
        };
        return problem;
    }

    /// <summary>"$.organizationId" → "organizationId"; "$.items[2].name" → "items[2].name"; the body itself → "$".</summary>
    static string FieldOf(string? path) => path switch
    {
        null or "" or "$" => "$",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path,
    };

    static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("FOREIGN KEY", StringComparison.Ordinal),
        PostgresException p => p.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };
}
