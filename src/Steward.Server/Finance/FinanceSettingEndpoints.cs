using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Server.Api;

namespace Steward.Server.Finance;

public sealed record FinanceSettingBody([property: Required, CurrencyCode] string ReportingCurrency);

/// <param name="ReportingCurrency">Null until set: the P&amp;L is refused (409) until then rather than guessing a currency.</param>
public sealed record FinanceSettingView(Guid ProviderId, string? ReportingCurrency, long Version);

/// <summary>
/// /api/v1/finance/settings/{providerId}: the currency a provider reports in. GET answers version 0
/// while none is set; PUT takes If-Match with that version (or *). Changing the currency leaves the
/// rates into the former one recorded and unused.
/// </summary>
public static class FinanceSettingEndpoints
{
    public const string Path = "/api/v1/finance/settings";

    public static RouteGroupBuilder MapFinanceSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).WithTags("Finance");
        group.MapGet("/{providerId:guid}", Get).RequireAccess(Access.ReadCosts);
        group.MapPut("/{providerId:guid}", Put).RequireAccess(Access.ManageFinance);
        return group;
    }

    static async Task<Results<Ok<FinanceSettingView>, ProblemHttpResult>> Get(Guid providerId, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FinanceChecks.ProviderAsync(db, providerId, ct) is not null) return Problems.NotFound("provider");
        var setting = await db.FinanceSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProviderId == providerId, ct);
        http.Response.Headers.ETag = ETags.Of(setting?.Version ?? 0);
        return TypedResults.Ok(new FinanceSettingView(providerId, setting?.ReportingCurrency, setting?.Version ?? 0));
    }

    static async Task<Results<Ok<FinanceSettingView>, ProblemHttpResult>> Put(
        Guid providerId, FinanceSettingBody body, IfMatch ifMatch, StewardDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await FinanceChecks.ProviderAsync(db, providerId, ct) is not null) return Problems.NotFound("provider");
        var setting = await db.FinanceSettings.SingleOrDefaultAsync(s => s.ProviderId == providerId, ct);
        if (!ifMatch.Matches(setting?.Version ?? 0)) return Problems.PreconditionFailed(setting?.Version ?? 0);
        if (setting is null) db.FinanceSettings.Add(setting = new FinanceSetting { ProviderId = providerId, ReportingCurrency = body.ReportingCurrency, Version = 1 });
        else
        {
            db.TryExpect(setting, ifMatch);
            setting.ReportingCurrency = body.ReportingCurrency;
        }
        await db.SaveChangesAsync(ct);
        http.SetETag(setting);
        return TypedResults.Ok(new FinanceSettingView(providerId, setting.ReportingCurrency, setting.Version));
    }
}
