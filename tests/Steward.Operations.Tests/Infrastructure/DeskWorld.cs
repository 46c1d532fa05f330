using System.Net.Http.Headers;
using System.Text.Json;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// A provider's service desk set up through the API as the administrator: a customer subscribed to an
/// e-mail service, a service desk with one agent performing incident management, a round-the-clock
/// calendar and an SLA policy whose first-response target and breach escalation are short enough to
/// fall due while a test runs.
/// </summary>
public sealed record DeskWorld(Guid ProviderId, Guid CustomerId, Guid ServiceId, Guid DeskId, Guid AgentId)
{
    public const string Incidents = "/api/v1/incidents";

    static readonly string[] Processes = ["incident-management"];
    static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    /// <param name="firstResponse">The P3 first-response target; a breach notifies the desk.</param>
    public static async Task<DeskWorld> CreateAsync(HttpClient admin, string firstResponse = "PT8H")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var provider = Id(await admin.PostAsync("/api/v1/organizations", new { name = $"Ops provider {tag}", kind = "Provider" }));
        var customer = Id(await admin.PostAsync("/api/v1/organizations", new { name = $"Ops customer {tag}", kind = "Customer" }));
        await admin.PostAsync($"/api/v1/organizations/{provider}/partners", new { organizationId = customer });
        var service = Id(await admin.PostAsync("/api/v1/services", new { providerId = provider, name = $"E-mail {tag}", type = "Business", processKeys = Processes }));
        var offering = Id(await admin.PostAsync("/api/v1/offerings", new { serviceId = service, name = "Standard" }));
        await admin.PostAsync("/api/v1/subscriptions", new { offeringId = offering, customerId = customer, start = "2024-01-01", chargeAmount = 100, chargeCurrency = "EUR" });
        var desk = Id(await admin.PostAsync("/api/v1/teams", new { organizationId = provider, name = "Service desk" }));
        var agent = Id(await admin.PostAsync("/api/v1/people", new
        {
            organizationId = provider, name = "Desk Agent", email = $"agent-{tag}@ops.example", timeZone = "Europe/Amsterdam", locale = "en-GB",
        }));
        await admin.PostAsync($"/api/v1/teams/{desk}/members", new { personId = agent });
        await admin.PostAsync("/api/v1/sourcing/assignments", new { serviceId = service, processKey = "incident-management", performerId = desk, accountableId = provider });
        var calendar = Id(await admin.PostAsync("/api/v1/sla/calendars", new
        {
            organizationId = provider, name = "Round the clock", timeZone = "Etc/UTC",
            weeklyHours = Days.Select(d => new { day = d, start = "00:00", end = "24:00" }).ToArray(),
        }));
        await admin.PostAsync("/api/v1/sla/policies", new
        {
            organizationId = provider, name = "Ops incidents", calendarId = calendar,
            targets = Enumerable.Range(1, 5).Select(p => new { priority = p, firstResponse, resolution = "PT72H" }).ToArray(),
            warningPercent = (int?)null,
            escalations = new object[] { new { when = "Breach", metric = "FirstResponse", action = "Notify" } },
        });
        return new DeskWorld(provider, customer, service, desk, agent);
    }

    static Guid Id(JsonElement created) => created.GetProperty("id").GetGuid();

    public object NewIncident(string title) => new
    {
        title, description = "Since 09:00 no mail arrives in the shared mailbox.", serviceId = ServiceId, customerId = CustomerId,
        impact = "Medium", urgency = "Medium",
    };

    /// <summary>Attaches a text file (multipart, part "file") to a record and returns the attachment's id.</summary>
    public static async Task<Guid> AttachAsync(HttpClient http, Guid incidentId, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", fileName);
        using var response = await http.PostAsync($"{Incidents}/{incidentId}/attachments", form);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Attaching gave {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }
}
