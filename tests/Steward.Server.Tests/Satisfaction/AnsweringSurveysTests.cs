using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>
/// Resolving a record invites its requester (the bell and GET /api/v1/me/surveys); the answer is
/// taken once, from the invitee only, before the invitation closes: 409 a second time, 410 after
/// it closed, 404 for anybody else. A low rating opens a follow-up for the service owner.
/// </summary>
public sealed class AnsweringSurveysTests(SlaApp app) : IClassFixture<SlaApp>
{
    static readonly string[] IncidentKind = ["Incident"], RequestKind = ["Request"];

    [Fact]
    public async Task Resolving_invites_the_requester_in_the_bell_and_in_their_surveys_with_the_survey_s_questions()
    {
        var w = await SatisfactionWorld.CreateAsync(app);

        var record = await w.ResolvedAsync("Calendar not syncing", investigated: false);

        var invitation = Assert.Single(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
        Assert.Equal((SatisfactionWorld.Id(record), record.GetProperty("number").GetString(), "After resolution"),
            (invitation.GetProperty("recordId").GetGuid(), invitation.GetProperty("recordNumber").GetString(), invitation.GetProperty("surveyName").GetString()));
        Assert.Equal((true, true, true), (invitation.GetProperty("questions").GetProperty("rating").GetBoolean(),
            invitation.GetProperty("questions").GetProperty("recommend").GetBoolean(), invitation.GetProperty("questions").GetProperty("comment").GetBoolean()));
        Assert.Equal((SlaApp.Start + Duration.FromDays(14)).ToString(), invitation.GetProperty("expiresAt").GetString());
        var bell = await w.World.Requester.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", StewardApp.Json);
        var line = bell.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("link").ValueKind == JsonValueKind.String);
        Assert.Equal($"/surveys/invitations/{invitation.GetProperty("id").GetGuid()}", line.GetProperty("link").GetString());
        Assert.Contains(record.GetProperty("number").GetString()!, line.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(w.World.Agent));
    }

    [Fact]
    public async Task Two_surveys_covering_a_record_ask_once_the_narrower_one_asks()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        await ProviderBuilder.CreatedAsync<JsonElement>(await w.Manager.PostJsonAsync(SatisfactionWorld.Surveys,
            new { name = "Incidents after resolution", trigger = new { type = "RecordResolved", recordKinds = IncidentKind }, expiresAfterDays = 7 }));

        var record = await w.ResolvedAsync("Shared mailbox missing", investigated: false);

        var invitation = Assert.Single(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
        Assert.Equal((SatisfactionWorld.Id(record), "Incidents after resolution"),
            (invitation.GetProperty("recordId").GetGuid(), invitation.GetProperty("surveyName").GetString()));
        var bell = await w.World.Requester.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", StewardApp.Json);
        Assert.Single(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task The_invitee_answers_once_a_second_answer_is_409()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var record = SatisfactionWorld.Id(await w.ResolvedAsync("Mailbox full", investigated: false));
        var invitation = await w.InvitationOfAsync(record);

        var first = await SatisfactionWorld.AnswerAsync(w.World.Requester, invitation, 4, 9, "Quick.");
        var second = await SatisfactionWorld.AnswerAsync(w.World.Requester, invitation, 5, 10, null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var answer = await first.ReadAsync<JsonElement>();
        Assert.Equal((4, 9, "Quick.", record), (answer.GetProperty("rating").GetInt32(), answer.GetProperty("recommend").GetInt32(),
            answer.GetProperty("comment").GetString(), answer.GetProperty("recordId").GetGuid()));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
        var bell = await w.World.Requester.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", StewardApp.Json);
        Assert.DoesNotContain(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("link").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task After_the_invitation_closed_an_answer_is_410()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var invitation = await w.InvitationOfAsync(SatisfactionWorld.Id(await w.ResolvedAsync("VPN drops", investigated: false)));
        app.Clock.Advance(Duration.FromDays(14));

        var late = await SatisfactionWorld.AnswerAsync(w.World.Requester, invitation, 5);

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("closed", await late.ProblemDetailAsync(), StringComparison.Ordinal);
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
    }

    [Fact]
    public async Task Anybody_but_the_invitee_is_told_the_invitation_does_not_exist()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var invitation = await w.InvitationOfAsync(SatisfactionWorld.Id(await w.ResolvedAsync("Laptop slow", investigated: false)));
        var (_, colleague) = await app.AddPersonAsync(w.World.CustomerId, Roles.Requester, Roles.ServiceOwner);
        var other = await ProviderBuilder.StartAsync(app);

        var tries = new[] { colleague, w.World.Agent, w.Manager, app.Admin, other.Manager };
        var answers = new List<HttpStatusCode>();
        foreach (var client in tries) answers.Add((await SatisfactionWorld.AnswerAsync(client, invitation, 1)).StatusCode);

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(colleague));
        Assert.Single(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
    }

    [Theory]
    [InlineData("""{"rating":0}""", "rating")]
    [InlineData("""{"rating":6}""", "rating")]
    [InlineData("""{}""", "rating")]
    [InlineData("""{"rating":"five"}""", "rating")]
    [InlineData("""{"rating":3,"recommend":11}""", "recommend")]
    [InlineData("""{"rating":3,"comment":"bad\u0007"}""", "comment")]
    public async Task Answers_out_of_range_are_refused_with_400_and_the_invitation_stays_open(string json, string field)
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var invitation = await w.InvitationOfAsync(SatisfactionWorld.Id(await w.ResolvedAsync("Printer offline", investigated: false)));

        var response = await w.World.Requester.PostAsync($"{SatisfactionWorld.Surveys}/invitations/{invitation}/response",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        Assert.Single(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
    }

    [Fact]
    public async Task A_question_the_survey_does_not_ask_is_refused()
    {
        var w = await SatisfactionWorld.CreateAsync(app, new { name = "Rating only", trigger = new { type = "RecordResolved" } });
        var invitation = await w.InvitationOfAsync(SatisfactionWorld.Id(await w.ResolvedAsync("Screen flickers", investigated: false)));

        var recommend = await SatisfactionWorld.AnswerAsync(w.World.Requester, invitation, 3, recommend: 8);
        var comment = await SatisfactionWorld.AnswerAsync(w.World.Requester, invitation, 3, comment: "Hm.");

        Assert.Equal(["recommend"], await recommend.ErrorFieldsAsync());
        Assert.Equal(["comment"], await comment.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Sampling_every_second_record_invites_for_the_even_numbered_ones_only()
    {
        var w = await SatisfactionWorld.CreateAsync(app, new { name = "Every second", trigger = new { type = "RecordResolved" }, sampling = new { everyNth = 2 } });

        var records = new List<JsonElement>();
        for (var i = 0; i < 4; i++) records.Add(await w.ResolvedAsync($"Sampled {i}", investigated: false));

        var invited = (await SatisfactionWorld.InvitationsAsync(w.World.Requester)).Select(i => i.GetProperty("recordNumber").GetString()!).Order().ToList();
        var even = records.Select(r => r.GetProperty("number").GetString()!).Where(n => long.Parse(n[3..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 0).Order().ToList();
        Assert.Equal(2, even.Count);
        Assert.Equal(even, invited);
    }

    [Fact]
    public async Task A_survey_invites_only_for_the_records_its_criteria_cover_and_a_reopened_record_is_asked_about_once()
    {
        var w = await SatisfactionWorld.CreateAsync(app, new { name = "Requests only", trigger = new { type = "RecordResolved", recordKinds = RequestKind } });
        await w.ResolvedAsync("Not a request", investigated: false);
        Assert.Empty(await SatisfactionWorld.InvitationsAsync(w.World.Requester));

        var body = new { name = "Incidents", trigger = new { type = "RecordResolved", recordKinds = IncidentKind } };
        await ProviderBuilder.CreatedAsync<JsonElement>(await w.Manager.PostJsonAsync(SatisfactionWorld.Surveys, body));
        var record = SatisfactionWorld.Id(await w.ResolvedAsync("Reopened later", investigated: false));
        await SatisfactionWorld.OkAsync(w.World.ActAsync(w.World.Requester, record, "transition", new { state = "InProgress" }));
        await SatisfactionWorld.OkAsync(w.World.ActAsync(w.World.Agent, record, "transition", new { state = "Resolved", resolution = "Really fixed." }));

        Assert.Single(await SatisfactionWorld.InvitationsAsync(w.World.Requester));
    }

    [Fact]
    public async Task A_rating_of_2_opens_a_follow_up_for_the_service_owner_shown_with_its_record_until_it_is_completed()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var (owner, ownerClient) = await app.AddPersonAsync(w.World.Provider.Id, Roles.ServiceOwner);
        await app.AsSystemAsync(async (db, _) =>
        {
            var service = await db.Services.SingleAsync(s => s.Id == w.World.ServiceId);
            service.OwnerId = owner.Id;
            return await db.SaveChangesAsync();
        });
        var record = SatisfactionWorld.Id(await w.ResolvedAsync("Mail lost", investigated: true));

        await w.AnswerRecordAsync(record, 2, 3, "Took three days.");

        var open = await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?recordId={record}", StewardApp.Json);
        var followUp = Assert.Single(open.GetProperty("items").EnumerateArray());
        Assert.Equal((owner.Id, 2, "Took three days.", "Open"), (followUp.GetProperty("ownerId").GetGuid(), followUp.GetProperty("rating").GetInt32(),
            followUp.GetProperty("comment").GetString(), followUp.GetProperty("state").GetString()));
        var bell = await ownerClient.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true", StewardApp.Json);
        Assert.Contains(bell.GetProperty("items").EnumerateArray(), n => n.GetProperty("recordId").GetGuid() == record && n.GetProperty("text").GetString()!.Contains("rated 2 of 5", StringComparison.Ordinal));

        var url = $"/api/v1/satisfaction/follow-ups/{SatisfactionWorld.Id(followUp)}/complete";
        var done = await ownerClient.SendWithIfMatchAsync(HttpMethod.Post, url, new { outcome = "Called them; restored the mail." }, $"\"{followUp.GetProperty("version").GetInt64()}\"");
        var again = await ownerClient.SendWithIfMatchAsync(HttpMethod.Post, url, new { outcome = "Again." }, done.Headers.ETag!.Tag);
        var customers = await w.World.Requester.GetAsync($"/api/v1/satisfaction/follow-ups?recordId={record}");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Done", (await done.ReadAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Empty((await ownerClient.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?recordId={record}", StewardApp.Json)).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, customers.StatusCode);
    }

    [Fact]
    public async Task A_rating_of_3_opens_no_follow_up()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var record = SatisfactionWorld.Id(await w.ResolvedAsync("Slow share", investigated: false));

        await w.AnswerRecordAsync(record, 3);

        var all = await w.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/satisfaction/follow-ups?state=all&recordId={record}", StewardApp.Json);
        Assert.Empty(all.GetProperty("items").EnumerateArray());
    }
}
