using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>/api/v1/surveys: the survey as written and read back, its ETags, its journal and refused input.</summary>
public sealed class SurveysApiTests(SlaApp app) : IClassFixture<SlaApp>
{
    const string Surveys = SatisfactionWorld.Surveys;
    static readonly string[] IncidentKind = ["Incident"];

    [Fact]
    public async Task A_survey_is_read_back_as_written_with_its_defaults_and_an_etag()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var customer = await provider.CustomerAsync("Quay");
        var service = await provider.ServiceAsync("Mail", "incident-management");

        var response = await provider.Manager.PostJsonAsync(Surveys, new
        {
            name = "Incidents of Quay",
            trigger = new { type = "RecordResolved", serviceIds = new[] { service.Id }, customerIds = new[] { customer.Id }, recordKinds = IncidentKind },
            questions = new { recommend = true },
            sampling = new { everyNth = 3 },
        });
        var created = await ProviderBuilder.CreatedAsync<JsonElement>(response);
        var read = await provider.Manager.GetAsync($"{Surveys}/{SatisfactionWorld.Id(created)}");
        var survey = await read.ReadAsync<JsonElement>();

        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        Assert.Equal(provider.Id, survey.GetProperty("providerId").GetGuid());
        var trigger = survey.GetProperty("trigger");
        Assert.Equal("RecordResolved", trigger.GetProperty("type").GetString());
        Assert.Equal([service.Id], trigger.GetProperty("serviceIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal([customer.Id], trigger.GetProperty("customerIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(["Incident"], trigger.GetProperty("recordKinds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, trigger.GetProperty("everyMonths").ValueKind);
        Assert.Equal((true, true, false), (survey.GetProperty("questions").GetProperty("rating").GetBoolean(),
            survey.GetProperty("questions").GetProperty("recommend").GetBoolean(), survey.GetProperty("questions").GetProperty("comment").GetBoolean()));
        Assert.Equal(14, survey.GetProperty("expiresAfterDays").GetInt32());
        Assert.Equal(3, survey.GetProperty("sampling").GetProperty("everyNth").GetInt32());
        Assert.True(survey.GetProperty("isActive").GetBoolean());
    }

    [Fact]
    public async Task A_change_needs_the_current_etag_and_every_change_is_journaled()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var created = await provider.Manager.PostJsonAsync(Surveys, new { name = "Quarterly", trigger = new { type = "Periodic", everyMonths = 3, startsOn = "2026-12-01" } });
        var id = SatisfactionWorld.Id(await ProviderBuilder.CreatedAsync<JsonElement>(created));
        var body = new { name = "Quarterly pulse", trigger = new { type = "Periodic", everyMonths = 3 }, questions = new { comment = true }, isActive = false };

        var without = await provider.Manager.PutAsJsonAsync($"{Surveys}/{id}", body, StewardApp.Json);
        var changed = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Surveys}/{id}", body, created.Headers.ETag!.Tag);
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Surveys}/{id}", body, created.Headers.ETag!.Tag);
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={id}", StewardApp.Json);

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(created.Headers.ETag, changed.Headers.ETag);
        var survey = await changed.ReadAsync<JsonElement>();
        Assert.Equal(("Quarterly pulse", false, "2026-12-01"), (survey.GetProperty("name").GetString(), survey.GetProperty("isActive").GetBoolean(),
            survey.GetProperty("trigger").GetProperty("startsOn").GetString()));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(["Updated", "Created"], journal.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task A_survey_that_invited_anyone_is_not_deleted_one_that_did_not_is()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var unused = await w.Manager.PostJsonAsync(Surveys, new { name = "Unused", trigger = new { type = "RecordResolved" }, isActive = false });
        await w.ResolvedAsync("Printer jam", investigated: false);
        var used = await w.Manager.GetAsync($"{Surveys}/{w.SurveyId}");

        var refused = await w.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Surveys}/{w.SurveyId}", null, used.Headers.ETag!.Tag);
        var deleted = await w.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Surveys}/{SatisfactionWorld.Id(await unused.ReadAsync<JsonElement>())}", null, unused.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("isActive", await refused.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"trigger":{"type":"RecordResolved"}}""", "name" },
        { """{"name":"X"}""", "trigger" },
        { """{"name":"X","trigger":{}}""", "trigger.type" },
        { """{"name":"X","trigger":{"type":"Weekly"}}""", "trigger.type" },
        { """{"name":"X","trigger":{"type":"Periodic"}}""", "trigger.everyMonths" },
        { """{"name":"X","trigger":{"type":"Periodic","everyMonths":0}}""", "trigger.everyMonths" },
        { """{"name":"X","trigger":{"type":"RecordResolved","everyMonths":3}}""", "trigger.everyMonths" },
        { """{"name":"X","trigger":{"type":"Periodic","everyMonths":3,"recordKinds":["Incident"]}}""", "trigger.recordKinds" },
        { """{"name":"X","trigger":{"type":"Periodic","everyMonths":3},"sampling":{"everyNth":2}}""", "sampling.everyNth" },
        { """{"name":"X","trigger":{"type":"RecordResolved","serviceIds":["00000000-0000-0000-0000-000000000001"]}}""", "trigger.serviceIds" },
        { """{"name":"X","trigger":{"type":"RecordResolved","customerIds":["00000000-0000-0000-0000-000000000001"]}}""", "trigger.customerIds" },
        { """{"name":"X","trigger":{"type":"RecordResolved"},"questions":{"rating":false}}""", "questions.rating" },
        { """{"name":"X","trigger":{"type":"RecordResolved"},"expiresAfterDays":0}""", "expiresAfterDays" },
        { """{"name":"X","trigger":{"type":"RecordResolved"},"sampling":{"everyNth":0}}""", "sampling.everyNth" },
        { """{"name":"X\u0000","trigger":{"type":"RecordResolved"}}""", "name" },
        { """{"name":"X","trigger":{"type":"RecordResolved"},"providerId":"00000000-0000-0000-0000-000000000001"}""", "providerId" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_refused_with_400_naming_the_field(string json, string field)
    {
        var provider = await ProviderBuilder.StartAsync(app);

        var response = await provider.Manager.PostAsync(Surveys, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Two_surveys_of_a_provider_cannot_share_a_name()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var body = new { name = "Twice", trigger = new { type = "RecordResolved" } };
        await ProviderBuilder.CreatedAsync<JsonElement>(await provider.Manager.PostJsonAsync(Surveys, body));

        var again = await provider.Manager.PostJsonAsync(Surveys, body);

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(["name"], await again.ErrorFieldsAsync());
    }
}
