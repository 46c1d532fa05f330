namespace Steward.Bench;

/// <summary>The data a scenario reads from: organizations and people that exist before the run.</summary>
public sealed class BenchData
{
    public List<Guid> Organizations { get; } = [];
    public List<Guid> PeopleOrganizations { get; } = [];
    public List<Guid> People { get; } = [];
    public List<string> PeopleCursors { get; } = [];
    /// <summary>Search terms that each match exactly one seeded person ("p123." of p123.tag@bench.example).</summary>
    public List<string> PeopleEmails { get; } = [];
}

public static class Scenarios
{
    public static readonly string[] Names =
        ["health", "create-org", "get-org", "list-orgs", "list-people", "list-people-q", "list-people-q1", "list-people-org", "list-people-cursor", "get-person", "create-incident"];

    static readonly string[] SearchTerms = Seeder.LastNames.Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>Returns the request factory of a scenario, preparing what it needs first.</summary>
    public static async Task<Func<int, long, HttpRequestMessage>> PrepareAsync(string scenario, HttpClient http, BenchData data)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        switch (scenario)
        {
            case "health":
                // The floor: the same pipeline with no authentication and no database.
                return (_, _) => new HttpRequestMessage(HttpMethod.Get, "health");
            case "create-org":
                return (client, seq) => Api.CreateOrganization($"bench {run} {client}-{seq}");
            case "get-org":
                if (data.Organizations.Count == 0) data.Organizations.AddRange(await Api.CreateOrganizationsAsync(http, $"get-org {run}", 200));
                return Pick(data.Organizations, id => $"api/v1/organizations/{id}");
            case "list-orgs":
                return (_, _) => new HttpRequestMessage(HttpMethod.Get, "api/v1/organizations?limit=50");
            case "list-people":
                return (_, _) => new HttpRequestMessage(HttpMethod.Get, "api/v1/people?limit=50");
            case "list-people-q":
                return (client, seq) => new HttpRequestMessage(HttpMethod.Get,
                    $"api/v1/people?limit=50&q={Uri.EscapeDataString(SearchTerms[(int)((client * 7919 + seq) % SearchTerms.Length)])}");
            case "list-people-q1":
                // A search that matches one person (an e-mail fragment): the filter cannot stop early.
                Require(data.PeopleEmails, scenario);
                return Pick(data.PeopleEmails, e => $"api/v1/people?limit=50&q={Uri.EscapeDataString(e)}");
            case "list-people-org":
                if (data.PeopleOrganizations.Count == 0) await SamplePeopleAsync(http, data);
                Require(data.PeopleOrganizations, scenario);
                return Pick(data.PeopleOrganizations, id => $"api/v1/people?limit=50&organizationId={id}");
            case "list-people-cursor":
                if (data.PeopleCursors.Count == 0) data.PeopleCursors.AddRange(await Api.CursorsAsync(http, "api/v1/people", 1000));
                Require(data.PeopleCursors, scenario);
                return Pick(data.PeopleCursors, c => $"api/v1/people?limit=50&cursor={Uri.EscapeDataString(c)}");
            case "get-person":
                if (data.People.Count == 0) await SamplePeopleAsync(http, data);
                Require(data.People, scenario);
                return Pick(data.People, id => $"api/v1/people/{id}");
            case "create-incident":
                return IncidentScenario.Create(await IncidentScenario.PrepareAsync(http), run);
            default:
                throw new ArgumentException($"Unknown scenario '{scenario}'; one of: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>When the bench did not seed the people itself: take ids and organizations from the first pages of the list.</summary>
    static async Task SamplePeopleAsync(HttpClient http, BenchData data)
    {
        string? next = null;
        for (var page = 0; page < 5; page++)
        {
            var url = "api/v1/people?limit=200" + (next is null ? "" : $"&cursor={Uri.EscapeDataString(next)}");
            var doc = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(http, url);
            foreach (var item in doc.GetProperty("items").EnumerateArray())
            {
                data.People.Add(item.GetProperty("id").GetGuid());
                var org = item.GetProperty("organizationId").GetGuid();
                if (!data.PeopleOrganizations.Contains(org)) data.PeopleOrganizations.Add(org);
            }
            if (doc.GetProperty("next").ValueKind != System.Text.Json.JsonValueKind.String) break;
            next = doc.GetProperty("next").GetString();
        }
    }

    static Func<int, long, HttpRequestMessage> Pick<T>(List<T> items, Func<T, string> url)
    {
        var snapshot = items.ToArray();
        return (client, seq) => new HttpRequestMessage(HttpMethod.Get,
            url(snapshot[(int)((uint)HashCode.Combine(client, seq) % (uint)snapshot.Length)]));
    }

    static void Require<T>(List<T> items, string scenario)
    {
        if (items.Count == 0) throw new InvalidOperationException($"Scenario {scenario} needs seeded people (see 'seed-people' or 'all').");
    }
}
