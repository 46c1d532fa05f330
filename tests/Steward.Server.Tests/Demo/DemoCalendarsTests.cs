using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Demo;

/// <summary>The demo's calendars are there on first start and count business time in their own zones.</summary>
public sealed class DemoCalendarsTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_service_desk_week_runs_into_Saturday_morning_and_the_major_incident_calendar_never_stops()
    {
        var page = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/sla/calendars?limit=50");
        var calendars = page.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetGuid());
        Assert.Contains("Kestrel trading hours", calendars.Keys);

        // A Friday in November next year, 17:00 in Amsterdam (16:00Z): one hour on Friday, one on Saturday from 09:00.
        var friday = new LocalDate(SystemClock.Instance.GetCurrentInstant().InUtc().Year + 1, 11, 1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Friday));
        var start = $"{friday:yyyy-MM-dd}T16:00:00Z";
        var desk = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sla/calendars/{calendars["Service desk (Amsterdam)"]}/due?start={start}&duration=PT2H");
        var always = await app.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sla/calendars/{calendars["Around the clock"]}/due?start={start}&duration=PT2H");

        Assert.Equal($"{friday.PlusDays(1):yyyy-MM-dd}T09:00:00Z", desk.GetProperty("due").GetString());   // 10:00 CET
        Assert.Equal($"{friday:yyyy-MM-dd}T18:00:00Z", always.GetProperty("due").GetString());
    }
}
