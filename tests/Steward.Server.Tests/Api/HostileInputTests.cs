using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Api;

/// <summary>
/// Sends malformed, oversized, wrong-typed and hostile values to every write endpoint the server
/// maps (found through its endpoint list) and checks that nothing answers 5xx and that refused
/// input leaves the database exactly as it was.
/// </summary>
public sealed class HostileInputTests(StewardApp app) : IClassFixture<StewardApp>
{
    static readonly string[] Malformed = ["{\"", "[]", "null", "\"text\"", "{\"a\":}", "{\"a\":1,}", "\u0000", "{{{{{{{{{{{{{{{{{{{{"];
    static readonly object[] WrongTyped = [new { }, new object[] { 1, 2 }, true, 12345678901234567890m, -1];
    static readonly string[] ControlCharacters = ["\u0000", "bell\u0007", "esc\u001b[31mred", "nul\u0000inside"];
    static readonly string[] Hostile = ["'; DROP TABLE \"People\"; --", "<script>alert(1)</script>", "Robert'); DELETE FROM \"Organizations\";--", "%' OR '1'='1", "𝕊𝕥𝕖𝕨𝕒𝕣𝕕 ✓"];

    [Fact]
    public async Task Refused_input_never_causes_a_5xx_and_leaves_the_database_unchanged()
    {
        var ids = await SeedAsync();
        var endpoints = WriteEndpoints();
        Assert.NotEmpty(endpoints);

        // Endpoints that take no body (archive, restore, delete) ignore one; the others must refuse bad ones.
        foreach (var (endpoint, url, requestType) in endpoints
            .Select(e => (e, Url(e, ids), e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType))
            .Where(x => x.RequestType is not null))
        {
            var method = new HttpMethod(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Single());
            var bodies = Malformed.Select(m => m).ToList();
            foreach (var property in requestType!.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                    bodies.AddRange(WrongTyped.Where(v => !IsCompatible(property.PropertyType, v)).Select(v => Body(name, v)));
                    if (property.PropertyType == typeof(string))
                        bodies.AddRange(ControlCharacters.Select(v => Body(name, v)));
                }
            bodies.Add(Body("name", new string('x', 10 * 1024 * 1024)));

            foreach (var body in bodies)
            {
                var before = await SnapshotAsync();

                var response = await app.Admin.SendAsync(Request(method, url, body));

                var what = $"{method} {url} with {Describe(body)} gave {(int)response.StatusCode}";
                Assert.True((int)response.StatusCode is >= 400 and < 500, what);
                Assert.True(before == await SnapshotAsync(), "database changed: " + what);
            }
        }
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_text_and_never_executed()
    {
        foreach (var value in Hostile)
        {
            var response = await app.Admin.PostJsonAsync("/api/v1/organizations", new { name = value + " " + Guid.NewGuid().ToString("N")[..4], kind = "Customer" });

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var created = await response.ReadAsync<Steward.Server.Parties.OrganizationView>();
            var read = await (await app.Admin.GetAsync($"/api/v1/organizations/{created.Id}")).ReadAsync<Steward.Server.Parties.OrganizationView>();
            Assert.Equal(created.Name, read.Name);
            Assert.StartsWith(value, read.Name, StringComparison.Ordinal);
        }
        var search = await app.Admin.GetAsync("/api/v1/organizations?q=" + Uri.EscapeDataString("%' OR '1'='1"));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.True(await app.AsSystemAsync(async (db, _) => await db.People.IgnoreQueryFilters().AnyAsync()));
    }

    List<RouteEndpoint> WriteEndpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Single() is "POST" or "PUT" or "PATCH" or "DELETE")
            .ToList();

    static bool IsCompatible(Type type, object value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return (value is bool && t == typeof(bool)) || (value is int or decimal && (t == typeof(int) || t == typeof(decimal)) && value is not -1);
    }

    static string Body(string property, object value) => JsonSerializer.Serialize(new Dictionary<string, object> { [property] = value });

    static string Describe(string body) => body.Length > 80 ? body[..80] + $"… ({body.Length} chars)" : body;

    static HttpRequestMessage Request(HttpMethod method, string url, string body)
    {
        var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        return request;
    }

    static string Url(RouteEndpoint e, IReadOnlyDictionary<string, Guid> ids)
    {
        var url = e.RoutePattern.RawText!;
        var resource = e.Metadata.GetMetadata<Steward.Server.Api.TenantResourceAttribute>()?.Resource;
        foreach (var parameter in e.RoutePattern.Parameters)
        {
            var key = parameter.Name == "id" ? resource ?? "" : parameter.Name;
            url = System.Text.RegularExpressions.Regex.Replace(url, "\\{" + parameter.Name + "[^}]*\\}", (ids.TryGetValue(key, out var id) ? id : Guid.NewGuid()).ToString());
        }
        return url;
    }

    async Task<Dictionary<string, Guid>> SeedAsync()
    {
        var provider = await app.AddOrganizationAsync("Hostile Provider " + Guid.NewGuid().ToString("N")[..6], OrganizationKind.Provider);
        var customer = await app.AddOrganizationAsync("Hostile Customer " + Guid.NewGuid().ToString("N")[..6], OrganizationKind.Customer, provider.Id);
        var (person, _) = await app.AddPersonAsync(customer.Id, Roles.Requester);
        return await app.AsSystemAsync(async (db, sp) =>
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var team = new Team { OrganizationId = customer.Id, Name = "Hostile team", CreatedAt = now };
            var skill = new Skill { Name = "Hostile skill " + Guid.NewGuid().ToString("N")[..6], CreatedAt = now };
            var rate = new CostRate { PersonId = person.Id, OrganizationId = customer.Id, HourlyAmount = 1, Currency = "EUR", ValidFrom = new LocalDate(2026, 1, 1), CreatedAt = now };
            db.AddRange(team, skill, rate);
            db.TeamMembers.Add(new TeamMember { TeamId = team.Id, PersonId = person.Id, OrganizationId = customer.Id, JoinedAt = now });
            db.PersonSkills.Add(new PersonSkill { PersonId = person.Id, SkillId = skill.Id, OrganizationId = customer.Id, Level = 2, AssessedAt = now });
            // A service with everything that hangs off it. Its one process has an assignment, so even
            // an empty process list (the "[]" body) is refused rather than applied.
            var supporting = new Service { ProviderId = provider.Id, Name = "Hostile platform", Type = ServiceType.Technical, ProcessKeys = ["incident-management"], CreatedAt = now };
            var service = new Service { ProviderId = provider.Id, Name = "Hostile service", Type = ServiceType.Business, ProcessKeys = ["incident-management"], CreatedAt = now };
            service.Dependencies.Add(new ServiceDependency { ServiceId = service.Id, SupportingServiceId = supporting.Id, ProviderId = provider.Id });
            var offering = new Offering { ServiceId = service.Id, ProviderId = provider.Id, Name = "Hostile offering", Targets = [new("Availability", 99.5m, "%")], CreatedAt = now };
            var subscription = new Subscription
            {
                OfferingId = offering.Id, ServiceId = service.Id, ProviderId = provider.Id, CustomerId = customer.Id,
                Start = new LocalDate(2026, 1, 1), ChargeAmount = 10, ChargeCurrency = "EUR", CreatedAt = now,
            };
            var assignment = new SourcingAssignment
            {
                ProviderId = provider.Id, ServiceId = service.Id, ProcessKey = "incident-management",
                PerformerOrganizationId = provider.Id, AccountableId = provider.Id, CreatedAt = now,
            };
            var agreement = new AgreementRecord
            {
                ProviderId = provider.Id, Type = AgreementType.ServiceLevelAgreement, AccountableId = customer.Id, CounterpartyId = provider.Id,
                ServiceId = service.Id, Reference = "Hostile SLA", CreatedAt = now,
            };
            var calendar = new Steward.Core.Sla.SlaCalendar { OrganizationId = provider.Id, Name = "Hostile calendar", TimeZone = "UTC", CreatedAt = now };
            calendar.SetHours([new Steward.Core.Sla.WorkingHours(IsoDayOfWeek.Monday, 540, 1020)]);
            var policy = new Steward.Core.Sla.SlaPolicy { OrganizationId = provider.Id, Name = "Hostile policy", Targets = [new(3, null, Duration.FromHours(8))], CreatedAt = now };
            db.AddRange(supporting, service, offering, subscription, assignment, agreement, calendar, policy);
            await db.SaveChangesAsync();
            var (incident, broken) = await sp.GetRequiredService<Steward.Server.Records.RecordWorkflow>().PrepareAsync(
                new Steward.Server.Records.RecordDraft(Steward.Core.Records.RecordKind.Incident, "Hostile incident", ProviderId: provider.Id, CustomerId: customer.Id, ServiceId: service.Id), default);
            Assert.Null(broken);
            db.WorkRecords.Add(incident!);
            var contract = new AgreementRecord
            {
                ProviderId = provider.Id, Type = AgreementType.UnderpinningContract, AccountableId = provider.Id, CounterpartyId = provider.Id, Reference = "Hostile UC", CreatedAt = now,
            };
            var champion = new Person { OrganizationId = provider.Id, Name = "Hostile champion", Email = $"{Guid.NewGuid():N}@x.example", TimeZone = "UTC", Locale = "en-GB", CreatedAt = now };
            var practice = new Steward.Core.Finance.ProfessionalPractice { ProviderId = provider.Id, Name = "Hostile practice", ChampionId = champion.Id, CreatedAt = now };
            var exchange = new Steward.Core.Finance.ExchangeRate { ProviderId = provider.Id, From = "USD", To = "EUR", On = new LocalDate(2026, 1, 1), Rate = 0.9m, CreatedAt = now };
            var cost = new Steward.Core.Finance.CostEntry { ProviderId = provider.Id, On = new LocalDate(2026, 1, 1), Amount = 1, Currency = "EUR", ServiceId = service.Id, Category = "Hostile", CreatedAt = now };
            var charge = new Steward.Core.Finance.SupplierCharge { ProviderId = provider.Id, AgreementId = contract.Id, Amount = 1, Currency = "EUR", Start = new LocalDate(2026, 1, 1), CreatedAt = now };
            db.AddRange(contract, champion, practice, exchange, cost, charge, new Steward.Core.Finance.PracticeService { PracticeId = practice.Id, ProviderId = provider.Id, ServiceId = service.Id });
            await db.SaveChangesAsync();
            var token = await db.AccessTokens.Where(t => t.Name == "STEWARD_ADMIN_TOKEN").Select(t => t.Id).SingleAsync();
            return new Dictionary<string, Guid>
            {
                ["organizations"] = customer.Id, ["people"] = person.Id, ["teams"] = team.Id, ["skills"] = skill.Id,
                ["cost-rates"] = rate.Id, ["tokens"] = token, ["skillId"] = skill.Id, ["personId"] = person.Id,
                ["services"] = service.Id, ["offerings"] = offering.Id, ["subscriptions"] = subscription.Id,
                ["sourcing-assignments"] = assignment.Id, ["sourcing-agreements"] = agreement.Id, ["sla-calendars"] = calendar.Id,
                ["sla-policies"] = policy.Id, ["incidents"] = incident!.Id, ["providerId"] = provider.Id,
                ["practices"] = practice.Id, ["finance-rates"] = exchange.Id, ["finance-costs"] = cost.Id, ["supplier-charges"] = charge.Id,
            };
        });
    }

    /// <summary>Row counts and version sums of every table an endpoint can write, and the journal's length.</summary>
    Task<string> SnapshotAsync() => app.AsSystemAsync(async (db, _) => string.Join(",",
        await db.Organizations.CountAsync(), await db.Organizations.SumAsync(o => o.Version),
        await db.People.CountAsync(), await db.People.SumAsync(p => p.Version),
        await db.Teams.CountAsync(), await db.Teams.SumAsync(t => t.Version),
        await db.TeamMembers.CountAsync(), await db.Skills.CountAsync(), await db.Skills.SumAsync(s => s.Version),
        await db.PersonSkills.CountAsync(), await db.PersonSkills.SumAsync(s => s.Version),
        await db.CostRates.CountAsync(), await db.CostRates.SumAsync(c => c.Version),
        await db.AccessTokens.CountAsync(), await db.PartnerRelationships.CountAsync(),
        await db.Services.CountAsync(), await db.Services.SumAsync(s => s.Version), await db.ServiceDependencies.CountAsync(),
        await db.Offerings.CountAsync(), await db.Offerings.SumAsync(o => o.Version),
        await db.Subscriptions.CountAsync(), await db.Subscriptions.SumAsync(s => s.Version),
        await db.TailoredProcesses.CountAsync(), await db.TailoredProcesses.SumAsync(p => p.Version),
        await db.SourcingAssignments.CountAsync(), await db.SourcingAssignments.SumAsync(a => a.Version),
        await db.AgreementRecords.CountAsync(), await db.AgreementRecords.SumAsync(a => a.Version),
        await db.SlaCalendars.CountAsync(), await db.SlaCalendars.SumAsync(c => c.Version),
        await db.SlaPolicies.CountAsync(), await db.SlaPolicies.SumAsync(p => p.Version), await db.PrioritySettings.CountAsync(),
        await db.WorkRecords.CountAsync(), await db.WorkRecords.SumAsync(r => r.Version), await db.RecordComments.CountAsync(),
        await db.WorkLog.CountAsync(), await db.RecordAttachments.CountAsync(), await db.RecordLinks.CountAsync(),
        await db.SlaClocks.CountAsync(), await db.SlaClocks.SumAsync(c => c.Version), await db.SlaJobs.CountAsync(), await db.SlaReplans.CountAsync(),
        await db.FinanceSettings.CountAsync(), await db.ExchangeRates.CountAsync(), await db.ExchangeRates.SumAsync(r => r.Version),
        await db.CostEntries.CountAsync(), await db.CostEntries.SumAsync(c => c.Version), await db.SupplierCharges.CountAsync(), await db.SupplierCharges.SumAsync(c => c.Version),
        await db.ProfessionalPractices.CountAsync(), await db.ProfessionalPractices.SumAsync(p => p.Version), await db.PracticeServices.CountAsync(),
        await db.Users.CountAsync(), await db.UserRoles.CountAsync(), await db.AuditEntries.CountAsync()));
}
