using Microsoft.AspNetCore.Authorization;
using Steward.Core.Identity;

namespace Steward.Server.Api;

/// <summary>
/// The authorization policies of the API, each a set of roles. Endpoints name a policy; the
/// role × tenant test reads the same table, so the rules are written once.
/// </summary>
public static class Access
{
    public const string ApiScheme = "Bearer";

    /// <summary>Anyone signed in, whatever the role; tenancy still filters what they see.</summary>
    public const string Read = "read";
    /// <summary>Create and change parties: organizations, people, teams, skills, cost rates.</summary>
    public const string ManageParties = "manage-parties";
    /// <summary>Read the audit journal.</summary>
    public const string ReadJournal = "read-journal";
    /// <summary>See cost rates: money is not every role's business.</summary>
    public const string ReadCosts = "read-costs";
    /// <summary>Shape the provider's portfolio: services, offerings, subscriptions.</summary>
    public const string ManagePortfolio = "manage-portfolio";
    /// <summary>Decide who performs and answers for processes, and record the agreements.</summary>
    public const string ManageSourcing = "manage-sourcing";
    /// <summary>Tailor the provider's process library.</summary>
    public const string ManageProcesses = "manage-processes";
    /// <summary>Set up service levels: business calendars (and, later, SLA policies).</summary>
    public const string ManageSla = "manage-sla";
    /// <summary>Raise and work incidents and requests: everyone but read-only auditors; what each may change is the workflow's business.</summary>
    public const string WorkRecords = "work-records";
    /// <summary>Manage one's own tokens and profile: everyone but read-only auditors.</summary>
    public const string Self = "self";
    /// <summary>Set up a provider's communities of practice: create and delete them (their moderators change them too).</summary>
    public const string ManageCommunities = "manage-communities";
    /// <summary>Write, review, publish and retire knowledge, and moderate: as far as one's membership of the community allows.</summary>
    public const string WriteKnowledge = "write-knowledge";
    /// <summary>Tell whether an article helped, or that it solved one's problem: anyone who reads it, but read-only auditors.</summary>
    public const string RateKnowledge = "rate-knowledge";
    /// <summary>Set up customer-satisfaction surveys.</summary>
    public const string ManageSurveys = "manage-surveys";
    /// <summary>Read customer satisfaction (the report, the follow-ups): the provider's people, not the customers' requesters.</summary>
    public const string ReadSatisfaction = "read-satisfaction";
    /// <summary>Raise, move and review improvements of the provider's register (its community of excellence).</summary>
    public const string ManageImprovements = "manage-improvements";
    /// <summary>Keep the provider's books: reporting currency, exchange rates, costs, supplier charges and professional practices (read with <see cref="ReadCosts"/>).</summary>
    public const string ManageFinance = "manage-finance";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf = new Dictionary<string, IReadOnlyList<string>>
    {
        [Read] = Roles.All,
        [ManageParties] = [Roles.Administrator, Roles.ProviderManager],
        [ReadJournal] = [Roles.Administrator, Roles.Auditor, Roles.ProviderManager, Roles.ServiceOwner, Roles.ProcessOwner, Roles.Agent],
        [ReadCosts] = [Roles.Administrator, Roles.Auditor, Roles.ProviderManager, Roles.ServiceOwner],
        [ManagePortfolio] = [Roles.Administrator, Roles.ProviderManager, Roles.ServiceOwner],
        [ManageSourcing] = [Roles.Administrator, Roles.ProviderManager, Roles.ServiceOwner, Roles.ProcessOwner],
        [ManageProcesses] = [Roles.Administrator, Roles.ProviderManager, Roles.ProcessOwner],
        [ManageSla] = [Roles.Administrator, Roles.ProviderManager, Roles.ServiceOwner],
        [WorkRecords] = [Roles.Administrator, Roles.ProviderManager, Roles.Agent, Roles.ServiceOwner, Roles.ProcessOwner, Roles.Requester],
        [Self] = [Roles.Administrator, Roles.ProviderManager, Roles.Agent, Roles.ServiceOwner, Roles.ProcessOwner, Roles.Requester],
        [ManageCommunities] = [Roles.Administrator, Roles.ProviderManager, Roles.ProcessOwner],
        [WriteKnowledge] = [Roles.Administrator, Roles.ProviderManager, Roles.Agent, Roles.ServiceOwner, Roles.ProcessOwner],
        [RateKnowledge] = [Roles.Administrator, Roles.ProviderManager, Roles.Agent, Roles.ServiceOwner, Roles.ProcessOwner, Roles.Requester],
        [ManageSurveys] = [Roles.Administrator, Roles.ProviderManager, Roles.ServiceOwner],
        [ReadSatisfaction] = [Roles.Administrator, Roles.Auditor, Roles.ProviderManager, Roles.ServiceOwner, Roles.ProcessOwner, Roles.Agent],
        [ManageImprovements] = [Roles.Administrator, Roles.ProviderManager, Roles.ServiceOwner, Roles.ProcessOwner],
        [ManageFinance] = [Roles.Administrator, Roles.ProviderManager],
    };

    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
            options.AddPolicy(name, p => p.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser().RequireRole(roles));
    }

    /// <summary>Names the policy of an endpoint; GET endpoints of a group default to <see cref="Read"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy);
}

/// <summary>
/// Marks an endpoint whose {id} names a record of <see cref="Resource"/>; the tenancy test asks
/// for another tenant's record of that kind and expects 404.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TenantResourceAttribute(string resource) : Attribute
{
    public string Resource { get; } = resource;
}

public static class TenantResourceExtensions
{
    public static TBuilder ForResource<TBuilder>(this TBuilder builder, string resource) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TenantResourceAttribute(resource));
}
