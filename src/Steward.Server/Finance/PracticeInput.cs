using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Finance;
using Steward.Core.Parties;
using Steward.Server.Api;

namespace Steward.Server.Finance;

/// <summary>POST and PUT /api/v1/practices. The lists replace what the practice had; a yearly budget comes with its currency.</summary>
public sealed record PracticeBody(
    [property: Required] Guid ProviderId,
    [property: Required, StringLength(PartyLimits.Name, MinimumLength = 1), SingleLine] string Name,
    [property: Required] Guid ChampionId,
    [property: StringLength(FinanceLimits.Objective), PlainText] string? Objective = null,
    [property: MaxLength(FinanceLimits.MaxTargetCustomers)] Guid[]? TargetCustomerIds = null,
    [property: MaxLength(FinanceLimits.MaxServices)] Guid[]? ServiceIds = null,
    [property: MaxLength(FinanceLimits.MaxCommunities)] Guid[]? CommunityIds = null,
    [property: Range(0, FinanceLimits.MaxAmount)] decimal? YearlyBudget = null,
    [property: CurrencyCode] string? BudgetCurrency = null);

public sealed record PracticeView(Guid Id, Guid ProviderId, string Name, Guid ChampionId, string? Objective,
    IReadOnlyList<Guid> TargetCustomerIds, IReadOnlyList<Guid> ServiceIds, IReadOnlyList<Guid> CommunityIds,
    decimal? YearlyBudget, string? BudgetCurrency, Instant CreatedAt, Instant? ArchivedAt, long Version)
{
    public static PracticeView Of(ProfessionalPractice p, IReadOnlyList<Guid> serviceIds) => new(p.Id, p.ProviderId, p.Name, p.ChampionId, p.Objective,
        p.TargetCustomerIds, serviceIds, p.CommunityIds, p.YearlyBudget, p.BudgetCurrency, p.CreatedAt, p.ArchivedAt, p.Version);
}

/// <summary>The rules of a professional practice, shared by the API and the practice editor. Every refusal of bad input names its field.</summary>
public static class PracticeInput
{
    /// <summary>Applies the body and marks the practice's services to add and remove; the caller saves.</summary>
    public static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, ProfessionalPractice practice, PracticeBody body, CancellationToken ct = default)
    {
        var provider = practice.ProviderId;
        if (body.ProviderId != provider) return new("A practice stays with its provider.", "providerId");
        var name = body.Name.Trim();
        var key = Organization.KeyOf(name);
        if (await db.ProfessionalPractices.AnyAsync(p => p.ProviderId == provider && p.NameKey == key && p.Id != practice.Id, ct))
            return new($"The provider already has a practice named '{name}'.", "name");
        if (!await db.People.AnyAsync(p => p.Id == body.ChampionId && p.OrganizationId == provider && p.ArchivedAt == null, ct))
            return new("The champion is an active person of the provider.", "championId");
        if ((body.YearlyBudget is null) != (body.BudgetCurrency is null))
            return body.YearlyBudget is null
                ? new("A budget currency goes with a yearly budget; give both or neither.", "yearlyBudget")
                : new("Give the currency of the yearly budget.", "budgetCurrency");

        var customers = Distinct(body.TargetCustomerIds);
        for (var i = 0; i < customers.Count; i++)
            if (await FinanceChecks.CustomerAsync(db, provider, customers[i], $"targetCustomerIds[{i}]", ct) is { } notServed) return notServed;
        var communities = Distinct(body.CommunityIds);
        for (var i = 0; i < communities.Count; i++)
        {
            var community = communities[i];
            if (!await db.Communities.AnyAsync(c => c.Id == community && c.ProviderId == provider, ct))
                return new("No community of practice of the provider has this id.", $"communityIds[{i}]");
        }
        var services = Distinct(body.ServiceIds);
        for (var i = 0; i < services.Count; i++)
            if (await FinanceChecks.ServiceAsync(db, provider, services[i], $"serviceIds[{i}]", ct) is { } notOwned) return notOwned;
        // A service belongs to one practice; the database holds to it under concurrency too (a unique service id).
        var taken = await db.PracticeServices.Where(s => services.Contains(s.ServiceId) && s.PracticeId != practice.Id)
            .Select(s => new { s.ServiceId, Practice = db.ProfessionalPractices.Where(p => p.Id == s.PracticeId).Select(p => p.Name).First() })
            .FirstOrDefaultAsync(ct);
        if (taken is not null)
            return new($"A service belongs to one practice, and service {taken.ServiceId} is in '{taken.Practice}'; take it out of that practice first.");

        practice.Name = name;
        practice.ChampionId = body.ChampionId;
        practice.Objective = string.IsNullOrWhiteSpace(body.Objective) ? null : body.Objective.Trim();
        practice.TargetCustomerIds = customers;
        practice.CommunityIds = communities;
        practice.YearlyBudget = body.YearlyBudget;
        practice.BudgetCurrency = body.BudgetCurrency;

        var held = await db.PracticeServices.Where(s => s.PracticeId == practice.Id).ToListAsync(ct);
        db.PracticeServices.RemoveRange(held.Where(s => !services.Contains(s.ServiceId)));
        db.PracticeServices.AddRange(services.Where(s => held.All(h => h.ServiceId != s))
            .Select(s => new PracticeService { PracticeId = practice.Id, ProviderId = provider, ServiceId = s }));
        return null;
    }

    public static async Task<IReadOnlyList<Guid>> ServicesOfAsync(StewardDbContext db, Guid practiceId, CancellationToken ct = default) =>
        await db.PracticeServices.AsNoTracking().Where(s => s.PracticeId == practiceId).Select(s => s.ServiceId).OrderBy(s => s).ToListAsync(ct);

    static List<Guid> Distinct(Guid[]? ids) => ids?.Distinct().ToList() ?? [];
}
