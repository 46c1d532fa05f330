using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Knowledge;

/// <summary>
/// A provider's community of practice for incident management, set up through the API as a new
/// user would: a moderator, two reviewers (one of the provider, one of a contractor it engages),
/// a member who writes, and around it the people who must not see too much: an agent of the
/// provider who is no member, a contractor's engineer who is no member, two customers' requesters
/// and another provider's agent. Customer A subscribes to the e-mail service.
/// </summary>
public sealed class KnowledgeWorld
{
    public const string Communities = "/api/v1/communities";
    public const string Articles = "/api/v1/knowledge/articles";
    static readonly string[] Interpreted = ["itil-v3", "iso-20000-1"];
    static readonly string[] IncidentManagement = ["incident-management"];

    public required StewardApp App { get; init; }
    public required ProviderBuilder Provider { get; init; }
    public required Guid CommunityId { get; init; }
    public required Guid ServiceId { get; init; }
    public required Guid CustomerA { get; init; }
    public required Guid CustomerB { get; init; }
    public required Guid ContractorId { get; init; }
    public required Member Moderator { get; init; }
    public required Member Reviewer { get; init; }
    public required Member ContractReviewer { get; init; }
    public required Member Author { get; init; }
    public required Member Outsider { get; init; }
    public required Member ContractOutsider { get; init; }
    public required Member RequesterA { get; init; }
    public required Member RequesterB { get; init; }
    public required Member ForeignAgent { get; init; }

    public sealed record Member(Guid Id, HttpClient Client);

    public static async Task<KnowledgeWorld> CreateAsync(StewardApp app, int quorum = 2)
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customerA = await provider.CustomerAsync("Harbour Bank");
        var customerB = await provider.CustomerAsync("Lakeside Clinic");
        var contractor = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync("/api/v1/organizations",
            new { name = "Field Engineers " + ProviderBuilder.Unique(), kind = "Contractor" }));
        var contractorId = contractor.GetProperty("id").GetGuid();
        var service = await provider.SubscribedServiceAsync("E-mail " + ProviderBuilder.Unique(), ["incident-management"], customerA.Id);
        var foreignProvider = await app.AddOrganizationAsync("Foreign " + ProviderBuilder.Unique(), OrganizationKind.Provider);

        async Task<Member> PersonAsync(Guid organization, string role = Roles.Agent)
        {
            var (person, client) = await app.AddPersonAsync(organization, role);
            return new Member(person.Id, client);
        }

        var community = await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(Communities, new
        {
            name = "Incident practice " + ProviderBuilder.Unique(), purpose = "How we restore service, and how we read ISO/IEC 20000-1 8.6.1.",
            providerId = provider.Id, frameworks = Interpreted, processKeys = IncidentManagement, reviewQuorum = quorum,
        }));
        var world = new KnowledgeWorld
        {
            App = app, Provider = provider, CommunityId = community.GetProperty("id").GetGuid(), ServiceId = service.Id,
            CustomerA = customerA.Id, CustomerB = customerB.Id, ContractorId = contractorId,
            Moderator = await PersonAsync(provider.Id), Reviewer = await PersonAsync(provider.Id), ContractReviewer = await PersonAsync(contractorId),
            Author = await PersonAsync(provider.Id), Outsider = await PersonAsync(provider.Id), ContractOutsider = await PersonAsync(contractorId),
            RequesterA = await PersonAsync(customerA.Id, Roles.Requester), RequesterB = await PersonAsync(customerB.Id, Roles.Requester),
            ForeignAgent = await PersonAsync(foreignProvider.Id),
        };
        await world.JoinAsync(world.Moderator, "Moderator");
        await world.JoinAsync(world.Reviewer, "Reviewer");
        await world.JoinAsync(world.ContractReviewer, "Reviewer");
        await world.JoinAsync(world.Author, "Member");
        return world;
    }

    public async Task JoinAsync(Member person, string role)
    {
        var response = await Provider.Manager.PostJsonAsync($"{Communities}/{CommunityId}/members", new { personId = person.Id, role });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"joining gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>An article's body as the API takes it, for the world's community and service.</summary>
    public object ArticleBody(string title = "Outlook keeps asking for the password", string body = "Clear the cached credentials.\nSign in again.",
        string kind = "HowTo", string audience = "Internal", Guid[]? customerIds = null, string[]? tags = null, bool withService = true,
        string? framework = null, string? clause = null) => new
    {
        title, body, kind, communityId = CommunityId, tags = tags ?? ["outlook", "password"], serviceIds = withService ? new[] { ServiceId } : [],
        processKeys = IncidentManagement, audience, customerIds, framework, clause,
    };

    public async Task<JsonElement> WriteAsync(object? body = null, Member? by = null) =>
        await ProviderBuilder.CreatedAsync<JsonElement>(await (by ?? Author).Client.PostJsonAsync(Articles, body ?? ArticleBody()));

    /// <summary>Posts an action of the article under its current ETag, as its reader sees it.</summary>
    public static async Task<HttpResponseMessage> ActAsync(Member by, Guid article, string action) =>
        await by.Client.ActAsync($"{Articles}/{article}", action, new { });

    public static async Task<HttpResponseMessage> ReviewAsync(Member by, Guid article, string verdict, string? comment = null) =>
        await by.Client.PostJsonAsync($"{Articles}/{article}/reviews", new { verdict, comment });

    /// <summary>An article written, submitted and approved by both reviewers: published, version 1.</summary>
    public async Task<Guid> PublishedAsync(object? body = null)
    {
        var id = (await WriteAsync(body)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ActAsync(Author, id, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(Reviewer, id, "Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ReviewAsync(ContractReviewer, id, "Approve")).StatusCode);
        return id;
    }

    public static async Task<JsonElement> GetAsync(Member by, Guid article) => await by.Client.GetFromJsonAsync<JsonElement>($"{Articles}/{article}", StewardApp.Json);

    public static async Task<HttpStatusCode> StatusOfAsync(Member by, string url) => (await by.Client.GetAsync(url)).StatusCode;

    /// <summary>The ids an article search or list answers.</summary>
    public static async Task<Guid[]> SearchAsync(Member by, string query)
    {
        var page = await by.Client.GetFromJsonAsync<JsonElement>($"{Articles}?{query}&limit=200", StewardApp.Json);
        return page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToArray();
    }

    /// <summary>An incident of customer A on the e-mail service, logged by the moderator (an agent of the provider).</summary>
    public async Task<Guid> IncidentAsync(string title, string? description = null)
    {
        var incident = await ProviderBuilder.CreatedAsync<JsonElement>(await Moderator.Client.PostJsonAsync("/api/v1/incidents",
            new { title, description, serviceId = ServiceId, customerId = CustomerA }));
        return incident.GetProperty("id").GetGuid();
    }

    public async Task ResolveAsync(Guid incident, string resolution)
    {
        var response = await Moderator.Client.ActAsync($"/api/v1/incidents/{incident}", "transition", new { state = "Resolved", resolution });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
