using System.Text.Json;

namespace Steward.ReleaseFixture;

/// <summary>
/// Customer satisfaction (issue 19): surveys of both triggers, the invitations the release wrote when
/// records were resolved and when a periodic round fell due, the invitees' answers, and the
/// follow-ups low ratings opened (one completed, one open).
/// </summary>
sealed partial class FixtureData
{
    const string Surveys = "/api/v1/surveys";

    Guid afterResolution, emailIncidents, quarterly, pilot;

    /// <summary>
    /// Made before any record is resolved: a provider-wide survey of both kinds of record, a narrower
    /// one for e-mail incidents (which takes them from the wide one), a periodic one for Quay
    /// Insurance whose first round the release's own worker runs within a minute, and an inactive one.
    /// </summary>
    async Task SurveysAsync()
    {
        afterResolution = (await api.PostAsync(Surveys, new
        {
            name = "After resolution", trigger = new { type = "RecordResolved" },
            questions = new { rating = true, recommend = true, comment = true }, expiresAfterDays = 30,
        })).Id();
        // Changed under its ETag: a survey's second version.
        await api.PutAsync($"{Surveys}/{afterResolution}", new
        {
            name = "After resolution", trigger = new { type = "RecordResolved", recordKinds = new[] { "Incident", "Request" } },
            questions = new { rating = true, recommend = true, comment = true }, expiresAfterDays = 21,
        });
        emailIncidents = (await api.PostAsync(Surveys, new
        {
            name = "E-mail incidents", trigger = new { type = "RecordResolved", serviceIds = new[] { email }, recordKinds = new[] { "Incident" } },
            questions = new { rating = true, comment = true }, expiresAfterDays = 14, sampling = new { everyNth = 1 },
        })).Id();
        quarterly = (await api.PostAsync(Surveys, new
        {
            name = "Quarterly relationship", trigger = new { type = "Periodic", customerIds = new[] { quay }, everyMonths = 3 },
            questions = new { rating = true, recommend = true }, expiresAfterDays = 60,
        })).Id();
        pilot = (await api.PostAsync(Surveys, new
        {
            name = "Requests pilot", trigger = new { type = "RecordResolved", customerIds = new[] { harbour }, recordKinds = new[] { "Request" } },
            sampling = new { everyNth = 5 }, isActive = false,
        })).Id();
    }

    /// <summary>
    /// The invitees answer, each with a token of their own (the release answers 404 to anyone else):
    /// Rita rates three of her resolved records (5; 2 and 1, which open follow-ups for the services'
    /// owner), Quinn answers the periodic round. The administrator completes one follow-up.
    /// </summary>
    async Task AnswersAsync()
    {
        using var rita = await AsPersonAsync(RitaEmail);
        using var quinn = await AsPersonAsync(QuinnEmail);

        var ritas = await rita.GetAsync("/api/v1/me/surveys");
        await AnswerAsync(rita, Invitation(ritas, printer), new { rating = 5, recommend = 10, comment = "Fixed the same day." });
        await AnswerAsync(rita, Invitation(ritas, spam), new { rating = 2, comment = "Invoices were still blocked a day later." });
        await AnswerAsync(rita, Invitation(ritas, desk2), new { rating = 1, recommend = 2, comment = "Three weeks for a phone." });

        await AnswerAsync(quinn, await PeriodicInvitationAsync(quinn), new { rating = 4, recommend = 8 });

        var open = await api.GetAsync($"/api/v1/satisfaction/follow-ups?state=open&recordId={desk2}");
        var followUp = open.GetProperty("items")[0];
        await api.PostOkAsync($"/api/v1/satisfaction/follow-ups/{followUp.Id()}/complete",
            new { outcome = "Called Rita: the electrician is now booked within two days of a move." },
            $"\"{followUp.GetProperty("version").GetInt64()}\"");
    }

    static Task AnswerAsync(Api invitee, Guid invitation, object answers) =>
        invitee.PostAsync($"{Surveys}/invitations/{invitation}/response", answers);

    static Guid Invitation(JsonElement invitations, Guid record) =>
        invitations.EnumerateArray().FirstOrDefault(i => i.GetProperty("recordId").ValueKind == JsonValueKind.String && i.GetProperty("recordId").GetGuid() == record) is { ValueKind: JsonValueKind.Object } found
            ? found.Id()
            : throw new InvalidOperationException($"The release invited nobody for the resolved record {record}.");

    /// <summary>The release's worker runs due periodic rounds every minute from its start: waits for the quarterly survey's first.</summary>
    async Task<Guid> PeriodicInvitationAsync(Api invitee)
    {
        for (var i = 0; i < 80; i++)
        {
            var mine = await invitee.GetAsync("/api/v1/me/surveys");
            foreach (var invitation in mine.EnumerateArray())
                if (invitation.GetProperty("surveyId").GetGuid() == quarterly) return invitation.Id();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        throw new InvalidOperationException("The release's worker did not run the periodic survey's first round within 80 s.");
    }

    void SatisfactionReads()
    {
        foreach (var id in new[] { afterResolution, emailIncidents, quarterly, pilot }) Read($"{Surveys}/{id}");
        Read($"{Surveys}?limit=200", paged: true);
        Read("/api/v1/satisfaction/follow-ups?state=all&limit=200", paged: true);
        Read("/api/v1/me/surveys");
        // The day the data was made, so that the answers read the same whenever they are asked.
        var day = MadeAt.UtcDateTime.Date;
        var period = $"from={day.AddDays(-1):yyyy-MM-dd}&to={day.AddDays(1):yyyy-MM-dd}";
        foreach (var by in new[] { "party", "service", "customer", "kind", "month" })
            Read($"/api/v1/satisfaction?{period}&groupBy={by}");
        Read($"/api/v1/satisfaction?{period}&surveyId={quarterly}");
        Read($"/api/v1/sourcing/profile/satisfaction?providerId={provider}&customerId={harbour}&{period}");
    }
}
