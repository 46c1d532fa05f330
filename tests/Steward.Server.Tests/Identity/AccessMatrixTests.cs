using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Records;
using Steward.Core.Sla;
using Steward.Core.Sourcing;
using Steward.Server.Api;
using Steward.Server.Finance;
using Steward.Server.Identity;
using Steward.Server.Improvements;
using Steward.Server.Incidents;
using Steward.Server.Knowledge;
using Steward.Server.Notifications;
using Steward.Server.Parties;
using Steward.Server.Portfolio;
using Steward.Server.Processes;
using Steward.Server.Records;
using Steward.Server.Requests;
using Steward.Server.Satisfaction;
using Steward.Server.Sla;
using Steward.Server.Sourcing;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Identity;

/// <summary>
/// A world of two providers, each serving one customer, with one record of every kind in each
/// customer. Every API endpoint is found through the server's own endpoint list, so an endpoint
/// added later is covered by these checks without anyone adding it here.
/// </summary>
public sealed class AccessWorld : IAsyncLifetime
{
    public StewardApp App { get; } = new();
    public Organization OwnProvider { get; private set; } = null!;
    public Organization OwnCustomer { get; private set; } = null!;
    public Organization ForeignProvider { get; private set; } = null!;
    public Organization ForeignCustomer { get; private set; } = null!;
    /// <summary>Resource name → (a record in our customer, a record in the foreign customer).</summary>
    public Dictionary<string, (Guid Own, Guid Foreign)> Records { get; } = [];
    public Dictionary<(string Org, string Role), HttpClient> Clients { get; } = [];
    public IReadOnlyList<RouteEndpoint> Endpoints { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        OwnProvider = await App.AddOrganizationAsync("Own Provider", OrganizationKind.Provider);
        ForeignProvider = await App.AddOrganizationAsync("Foreign Provider", OrganizationKind.Provider);
        OwnCustomer = await App.AddOrganizationAsync("Own Customer", OrganizationKind.Customer, OwnProvider.Id);
        ForeignCustomer = await App.AddOrganizationAsync("Foreign Customer", OrganizationKind.Customer, ForeignProvider.Id);

        Records[OrganizationEndpoints.Resource] = (OwnCustomer.Id, ForeignCustomer.Id);
        var ownPerson = await App.AddPersonAsync(OwnCustomer.Id, Roles.Requester);
        var foreignPerson = await App.AddPersonAsync(ForeignCustomer.Id, Roles.Requester);
        Records[PersonEndpoints.Resource] = (ownPerson.Person.Id, foreignPerson.Person.Id);
        Records[TeamEndpoints.Resource] = (await TeamIn(OwnCustomer.Id), await TeamIn(ForeignCustomer.Id));
        Records[CostRateEndpoints.Resource] = (await RateOf(ownPerson.Person), await RateOf(foreignPerson.Person));
        var skill = await App.AsSystemAsync(async (db, _) =>
        {
            var s = new Skill { Name = "Matrix skill", CreatedAt = SystemClock.Instance.GetCurrentInstant() };
            db.Skills.Add(s);
            await db.SaveChangesAsync();
            return s.Id;
        });
        Records[SkillEndpoints.Resource] = (skill, skill);
        var foreignToken = await App.AsSystemAsync((db, _) => Task.FromResult(db.AccessTokens.Single(t => t.PersonId == foreignPerson.Person.Id).Id));
        Records[MeEndpoints.TokenResource] = (Guid.Empty, foreignToken); // "own" is each caller's own token
        var own = await PortfolioOf(OwnProvider.Id, OwnCustomer.Id);
        var foreign = await PortfolioOf(ForeignProvider.Id, ForeignCustomer.Id);
        Records[ServiceEndpoints.Resource] = (own.Service, foreign.Service);
        Records[OfferingEndpoints.Resource] = (own.Offering, foreign.Offering);
        Records[SubscriptionEndpoints.Resource] = (own.Subscription, foreign.Subscription);
        Records[AssignmentEndpoints.Resource] = (own.Assignment, foreign.Assignment);
        Records[AgreementEndpoints.Resource] = (own.Agreement, foreign.Agreement);
        Records[CalendarEndpoints.Resource] = (await CalendarOf(OwnCustomer.Id), await CalendarOf(ForeignCustomer.Id));
        Records[PolicyEndpoints.Resource] = (await PolicyOf(OwnProvider.Id), await PolicyOf(ForeignProvider.Id));
        Records[IncidentEndpoints.Resource] = (await IncidentOf(OwnProvider.Id, OwnCustomer.Id, own.Service), await IncidentOf(ForeignProvider.Id, ForeignCustomer.Id, foreign.Service));
        Records[RequestEndpoints.Resource] = (await IncidentOf(OwnProvider.Id, OwnCustomer.Id, own.Service, RecordKind.Request),
            await IncidentOf(ForeignProvider.Id, ForeignCustomer.Id, foreign.Service, RecordKind.Request));
        Records[CatalogItemEndpoints.Resource] = (await CatalogItemOf(OwnProvider.Id, own.Service), await CatalogItemOf(ForeignProvider.Id, foreign.Service));
        var ownKnowledge = await KnowledgeOf(OwnProvider.Id, OwnCustomer.Id);
        var foreignKnowledge = await KnowledgeOf(ForeignProvider.Id, ForeignCustomer.Id);
        Records[CommunityEndpoints.Resource] = (ownKnowledge.Community, foreignKnowledge.Community);
        Records[ArticleEndpoints.Resource] = (ownKnowledge.Article, foreignKnowledge.Article);
        // A notification is its recipient's alone: "own" is one for a person of our customer, "foreign" one for the foreign customer's.
        Records[NotificationEndpoints.Resource] = (await NotificationFor(ownPerson.Person.Id, OwnProvider.Id), await NotificationFor(foreignPerson.Person.Id, ForeignProvider.Id));
        var ownSatisfaction = await SatisfactionOf(OwnProvider.Id, OwnCustomer.Id, ownPerson.Person.Id, Records[IncidentEndpoints.Resource].Own);
        var foreignSatisfaction = await SatisfactionOf(ForeignProvider.Id, ForeignCustomer.Id, foreignPerson.Person.Id, Records[IncidentEndpoints.Resource].Foreign);
        Records[SurveyEndpoints.Resource] = (ownSatisfaction.Survey, foreignSatisfaction.Survey);
        Records[InvitationEndpoints.Resource] = (ownSatisfaction.Invitation, foreignSatisfaction.Invitation);
        Records[SatisfactionEndpoints.FollowUpResource] = (ownSatisfaction.FollowUp, foreignSatisfaction.FollowUp);
        Records[ImprovementEndpoints.Resource] = (await ImprovementOf(OwnProvider.Id), await ImprovementOf(ForeignProvider.Id));
        var ownFinance = await FinanceOf(OwnProvider.Id, OwnCustomer.Id, own.Service);
        var foreignFinance = await FinanceOf(ForeignProvider.Id, ForeignCustomer.Id, foreign.Service);
        Records[ExchangeRateEndpoints.Resource] = (ownFinance.Rate, foreignFinance.Rate);
        Records[CostEntryEndpoints.Resource] = (ownFinance.Cost, foreignFinance.Cost);
        Records[SupplierChargeEndpoints.Resource] = (ownFinance.Charge, foreignFinance.Charge);
        Records[PracticeEndpoints.Resource] = (ownFinance.Practice, foreignFinance.Practice);

        foreach (var role in Roles.All)
        {
            Clients[("provider", role)] = (await App.AddPersonAsync(OwnProvider.Id, role)).Client;
            Clients[("customer", role)] = (await App.AddPersonAsync(OwnCustomer.Id, role)).Client;
        }
        Endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .ToList();
    }

    async Task<Guid> TeamIn(Guid org) => await App.AsSystemAsync(async (db, _) =>
    {
        var team = new Team { OrganizationId = org, Name = "Team " + org, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    });

    /// <summary>The customer's own working week (a provider's people see it too: the customer is in their tenancy).</summary>
    async Task<Guid> CalendarOf(Guid organization) => await App.AsSystemAsync(async (db, _) =>
    {
        var calendar = new SlaCalendar { OrganizationId = organization, Name = "Matrix calendar", TimeZone = "Europe/Paris", CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        calendar.SetHours([new WorkingHours(IsoDayOfWeek.Monday, 540, 1020)]);
        db.SlaCalendars.Add(calendar);
        await db.SaveChangesAsync();
        return calendar.Id;
    });

    async Task<Guid> PolicyOf(Guid provider) => await App.AsSystemAsync(async (db, _) =>
    {
        var policy = new SlaPolicy { OrganizationId = provider, Name = "Matrix policy", Targets = [new PolicyTarget(3, null, Duration.FromHours(8))], CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync();
        return policy.Id;
    });

    /// <summary>An incident (or a request) the customer raised with the provider, through the workflow as the API makes one.</summary>
    async Task<Guid> IncidentOf(Guid provider, Guid customer, Guid service, RecordKind kind = RecordKind.Incident) => await App.AsSystemAsync(async (db, sp) =>
    {
        var (record, broken) = await sp.GetRequiredService<RecordWorkflow>().PrepareAsync(
            new RecordDraft(kind, "Matrix " + kind, ProviderId: provider, CustomerId: customer, ServiceId: service), default);
        Assert.Null(broken);
        db.WorkRecords.Add(record!);
        await db.SaveChangesAsync();
        return record!.Id;
    });

    async Task<Guid> CatalogItemOf(Guid provider, Guid service) => await App.AsSystemAsync(async (db, _) =>
    {
        var item = new Core.Requests.CatalogItem { ProviderId = provider, ServiceId = service, Name = "Matrix item", CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.CatalogItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    });

    /// <summary>
    /// A community of the provider with a moderator, and an article of it published for the
    /// provider's customers (which the customer's people read), made by the domain's own rules.
    /// </summary>
    async Task<(Guid Community, Guid Article)> KnowledgeOf(Guid provider, Guid customer) => await App.AsSystemAsync(async (db, _) =>
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var moderator = new Person { OrganizationId = provider, Name = "Matrix moderator", Email = $"{Guid.NewGuid():N}@x.example", TimeZone = "UTC", Locale = "en-GB", CreatedAt = now };
        var community = new Core.Knowledge.Community { ProviderId = provider, Name = "Matrix community", CreatedAt = now };
        var member = new Core.Knowledge.CommunityMember
        {
            CommunityId = community.Id, ProviderId = provider, PersonId = moderator.Id, PersonOrganizationId = provider, Role = Core.Knowledge.MemberRole.Moderator, JoinedAt = now,
        };
        var content = new Core.Knowledge.ArticleContent("Matrix article", "Text", Core.Knowledge.ArticleKind.Faq, [], [], [], Core.Knowledge.ArticleAudience.Customers, [customer], null);
        var (article, first) = Core.Knowledge.KnowledgeArticle.Create(community, moderator.Id, null, content, now);
        Assert.Null(article.Submit(first, now));
        Assert.Null(article.Publish(first, null, 0, community.ReviewQuorum, moderator.Id, now));
        db.AddRange(moderator, community, member, article, first);
        await db.SaveChangesAsync();
        return (community.Id, article.Id);
    });

    /// <summary>An improvement of the provider's register, owned by a person of the provider.</summary>
    async Task<Guid> ImprovementOf(Guid provider) => await App.AsSystemAsync(async (db, _) =>
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var owner = new Person { OrganizationId = provider, Name = "Matrix owner", Email = $"{Guid.NewGuid():N}@x.example", TimeZone = "UTC", Locale = "en-GB", CreatedAt = now };
        var improvement = new Core.Improvements.Improvement
        {
            ProviderId = provider, Title = "Matrix improvement", OwnerId = owner.Id, MeasureKey = "backlog", Zone = "UTC",
            BaselineFrom = now - Duration.FromDays(30), BaselineTo = now, BaselineValue = 3, BaselineN = 3, BaselineComputedAt = now,
            Target = 1, TargetDate = new LocalDate(2030, 1, 1), CreatedAt = now, UpdatedAt = now,
        };
        db.AddRange(owner, improvement);
        await db.SaveChangesAsync();
        return improvement.Id;
    });

    async Task<Guid> NotificationFor(Guid person, Guid provider) => await App.AsSystemAsync(async (db, _) =>
    {
        var notification = new Core.Notifications.Notification { OrganizationId = provider, PersonId = person, Text = "Matrix notification", At = SystemClock.Instance.GetCurrentInstant() };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    });

    /// <summary>A survey of the provider, an open invitation of the customer's person about the record, and an answered one whose low rating opened a follow-up.</summary>
    async Task<(Guid Survey, Guid Invitation, Guid FollowUp)> SatisfactionOf(Guid provider, Guid customer, Guid person, Guid record) => await App.AsSystemAsync(async (db, _) =>
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var survey = new Core.Satisfaction.Survey { ProviderId = provider, Name = "Matrix survey", CreatedAt = now };
        var about = new Core.Satisfaction.Attribution(null, customer, null, null, null, customer, null);
        var open = Core.Satisfaction.SurveyInvitation.For(survey, person, about, now);
        var answered = Core.Satisfaction.SurveyInvitation.For(survey, person, about, now);
        var response = answered.Answer(person, now, 1, null, null).Response!;
        var followUp = new Core.Satisfaction.SatisfactionFollowUp { ProviderId = provider, CustomerId = customer, RecordId = record, ResponseId = response.Id, Rating = 1, OpenedAt = now };
        db.AddRange(survey, open, answered, response, followUp);
        await db.SaveChangesAsync();
        return (survey.Id, open.Id, followUp.Id);
    });

    /// <summary>The provider's books: an exchange rate, a cost booked to the customer, a charge on an underpinning contract and a practice.</summary>
    async Task<(Guid Rate, Guid Cost, Guid Charge, Guid Practice)> FinanceOf(Guid provider, Guid customer, Guid service) => await App.AsSystemAsync(async (db, _) =>
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var champion = new Person { OrganizationId = provider, Name = "Matrix champion", Email = $"{Guid.NewGuid():N}@x.example", TimeZone = "UTC", Locale = "en-GB", CreatedAt = now };
        var rate = new Core.Finance.ExchangeRate { ProviderId = provider, From = "USD", To = "EUR", On = new LocalDate(2026, 1, 1), Rate = 0.92m, CreatedAt = now };
        var cost = new Core.Finance.CostEntry { ProviderId = provider, On = new LocalDate(2026, 1, 5), Amount = 100, Currency = "EUR", CustomerId = customer, Category = "Matrix", CreatedAt = now };
        var contract = new AgreementRecord
        {
            ProviderId = provider, Type = AgreementType.UnderpinningContract, AccountableId = provider, CounterpartyId = provider, Reference = "Matrix UC", CreatedAt = now,
        };
        var charge = new Core.Finance.SupplierCharge { ProviderId = provider, AgreementId = contract.Id, Amount = 10, Currency = "EUR", Start = new LocalDate(2026, 1, 1), CreatedAt = now };
        var practice = new Core.Finance.ProfessionalPractice { ProviderId = provider, Name = "Matrix practice", ChampionId = champion.Id, CreatedAt = now };
        db.AddRange(champion, rate, cost, contract, charge, practice, new Core.Finance.PracticeService { PracticeId = practice.Id, ProviderId = provider, ServiceId = service });
        await db.SaveChangesAsync();
        return (rate.Id, cost.Id, charge.Id, practice.Id);
    });

    async Task<Guid> RateOf(Person person) => await App.AsSystemAsync(async (db, _) =>
    {
        var rate = new CostRate { PersonId = person.Id, OrganizationId = person.OrganizationId, HourlyAmount = 50, Currency = "EUR", ValidFrom = new LocalDate(2026, 1, 1), CreatedAt = SystemClock.Instance.GetCurrentInstant() };
        db.CostRates.Add(rate);
        await db.SaveChangesAsync();
        return rate.Id;
    });

    /// <summary>
    /// A service of the provider that the customer subscribes to, with its offering, the subscription,
    /// an assignment made for that customer and an agreement the customer answers for: every record
    /// the customer's people may read.
    /// </summary>
    async Task<(Guid Service, Guid Offering, Guid Subscription, Guid Assignment, Guid Agreement)> PortfolioOf(Guid provider, Guid customer) =>
        await App.AsSystemAsync(async (db, _) =>
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var service = new Service { ProviderId = provider, Name = "Matrix service", Type = ServiceType.Business, ProcessKeys = ["incident-management"], CreatedAt = now };
            var offering = new Offering { ServiceId = service.Id, ProviderId = provider, Name = "Matrix offering", CreatedAt = now };
            var subscription = new Subscription
            {
                OfferingId = offering.Id, ServiceId = service.Id, ProviderId = provider, CustomerId = customer,
                Start = new LocalDate(2026, 1, 1), ChargeCurrency = "EUR", CreatedAt = now,
            };
            var assignment = new SourcingAssignment
            {
                ProviderId = provider, ServiceId = service.Id, CustomerId = customer, ProcessKey = "incident-management",
                PerformerOrganizationId = provider, AccountableId = provider, CreatedAt = now,
            };
            var agreement = new AgreementRecord
            {
                ProviderId = provider, Type = AgreementType.ServiceLevelAgreement, AccountableId = customer, CounterpartyId = provider,
                ServiceId = service.Id, Reference = "Matrix SLA", CreatedAt = now,
            };
            db.AddRange(service, offering, subscription, assignment, agreement);
            await db.SaveChangesAsync();
            return (service.Id, offering.Id, subscription.Id, assignment.Id, agreement.Id);
        });

    public async Task DisposeAsync()
    {
        foreach (var client in Clients.Values) client.Dispose();
        await App.DisposeAsync();
    }
}

public sealed class AccessMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    /// <summary>Resources every tenant shares by design: the skills catalogue.</summary>
    static readonly HashSet<string> SharedResources = [SkillEndpoints.Resource];

    /// <summary>The provider's own configuration, which its customers' people do not read.</summary>
    static readonly HashSet<string> ProviderOnlyResources = [PolicyEndpoints.Resource, CommunityEndpoints.Resource, SurveyEndpoints.Resource, ImprovementEndpoints.Resource,
        ExchangeRateEndpoints.Resource, CostEntryEndpoints.Resource, SupplierChargeEndpoints.Resource, PracticeEndpoints.Resource];

    /// <summary>POST actions that change a versioned record and so take If-Match.</summary>
    static readonly string[] ActionsUnderIfMatch = ["/archive", "/restore", "/transition", "/assign", "/activity", "/decision", "/complete", "/cancel", "/submit", "/publish", "/retire"];

    static string MethodOf(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single();

    static string? PolicyOf(RouteEndpoint e) => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);

    static string? ResourceOf(RouteEndpoint e) => e.Metadata.GetMetadata<TenantResourceAttribute>()?.Resource;

    static string Url(RouteEndpoint e, Func<string, Guid> value)
    {
        var url = e.RoutePattern.RawText!;
        foreach (var parameter in e.RoutePattern.Parameters)
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + parameter.Name + "[^}]*\\}", value(parameter.Name).ToString());
        return url + SampleQuery(url);
    }

    /// <summary>The query a GET route cannot answer 200 without.</summary>
    static string SampleQuery(string url) => url switch
    {
        _ when url.EndsWith("/due", StringComparison.Ordinal) => "?start=2026-12-01T09:00:00Z&duration=PT1H",
        _ when url.EndsWith("/elapsed", StringComparison.Ordinal) => "?from=2026-12-01T09:00:00Z&to=2026-12-02T09:00:00Z",
        _ => "",
    };

    static HttpRequestMessage Request(RouteEndpoint e, string url, object? body = null)
    {
        var method = MethodOf(e);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
            request.Content = JsonContent.Create(body ?? new { }, options: StewardApp.Json);
        if (method is "PUT" or "PATCH" or "DELETE" || ActionsUnderIfMatch.Any(a => url.EndsWith(a, StringComparison.Ordinal)))
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        return request;
    }

    [Fact]
    public void Every_api_endpoint_names_an_access_policy_and_every_id_route_names_its_resource()
    {
        Assert.NotEmpty(world.Endpoints);
        foreach (var endpoint in world.Endpoints)
        {
            var policy = PolicyOf(endpoint);
            Assert.True(policy is not null && Access.RolesOf.ContainsKey(policy), $"{MethodOf(endpoint)} {endpoint.RoutePattern.RawText} has no Access policy");
            if (endpoint.RoutePattern.Parameters.Any(p => p.Name == "id"))
                Assert.True(ResourceOf(endpoint) is { } r && world.Records.ContainsKey(r),
                    $"{MethodOf(endpoint)} {endpoint.RoutePattern.RawText} must declare its resource with ForResource(...) and the access test must seed one");
        }
    }

    [Fact]
    public async Task Every_endpoint_answers_401_without_a_token()
    {
        using var anonymous = world.App.ClientWith(null);
        foreach (var endpoint in world.Endpoints)
        {
            var response = await anonymous.SendAsync(Request(endpoint, Url(endpoint, _ => Guid.NewGuid())));

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{MethodOf(endpoint)} {endpoint.RoutePattern.RawText} gave {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_role_is_refused_with_403_exactly_where_its_policy_leaves_it_out()
    {
        foreach (var endpoint in world.Endpoints)
        {
            var allowed = Access.RolesOf[PolicyOf(endpoint)!];
            foreach (var role in Roles.All)
            {
                // Unknown ids and an empty body: an allowed caller gets past authorization to a 400
                // or 404, so nothing is changed; a refused one is stopped at 403.
                var response = await world.Clients[("provider", role)].SendAsync(Request(endpoint, Url(endpoint, _ => Guid.NewGuid())));

                var what = $"{role} on {MethodOf(endpoint)} {endpoint.RoutePattern.RawText}: {(int)response.StatusCode}";
                if (allowed.Contains(role))
                    Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) && (int)response.StatusCode < 500, what);
                else
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, what);
            }
        }
    }

    [Fact]
    public async Task No_tenant_sees_or_touches_another_tenants_record_through_any_id_route()
    {
        var personas = new[] { ("provider", Roles.ProviderManager), ("provider", Roles.Agent), ("customer", Roles.Requester), ("customer", Roles.ServiceOwner) };
        var checkedCount = 0;
        foreach (var endpoint in world.Endpoints.Where(e => ResourceOf(e) is { } r && !SharedResources.Contains(r)))
        {
            var (_, foreign) = world.Records[ResourceOf(endpoint)!];
            var allowed = Access.RolesOf[PolicyOf(endpoint)!];
            foreach (var (side, role) in personas.Where(p => allowed.Contains(p.Item2)))
            {
                var url = Url(endpoint, name => name == "id" ? foreign : Guid.NewGuid());
                var response = await world.Clients[(side, role)].SendAsync(Request(endpoint, url, SampleBody(endpoint)));

                Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                    $"{side} {role} on {MethodOf(endpoint)} {url} (a record of another tenant) gave {(int)response.StatusCode}");
                checkedCount++;
            }
        }
        Assert.True(checkedCount > 20);
    }

    [Fact]
    public async Task Each_tenant_reads_its_own_records_through_every_get_id_route()
    {
        var personas = new[] { ("provider", Roles.Agent), ("customer", Roles.Requester) };
        // Routes to a part of a record (an attachment by its own id) are read in their feature's tests.
        foreach (var endpoint in world.Endpoints.Where(e => MethodOf(e) == "GET" && ResourceOf(e) is not null && e.RoutePattern.Parameters.Count == 1))
        {
            var allowed = Access.RolesOf[PolicyOf(endpoint)!];
            foreach (var (side, role) in personas.Where(p => allowed.Contains(p.Item2) && !(p.Item1 == "customer" && ProviderOnlyResources.Contains(ResourceOf(endpoint)!))))
            {
                var client = world.Clients[(side, role)];
                var own = ResourceOf(endpoint) == MeEndpoints.TokenResource
                    ? (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/tokens"))[0].GetProperty("id").GetGuid()
                    : world.Records[ResourceOf(endpoint)!].Own;

                var response = await client.GetAsync(Url(endpoint, _ => own));

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{side} {role} on GET {endpoint.RoutePattern.RawText} gave {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Lists_show_only_the_callers_tenants()
    {
        var customer = world.Clients[("customer", Roles.Requester)];
        var provider = world.Clients[("provider", Roles.Agent)];

        var customerOrgs = await customer.GetFromJsonAsync<JsonElement>("/api/v1/organizations?limit=200");
        var providerOrgs = await provider.GetFromJsonAsync<JsonElement>("/api/v1/organizations?limit=200");
        var providerPeople = await provider.GetFromJsonAsync<JsonElement>("/api/v1/people?limit=200");
        var journal = await provider.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={world.ForeignCustomer.Id}");

        Assert.Equal([world.OwnCustomer.Id], customerOrgs.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { world.OwnCustomer.Id, world.OwnProvider.Id }.Order(),
            providerOrgs.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).Order());
        Assert.All(providerPeople.GetProperty("items").EnumerateArray(),
            p => Assert.Contains(p.GetProperty("organizationId").GetGuid(), new[] { world.OwnCustomer.Id, world.OwnProvider.Id }));
        Assert.Empty(journal.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Creating_records_in_another_tenants_organization_is_refused()
    {
        var manager = world.Clients[("provider", Roles.ProviderManager)];

        var person = await manager.PostJsonAsync("/api/v1/people", new { organizationId = world.ForeignCustomer.Id, name = "Intruder", email = "intruder@x.example", timeZone = "Europe/Paris", locale = "fr-FR" });
        var team = await manager.PostJsonAsync("/api/v1/teams", new { organizationId = world.ForeignCustomer.Id, name = "Intruders" });
        var partner = await manager.PostJsonAsync($"/api/v1/organizations/{world.OwnProvider.Id}/partners", new { organizationId = world.ForeignCustomer.Id });

        Assert.Equal(HttpStatusCode.BadRequest, person.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, team.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, partner.StatusCode);
    }

    [Fact]
    public async Task An_auditor_reads_everything_and_changes_nothing()
    {
        var auditor = world.Clients[("provider", Roles.Auditor)];

        var foreign = await auditor.GetAsync($"/api/v1/organizations/{world.ForeignCustomer.Id}");
        var create = await auditor.PostJsonAsync("/api/v1/organizations", new { name = "Auditor Org", kind = "Customer" });

        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    /// <summary>A valid body for each request type, so tenancy (not validation) decides the answer.</summary>
    object? SampleBody(RouteEndpoint endpoint)
    {
        var type = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (type is null) return null;
        object? sample = type.Name switch
        {
            nameof(CreateOrganization) or nameof(UpdateOrganization) => new { name = "Renamed", kind = "Customer" },
            nameof(AddPartner) => new { organizationId = world.OwnCustomer.Id },
            nameof(CreatePerson) => new { organizationId = world.OwnCustomer.Id, name = "N", email = $"{Guid.NewGuid():N}@x.example", timeZone = "Europe/Paris", locale = "fr-FR" },
            nameof(UpdatePerson) => new { name = "N", email = $"{Guid.NewGuid():N}@x.example", timeZone = "Europe/Paris", locale = "fr-FR" },
            nameof(SetPassword) => new { password = "Sample-Password-2026" },
            nameof(AddPersonSkill) => new { skillId = world.Records[SkillEndpoints.Resource].Own, level = 3 },
            nameof(UpdatePersonSkill) => new { level = 4 },
            nameof(CreateTeam) => new { organizationId = world.OwnCustomer.Id, name = "T" },
            nameof(UpdateTeam) => new { name = "T" },
            nameof(AddTeamMember) => new { personId = world.Records[PersonEndpoints.Resource].Own },
            nameof(SkillBody) => new { name = "S" },
            nameof(CreateCostRate) => new { personId = world.Records[PersonEndpoints.Resource].Own, hourlyAmount = 10, currency = "EUR", validFrom = "2026-02-01" },
            nameof(UpdateCostRate) => new { hourlyAmount = 10, currency = "EUR", validFrom = "2026-02-01" },
            nameof(CreateToken) => new { name = "t" },
            nameof(CreateService) => new { providerId = world.OwnProvider.Id, name = "S", type = "Business" },
            nameof(UpdateService) => new { name = "S", type = "Business", lifecycle = "Live" },
            "String[]" => new[] { "incident-management" },
            nameof(CreateOffering) => new { serviceId = world.Records[ServiceEndpoints.Resource].Own, name = "O" },
            nameof(UpdateOffering) => new { name = "O" },
            nameof(CreateSubscription) => new { offeringId = world.Records[OfferingEndpoints.Resource].Own, customerId = world.OwnCustomer.Id, start = "2026-02-01", chargeAmount = 1, chargeCurrency = "EUR" },
            nameof(UpdateSubscription) => new { offeringId = world.Records[OfferingEndpoints.Resource].Own, start = "2026-02-01", chargeAmount = 1, chargeCurrency = "EUR" },
            nameof(CreateAssignment) => new { serviceId = world.Records[ServiceEndpoints.Resource].Own, processKey = "incident-management", performerId = world.OwnProvider.Id },
            nameof(UpdateAssignment) => new { performerId = world.OwnProvider.Id },
            nameof(RecordAgreement) => new { providerId = world.OwnProvider.Id, type = "ServiceLevelAgreement", accountableId = world.OwnCustomer.Id, counterpartyId = world.OwnProvider.Id, reference = "R" },
            nameof(NewRecordBody) => new { title = "T", serviceId = world.Records[ServiceEndpoints.Resource].Own },
            nameof(EditRecordBody) => new { title = "T" },
            nameof(TransitionBody) => new { state = "InProgress" },
            nameof(AssignBody) => new { teamId = (Guid?)null },
            nameof(StepBody) => new { activityKey = "incident-management/escalation" },
            nameof(CommentBody) => new { body = "C" },
            nameof(WorkLogBody) => new { minutes = 5 },
            nameof(LinkBody) => new { toId = world.Records[IncidentEndpoints.Resource].Own },
            nameof(BulkBody) => new { ids = new[] { world.Records[IncidentEndpoints.Resource].Own }, priority = 3 },
            nameof(PolicyBody) => new { name = $"P {Guid.NewGuid():N}", targets = new[] { new { priority = 3, resolution = "PT8H" } } },
            nameof(PriorityMatrixBody) => new { cells = new[] { new[] { 1, 2, 3 }, new[] { 2, 3, 4 }, new[] { 3, 4, 5 } } },
            nameof(CalendarBody) => new { name = $"C {Guid.NewGuid():N}", timeZone = "UTC", weeklyHours = new[] { new { day = "Monday", start = "09:00", end = "17:00" } } },
            nameof(DecisionBody) => new { decision = "Approved" },
            nameof(TaskNoteBody) => new { note = "N" },
            nameof(TaskAssignBody) => new { teamId = (Guid?)null },
            nameof(CatalogItemBody) => new { name = $"I {Guid.NewGuid():N}", serviceId = world.Records[ServiceEndpoints.Resource].Own },
            nameof(TailorProcess) => new { name = "P", stage = "Operation", activities = Array.Empty<object>(), kpis = Array.Empty<object>() },
            nameof(CommunityBody) => new { name = $"C {Guid.NewGuid():N}" },
            nameof(MemberBody) => new { personId = world.Records[PersonEndpoints.Resource].Own, role = "Member" },
            nameof(MemberRemoval) => new { personId = world.Records[PersonEndpoints.Resource].Own },
            nameof(ArticleBody) => new { title = "A", body = "B", kind = "Faq", communityId = world.Records[CommunityEndpoints.Resource].Own },
            nameof(ReviewBody) => new { verdict = "Approve" },
            nameof(FeedbackBody) => new { helpful = true },
            nameof(DeflectionBody) => new { query = "Q" },
            nameof(ArticleLinkBody) => new { articleId = world.Records[ArticleEndpoints.Resource].Own, relation = "Related" },
            nameof(RecordArticleDraftBody) => new { communityId = world.Records[CommunityEndpoints.Resource].Own },
            nameof(SurveyBody) => new { name = $"S {Guid.NewGuid():N}", trigger = new { type = "RecordResolved" } },
            nameof(AnswerBody) => new { rating = 4 },
            nameof(CompleteFollowUpBody) => new { outcome = "Called the customer." },
            nameof(ImprovementUpdateBody) => new { title = "T", ownerId = world.Records[PersonEndpoints.Resource].Own, target = 0, targetDate = "2030-01-01" },
            nameof(ImprovementTransitionBody) => new { state = "Approved" },
            nameof(ImprovementActionBody) => new { title = "A", dueOn = "2030-01-01" },
            nameof(ImprovementReviewBody) => new { note = "N" },
            nameof(FinanceSettingBody) => new { reportingCurrency = "EUR" },
            nameof(ExchangeRateBody) => new { providerId = world.OwnProvider.Id, from = "GBP", to = "EUR", on = "2026-02-01", rate = 1.17m },
            nameof(CostEntryBody) => new { providerId = world.OwnProvider.Id, on = "2026-02-01", amount = 10, currency = "EUR", category = "C", customerId = world.OwnCustomer.Id },
            nameof(SupplierChargeBody) => new { agreementId = Guid.NewGuid(), amount = 10, currency = "EUR", start = "2026-02-01" },
            nameof(PracticeBody) => new { providerId = world.OwnProvider.Id, name = $"P {Guid.NewGuid():N}", championId = Guid.NewGuid() },
            _ => null,
        };
        Assert.True(sample is not null, $"Add a sample {type.Name} body to AccessMatrixTests.SampleBody");
        return sample;
    }
}
