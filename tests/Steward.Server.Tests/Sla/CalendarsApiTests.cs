using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Sla;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Sla;

public sealed class CalendarsApiTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Url = "/api/v1/sla/calendars";
    static readonly string[] Weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

    static object Office(string name = "London office", string zone = "Europe/London") => new
    {
        name, timeZone = zone,
        weeklyHours = Weekdays.Select(d => new { day = d, start = "09:00", end = "17:00" }).ToArray(),
        holidays = new[] { new { date = "2026-12-25", name = "Christmas Day" }, new { date = "2026-12-28", name = "Boxing Day (substitute)" } },
    };

    async Task<(ProviderBuilder Provider, CalendarView Calendar)> OfficeAsync()
    {
        var provider = await ProviderBuilder.StartAsync(app);
        return (provider, await ProviderBuilder.CreatedAsync<CalendarView>(await provider.Manager.PostJsonAsync(Url, Office())));
    }

    [Fact]
    public async Task A_calendar_reads_back_as_given_and_belongs_to_the_callers_organization()
    {
        var (provider, calendar) = await OfficeAsync();

        var read = await provider.Manager.GetFromJsonAsync<CalendarView>($"{Url}/{calendar.Id}", StewardApp.Json);
        var listed = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}?organizationId={provider.Id}");

        Assert.Equal(provider.Id, read!.OrganizationId);
        Assert.Equal("Europe/London", read.TimeZone);
        Assert.Equal(5, read.WeeklyHours.Count);
        Assert.Equal(new WorkingHoursView(IsoDayOfWeek.Monday, "09:00", "17:00"), read.WeeklyHours[0]);
        Assert.Equal([new HolidayView(new LocalDate(2026, 12, 25), "Christmas Day"), new HolidayView(new LocalDate(2026, 12, 28), "Boxing Day (substitute)")], read.Holidays);
        Assert.Equal([calendar.Id], listed.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Due_and_elapsed_count_business_time_over_holidays_and_the_weekend()
    {
        var (provider, calendar) = await OfficeAsync();

        // Thursday 24 December 16:00 + 3 h: 1 h on Thursday, then Friday 25 and Monday 28 are holidays, so 2 h on Tuesday 29.
        var due = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/due?start=2026-12-24T16:00:00Z&duration=PT3H");
        var elapsed = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/elapsed?from=2026-12-24T16:00:00Z&to=2026-12-29T11:00:00Z");
        var withOffset = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/due?start=2026-12-24T17:00:00%2B01:00&duration=PT30M");
        var unencodedPlus = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/due?start=2026-12-24T17:00:00+01:00&duration=PT30M");

        Assert.Equal("2026-12-29T11:00:00Z", due.GetProperty("due").GetString());
        Assert.Equal("PT3H", elapsed.GetProperty("elapsed").GetString());
        Assert.Equal(10800, elapsed.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal("2026-12-24T16:30:00Z", withOffset.GetProperty("due").GetString());
        Assert.Equal("2026-12-24T16:30:00Z", unencodedPlus.GetProperty("due").GetString());
    }

    [Fact]
    public async Task A_change_of_hours_applies_to_the_next_question_at_once()
    {
        var (provider, calendar) = await OfficeAsync();
        var before = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/due?start=2026-11-30T16:00:00Z&duration=PT2H");

        var changed = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{calendar.Id}", new
        {
            name = "London office", timeZone = "Europe/London",
            weeklyHours = new[] { new { day = "Monday", start = "09:00", end = "20:00" } },
        }, $"\"{calendar.Version}\"");
        var after = await provider.Manager.GetFromJsonAsync<JsonElement>($"{Url}/{calendar.Id}/due?start=2026-11-30T16:00:00Z&duration=PT2H");
        var stale = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Put, $"{Url}/{calendar.Id}", Office(), $"\"{calendar.Version}\"");

        Assert.Equal("2026-12-01T10:00:00Z", before.GetProperty("due").GetString());
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("2026-11-30T18:00:00Z", after.GetProperty("due").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Theory]
    [InlineData("Mars/Olympus", null, null, null, "timeZone")]
    [InlineData("Europe/London", "Funday", "09:00", "17:00", "weeklyHours[0].day")]
    [InlineData("Europe/London", "Monday, Tuesday", "09:00", "17:00", "weeklyHours[0].day")]
    [InlineData("Europe/London", "3", "09:00", "17:00", "weeklyHours[0].day")]
    [InlineData("Europe/London", "Monday", "9am", "17:00", "weeklyHours[0].start")]
    [InlineData("Europe/London", "Monday", "24:00", "17:00", "weeklyHours[0].start")]
    [InlineData("Europe/London", "Monday", "09:00", "24:30", "weeklyHours[0].end")]
    [InlineData("Europe/London", "Monday", "16:00", "18:00", "weeklyHours")]   // overlaps Monday 09:00–17:00
    [InlineData("Europe/London", "Sunday", "22:00", "09:30", "weeklyHours")]   // overnight into Monday morning
    public async Task Bad_zones_malformed_times_and_overlapping_intervals_are_refused_naming_the_field(string zone, string? day, string? start, string? end, string field)
    {
        var provider = await ProviderBuilder.StartAsync(app);
        var hours = new List<object> { new { day = "Monday", start = "09:00", end = "17:00" } };
        if (day is not null) hours.Insert(0, new { day, start, end });

        var response = await provider.Manager.PostJsonAsync(Url, new { name = "Bad", timeZone = zone, weeklyHours = hours });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("due?duration=PT1H", "start")]
    [InlineData("due?start=yesterday&duration=PT1H", "start")]
    [InlineData("due?start=1800-01-01T00:00:00Z&duration=PT1H", "start")]
    [InlineData("due?start=2026-12-01T09:00:00Z", "duration")]
    [InlineData("due?start=2026-12-01T09:00:00Z&duration=8h", "duration")]
    [InlineData("due?start=2026-12-01T09:00:00Z&duration=P1M", "duration")]
    [InlineData("due?start=2026-12-01T09:00:00Z&duration=-PT1H", "duration")]
    [InlineData("due?start=2026-12-01T09:00:00Z&duration=P99999D", "duration")]
    [InlineData("elapsed?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("elapsed?to=2026-12-01T00:00:00Z", "from")]
    public async Task Bad_instants_and_durations_are_refused_naming_the_parameter(string query, string field)
    {
        var (provider, calendar) = await OfficeAsync();

        var response = await provider.Manager.GetAsync($"{Url}/{calendar.Id}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Names_are_unique_per_organization_and_other_tenants_calendars_are_not_found()
    {
        var (provider, calendar) = await OfficeAsync();
        var other = await ProviderBuilder.StartAsync(app);

        var duplicate = await provider.Manager.PostJsonAsync(Url, Office());
        var sameNameElsewhere = await other.Manager.PostJsonAsync(Url, Office());
        var foreignRead = await other.Manager.GetAsync($"{Url}/{calendar.Id}");
        var foreignDue = await other.Manager.GetAsync($"{Url}/{calendar.Id}/due?start=2026-12-01T09:00:00Z&duration=PT1H");
        var foreignOwner = await other.Manager.PostJsonAsync(Url, new { name = "Theirs", timeZone = "UTC", weeklyHours = Array.Empty<object>(), organizationId = provider.Id });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sameNameElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignDue.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreignOwner.StatusCode);
        Assert.Contains("organizationId", await foreignOwner.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_calendar_is_journaled_and_deleted_with_its_etag()
    {
        var (provider, calendar) = await OfficeAsync();
        var agent = (await app.AddPersonAsync(provider.Id, Roles.Agent)).Client;

        var byAgent = await agent.SendWithIfMatchAsync(HttpMethod.Delete, $"{Url}/{calendar.Id}", null, $"\"{calendar.Version}\"");
        var deleted = await provider.Manager.SendWithIfMatchAsync(HttpMethod.Delete, $"{Url}/{calendar.Id}", null, $"\"{calendar.Version}\"");
        var journal = await provider.Manager.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entityId={calendar.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.Manager.GetAsync($"{Url}/{calendar.Id}")).StatusCode);
        Assert.Equal(2, journal.GetProperty("items").GetArrayLength());
    }
}
