using System.Net.Http.Json;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sourcing;

/// <summary>The sourcing steps a provider manager takes through the API, and the reads that show what they add up to.</summary>
public static class SourcingSteps
{
    /// <summary>
    /// Assigns a process (or, with <paramref name="activityKey"/>, one step of it) of a service to a
    /// performer: for every customer, or for <paramref name="customerId"/> only.
    /// </summary>
    public static async Task<AssignmentView> AssignAsync(this ProviderBuilder provider, Guid serviceId, string processKey, Guid performerId,
        Guid? customerId = null, string? activityKey = null, Guid? accountableId = null) =>
        await ProviderBuilder.CreatedAsync<AssignmentView>(await provider.Manager.PostJsonAsync("/api/v1/sourcing/assignments",
            new { serviceId, customerId, processKey, activityKey, performerId, accountableId }));

    public static async Task<SourcingProfileView> ProfileAsync(this ProviderBuilder provider, Guid customerId, HttpClient? client = null) =>
        (await (client ?? provider.Manager).GetFromJsonAsync<SourcingProfileView>(
            $"/api/v1/sourcing/profile?providerId={provider.Id}&customerId={customerId}", StewardApp.Json))!;

    /// <summary>How the one service of <paramref name="serviceId"/> is sourced for the customer.</summary>
    public static async Task<ServiceSourcingView> SourcingOfAsync(this ProviderBuilder provider, Guid serviceId, Guid customerId) =>
        (await provider.ProfileAsync(customerId)).Services.Single(s => s.ServiceId == serviceId);

    /// <summary>The organization or team an agreement is made with (the second party).</summary>
    public static Guid CounterpartyId(this RequiredAgreementView agreement) => agreement.Parties[1].PartyId;

    public static Guid AccountableId(this RequiredAgreementView agreement) => agreement.Parties[0].PartyId;
}
