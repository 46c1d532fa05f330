using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>
/// What a finance record may refer to, shared by the API and the pages. Everything it names must be
/// the provider's own: its services, practices and communities, its people, the customers it serves.
/// Query filters already hide other tenants; these checks also refuse what the caller sees but the
/// provider does not own (a customer organization given as the provider, another provider's service).
/// </summary>
public static class FinanceChecks
{
    /// <summary>A provider organization the actor sees: a customer's people never pass, as they see only their own organization.</summary>
    public static async Task<RuleViolation?> ProviderAsync(StewardDbContext db, Guid providerId, CancellationToken ct) =>
        db.Actor.Sees(providerId) && await db.Organizations.AnyAsync(o => o.Id == providerId && o.Kind == OrganizationKind.Provider, ct)
            ? null
            : new("No provider with this id exists in your tenancy.", "providerId");

    public static async Task<RuleViolation?> ServiceAsync(StewardDbContext db, Guid providerId, Guid? serviceId, string field, CancellationToken ct) =>
        serviceId is not { } id || await db.Services.AnyAsync(s => s.Id == id && s.ProviderId == providerId, ct)
            ? null
            : new("No service of the provider has this id.", field);

    /// <summary>A customer organization the provider serves (related as its partner).</summary>
    public static async Task<RuleViolation?> CustomerAsync(StewardDbContext db, Guid providerId, Guid? customerId, string field, CancellationToken ct) =>
        customerId is not { } id || await db.PartnerRelationships.AnyAsync(r => r.ProviderId == providerId && r.PartnerId == id
            && db.Organizations.Any(o => o.Id == id && o.Kind == OrganizationKind.Customer), ct)
            ? null
            : new("No customer the provider serves has this id.", field);

    public static async Task<RuleViolation?> PracticeAsync(StewardDbContext db, Guid providerId, Guid? practiceId, string field, CancellationToken ct) =>
        practiceId is not { } id || await db.ProfessionalPractices.AnyAsync(p => p.Id == id && p.ProviderId == providerId, ct)
            ? null
            : new("No practice of the provider has this id.", field);

    /// <summary>An optional ISO date of a list's query ("2026-03-01"), within the dates the API takes.</summary>
    public static bool TryDate(string? text, out LocalDate? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success || !InputRanges.Contains(parsed.Value)) return false;
        value = parsed.Value;
        return true;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem NotADate(string field) =>
        Problems.Invalid(field, $"{field} must be an ISO date such as 2026-03-01, {InputRanges.DateRange}.");

    /// <summary>A currency code of a list's query: upper-case ISO 4217.</summary>
    public static bool IsCurrency(string? text) => text is null || Iso4217.IsKnown(text);
}
