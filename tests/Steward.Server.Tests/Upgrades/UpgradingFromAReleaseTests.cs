using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Upgrades;

/// <summary>
/// A database made by an earlier release, opened by this server: it migrates at start, and every
/// answer the release gave (recorded in the release's fixture) reads the same, field by field, with
/// the same ETags and byte-identical attachments; and the upgraded database takes new work. One case
/// per release folder in Upgrades/Releases, on the database of the run (STEWARD_TEST_DB).
/// </summary>
public sealed partial class UpgradingFromAReleaseTests
{
    public static TheoryData<string> Releases => [.. ReleaseFixture.Names];

    [Fact]
    public void The_release_fixtures_are_in_the_test_output() =>
        Assert.True(ReleaseFixture.Names.Any(name => name.EndsWith("-issue-5-09b0ed1", StringComparison.Ordinal)),
            $"No fixture of the issue 5 release in {ReleaseFixture.Root}: Upgrades/Releases/** is copied there by the project file.");

    [Theory, MemberData(nameof(Releases))]
    public async Task Every_answer_of_the_release_reads_the_same_after_the_upgrade(string release)
    {
        var fixture = ReleaseFixture.Open(release);
        var recorded = await fixture.AnswersAsync(TestDatabase.Provider);
        await using var app = new UpgradedApp(fixture);
        await app.InitializeAsync();
        using var admin = app.ClientWith(recorded.AdminToken);

        var ready = await admin.GetAsync("/ready");
        var pending = await app.AsSystemAsync(async (db, _) => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var differences = new List<string>();
        foreach (var answer in recorded.Answers)
            differences.AddRange((await DifferencesAsync(admin, answer)).Select(d => $"GET {answer.Url}\n    {d}"));

        Assert.Empty(pending);
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"/ready answered {(int)ready.StatusCode} after the upgrade: {await ready.Content.ReadAsStringAsync()}");
        Assert.True(differences.Count == 0,
            $"{differences.Count} difference{(differences.Count == 1 ? "" : "s")} between {release} and this server on {TestDatabase.Provider} ({recorded.Answers.Count} answers compared):\n"
            + string.Join("\n", differences.Take(40)) + (differences.Count > 40 ? $"\n… and {differences.Count - 40} more" : ""));
    }

    [Theory, MemberData(nameof(Releases))]
    public async Task An_upgraded_database_takes_new_work(string release)
    {
        var fixture = ReleaseFixture.Open(release);
        var recorded = await fixture.AnswersAsync(TestDatabase.Provider);
        await using var app = new UpgradedApp(fixture);
        await app.InitializeAsync();
        using var admin = app.ClientWith(recorded.AdminToken);
        var (incidentUrl, incident, etag) = Record(recorded, "/api/v1/incidents/", "InProgress");
        var waiting = recorded.Answers.Single(a => a.Url == "/api/v1/requests/approvals").Body!.Value[0].GetProperty("requestId").GetGuid();
        var requestUrl = $"/api/v1/requests/{waiting}";
        var requestETag = recorded.Answers.Single(a => a.Url == requestUrl).ETag;
        var highest = recorded.Answers.Where(a => IncidentPage().IsMatch(a.Url))
            .SelectMany(a => a.Body!.Value.GetProperty("items").EnumerateArray()).Max(i => Sequence(i.GetProperty("number").GetString()!));

        // An upgraded record changes under the ETag the release gave it, and takes a comment.
        var edited = await admin.SendWithIfMatchAsync(HttpMethod.Patch, incidentUrl, new { description = "Edited after the upgrade." }, etag);
        var comment = await admin.PostJsonAsync($"{incidentUrl}/comments", new { body = "Still on it after the upgrade.", isPublic = true });
        // The administrator decides a request the release left waiting for them.
        var decided = await admin.SendWithIfMatchAsync(HttpMethod.Post, $"{requestUrl}/decision", new { decision = "Approved" }, requestETag);
        // A new incident on the upgraded portfolio: numbered after the release's, measured by the upgraded policies, found by search.
        var created = await ProviderBuilder.CreatedAsync<JsonElement>(await admin.PostJsonAsync("/api/v1/incidents", new
        {
            title = "Zanzibar relay after the upgrade",
            serviceId = incident.GetProperty("serviceId").GetGuid(),
            customerId = incident.GetProperty("customerId").GetGuid(),
            requesterId = incident.GetProperty("requesterId").GetGuid(),
        }));
        var clocks = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/incidents/{created.GetProperty("id")}/sla");
        var found = await admin.GetFromJsonAsync<JsonElement>("/api/v1/incidents?text=zanzibar");
        // The person who signed in to the release signs in again: her account and the key ring came across.
        var signIn = await SignInAsync(app, recorded.SignInEmail, recorded.SignInPassword);
        // The release's work log is booked to its records' customers and services, and its cost rates carry their derived columns.
        var misbooked = await app.AsSystemAsync((db, _) => db.WorkLog.CountAsync(w => !db.WorkRecords.Any(r => r.Id == w.RecordId && r.CustomerId == w.CustomerId && r.ServiceId == w.ServiceId)));
        var booked = await app.AsSystemAsync((db, _) => db.WorkLog.CountAsync());
        var rates = await app.AsSystemAsync((db, _) => db.CostRates.ToListAsync());

        Assert.True(edited.StatusCode == HttpStatusCode.OK, $"PATCH {incidentUrl} under the release's ETag {etag}: {(int)edited.StatusCode} {await edited.Content.ReadAsStringAsync()}");
        Assert.Equal(ETagAfter(etag), edited.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
        Assert.True(decided.StatusCode == HttpStatusCode.OK, $"decision on {requestUrl}: {(int)decided.StatusCode} {await decided.Content.ReadAsStringAsync()}");
        Assert.True(Sequence(created.GetProperty("number").GetString()!) > highest, $"{created.GetProperty("number")} is not numbered after the release's highest, {highest}");
        Assert.NotEqual(0, clocks.GetArrayLength());
        Assert.Equal(created.GetProperty("id").GetGuid(), Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect && signIn.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("steward.auth=", StringComparison.Ordinal)),
            $"signing in as {recorded.SignInEmail} answered {(int)signIn.StatusCode} without the sign-in cookie");
        Assert.True(booked > 0 && misbooked == 0, $"{misbooked} of {booked} work log entries are not booked to their record's customer and service");
        Assert.All(rates, r => Assert.Equal(Core.Finance.MoneyUnits.Of(r.HourlyAmount), r.HourlyUnits));
        Assert.All(rates, r => Assert.Equal(rates.Where(n => n.PersonId == r.PersonId && n.TeamId == r.TeamId && n.ValidFrom > r.ValidFrom).Select(n => (LocalDate?)n.ValidFrom).Min(), r.ValidUntil));
    }

    static async Task<List<string>> DifferencesAsync(HttpClient client, RecordedAnswer answer)
    {
        using var response = await client.GetAsync(answer.Url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if ((int)response.StatusCode != answer.Status)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            return [$"status: the release answered {answer.Status}, now {(int)response.StatusCode}: {text[..Math.Min(300, text.Length)]}"];
        }
        var differences = new List<string>();
        if (answer.ETag != response.Headers.ETag?.Tag)
            differences.Add($"ETag: the release answered {answer.ETag ?? "none"}, now {response.Headers.ETag?.Tag ?? "none"}");
        if (answer.Body is { } body)
        {
            using var document = JsonDocument.Parse(bytes);
            differences.AddRange(AnswerComparison.Differences(answer.Url, body, document.RootElement));
        }
        else
        {
            var type = response.Content.Headers.ContentType?.MediaType;
            if (type != answer.ContentType) differences.Add($"Content-Type: the release answered {answer.ContentType}, now {type}");
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (bytes.Length != answer.Length || sha != answer.Sha256)
                differences.Add($"bytes: the release answered {answer.Length} bytes with SHA-256 {answer.Sha256}, now {bytes.Length} with {sha}");
        }
        return differences;
    }

    /// <summary>The first record of a kind the release answered in <paramref name="state"/>: its address, body and ETag.</summary>
    static (string Url, JsonElement Body, string ETag) Record(RecordedAnswers recorded, string collection, string state)
    {
        var answer = recorded.Answers.First(a => a.Url.StartsWith(collection, StringComparison.Ordinal) && RecordAddress().IsMatch(a.Url)
            && a.Body!.Value.GetProperty("state").GetString() == state);
        return (answer.Url, answer.Body!.Value, answer.ETag!);
    }

    static string ETagAfter(string etag) => $"\"{long.Parse(etag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture) + 1}\"";

    static long Sequence(string number) => long.Parse(Digits().Match(number).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Through the real /signin form, with its antiforgery token, as a browser does.</summary>
    static async Task<HttpResponseMessage> SignInAsync(StewardApp app, string email, string password)
    {
        using var browser = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/signin");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex(@"^/api/v1/(incidents|requests)/[0-9a-f-]{36}$")]
    private static partial Regex RecordAddress();

    [GeneratedRegex(@"^/api/v1/incidents\?")]
    private static partial Regex IncidentPage();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
