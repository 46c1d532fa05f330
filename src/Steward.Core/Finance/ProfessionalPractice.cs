using NodaTime;
using Steward.Core.Common;
using Steward.Core.Parties;

namespace Steward.Core.Finance;

/// <summary>
/// A professional consulting practice: a business venture of the provider with an executive
/// champion who controls its investment, a strategic objective, a chosen market (named customers),
/// the services it sells and the communities of practice it draws on, judged by its profit and loss
/// against its yearly budget. (Not an ITIL practice, which is a <c>PracticeDefinition</c>, nor a
/// community of practice.)
/// </summary>
public sealed class ProfessionalPractice : IEntity, IVersioned, ITenantScoped, IArchivable
{
    public Guid Id { get; init; } = Ids.New();
    public Guid ProviderId { get; init; }
    public required string Name
    {
        get => name;
        set
        {
            name = value;
            NameKey = Organization.KeyOf(value);
        }
    }
    string name = "";

    /// <summary>The name as uniqueness sees it: unique per provider.</summary>
    public string NameKey { get; private set; } = "";
    /// <summary>The executive champion: a person of the provider.</summary>
    public Guid ChampionId { get; set; }
    public string? Objective { get; set; }
    /// <summary>The target market: customers of the provider, by name.</summary>
    public List<Guid> TargetCustomerIds { get; set; } = [];
    /// <summary>The provider's communities of practice the practice draws on.</summary>
    public List<Guid> CommunityIds { get; set; } = [];
    public decimal? YearlyBudget { get; set; }
    /// <summary>ISO 4217 code of the budget; set exactly when there is a budget.</summary>
    public string? BudgetCurrency { get; set; }
    public Instant CreatedAt { get; init; }
    public Instant? ArchivedAt { get; set; }
    public long Version { get; set; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}

/// <summary>
/// A service belonging to a practice. A service belongs to one practice at most, which the database
/// holds to (a unique service id), so two concurrent saves cannot both claim it.
/// </summary>
public sealed class PracticeService : IEntity, ITenantScoped
{
    public Guid Id { get; init; } = Ids.New();
    public Guid PracticeId { get; init; }
    public Guid ProviderId { get; init; }
    public Guid ServiceId { get; init; }

    Guid ITenantScoped.OrganizationId => ProviderId;
}
