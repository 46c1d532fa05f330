using Npgsql;
using Steward.Operations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Steward.Operations.Tests.Scaling;

/// <summary>
/// Two servers on one PostgreSQL database behind nginx, configured as docs/operations.md says. Mixed
/// load goes through nginx: creates, comments, title edits under ETags, a person's sign-in cookie,
/// and SLA breaches falling due every few seconds. One server is killed in the middle. Afterwards:
/// every acknowledged write is there, no record number is used twice, every escalation that fell due
/// fired exactly once, and the person is still signed in, through the other server.
/// </summary>
public sealed class TwoServersBehindNginxTests(ITestOutputHelper output)
{
    /// <summary>Short enough that breaches fall due while the load runs, on both servers and after one is gone.</summary>
    const string FirstResponse = "PT15S";

    [NginxFact]
    public async Task Mixed_load_through_nginx_survives_losing_a_server_without_losing_or_doubling_anything()
    {
        await using var store = await Store.CreateAsync(Store.Postgres);
        var proxied = new Dictionary<string, string> { ["Steward__TrustForwardedHeaders"] = "true" };
        await using var a = ServerProcess.Start(store, "server-a", settings: proxied);
        await a.WaitReadyAsync();
        await using var b = ServerProcess.Start(store, "server-b", settings: proxied);
        await b.WaitReadyAsync();
        await using var nginx = await Nginx.StartAsync(a.Port, b.Port);

        var admin = Clients.Bearer(nginx.BaseUri, ServerProcess.AdminToken);
        var world = await DeskWorld.CreateAsync(admin, FirstResponse);
        var cookie = await Clients.SignInAsync(nginx.BaseUri, "admin@steward.local", await a.AdminPasswordAsync());
        Assert.True(await Clients.IsSignedInAsync(a.BaseUri, cookie), "The sign-in made through nginx does not work on server A.");
        Assert.True(await Clients.IsSignedInAsync(b.BaseUri, cookie), "The sign-in made through nginx does not work on server B.");

        // Internal notes, not public comments: a public comment is the first response, and every
        // incident's first-response clock is to run out and escalate.
        var load = new WriteLoad(world, _ => admin, publicComments: false);
        using var stop = new CancellationTokenSource();
        var writing = load.RunAsync(8, "nginx", stop.Token);
        var sessions = KeepCheckingSessionAsync(nginx.BaseUri, cookie, stop.Token);
        await WriteLoad.WaitUntilAsync(() => load.Creates.Count >= 300, TimeSpan.FromSeconds(90));
        // Both servers' SLA workers claim due breaches; A is killed once it has fired some.
        var servedByA = 0L;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); servedByA < 3 && DateTime.UtcNow < deadline; await Task.Delay(200))
            servedByA = await ServedByAsync(store, "server-a");
        await a.KillAsync();
        var killedAt = DateTime.UtcNow;
        await WriteLoad.WaitUntilAsync(() => load.Creates.Count(c => c.AcknowledgedAt > killedAt) >= 300, TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await writing;
        var (checks, signedOut) = await sessions;

        var missing = await Acknowledged.FindMissingAsync(admin, load);
        Assert.True(missing.Problems.Count == 0, missing.ToString());
        Assert.True(await Clients.IsSignedInAsync(nginx.BaseUri, cookie), "The person was signed out when server A went away.");
        Assert.True(signedOut == 0, $"{signedOut} of {checks} session checks through nginx found the person signed out.");

        // Every breach due by now has fired, once, with one notification to the desk's agent each.
        var lastCreate = load.Creates.Max(c => c.AcknowledgedAt);
        var quiet = lastCreate + TimeSpan.FromSeconds(15) - DateTime.UtcNow;
        if (quiet > TimeSpan.Zero) await Task.Delay(quiet);
        var escalations = await EscalationsAsync(store, world);
        output.WriteLine($"{load.Creates.Count} incidents ({servedByA} jobs fired by A before it was killed), {load.Failures} writes refused or failed around the kill, " +
                         $"{load.Conflicts} edits refused with 412; {checks} session checks; {missing}; {escalations}");
        Assert.Equal(0, escalations.Duplicates);
        Assert.True(escalations.Overdue == 0, $"{escalations.Overdue} escalations were due more than 5 s ago and have not fired.");
        Assert.Equal(escalations.Fired, escalations.Notified);
        Assert.True(escalations.FiredBy.SetEquals(["server-a", "server-b"]), $"Escalations were fired by {string.Join(", ", escalations.FiredBy)}; both servers should have taken part.");
        Assert.Equal(0, escalations.DuplicateNumbers);
    }

    /// <summary>The person's cookie, through nginx, every 100 ms until the load stops: how many checks, and how many found them signed out.</summary>
    static async Task<(int Checks, int SignedOut)> KeepCheckingSessionAsync(Uri nginx, string cookie, CancellationToken stop)
    {
        var (checks, signedOut) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                checks++;
                if (!await Clients.IsSignedInAsync(nginx, cookie)) signedOut++;
            }
            catch (HttpRequestException)
            {
                checks--;   // nginx itself did not answer: not a sign-in question
            }
            await Task.Delay(100, CancellationToken.None);
        }
        return (checks, signedOut);
    }

    static async Task<long> ServedByAsync(Store store, string server)
    {
        await using var db = store.OpenPostgres();
        await using var command = new NpgsqlCommand("""SELECT count(*) FROM "SlaJobs" WHERE "FiredBy" = @server""", db);
        command.Parameters.AddWithValue("server", server);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    sealed record Escalations(long Fired, long Notified, long Duplicates, long Overdue, HashSet<string> FiredBy, long DuplicateNumbers)
    {
        public override string ToString() => $"{Fired} escalations fired ({Notified} notifications) by {string.Join(" and ", FiredBy)}, {Overdue} overdue, {Duplicates} notified twice";
    }

    static async Task<Escalations> EscalationsAsync(Store store, DeskWorld world)
    {
        await using var db = store.OpenPostgres();
        async Task<long> CountAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, db);
            command.Parameters.AddWithValue("provider", world.ProviderId);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        var fired = await CountAsync("""SELECT count(*) FROM "SlaJobs" WHERE "ProviderId" = @provider AND "FiredAt" IS NOT NULL""");
        var overdue = await CountAsync("""SELECT count(*) FROM "SlaJobs" WHERE "ProviderId" = @provider AND "FiredAt" IS NULL AND "DueAt" < now() - interval '5 seconds'""");
        var notified = await CountAsync("""
            SELECT count(*) FROM "Notifications" n JOIN "WorkRecords" r ON r."Id" = n."RecordId" WHERE r."ProviderId" = @provider
            """);
        var duplicates = await CountAsync("""
            SELECT count(*) FROM (SELECT n."RecordId", n."PersonId" FROM "Notifications" n JOIN "WorkRecords" r ON r."Id" = n."RecordId"
                                  WHERE r."ProviderId" = @provider GROUP BY 1, 2 HAVING count(*) > 1) twice
            """);
        var numbers = await CountAsync("""SELECT count(*) FROM (SELECT "Number" FROM "WorkRecords" GROUP BY 1 HAVING count(*) > 1) twice""");
        var by = new HashSet<string>();
        await using (var command = new NpgsqlCommand("""SELECT DISTINCT "FiredBy" FROM "SlaJobs" WHERE "ProviderId" = @provider AND "FiredBy" IS NOT NULL""", db))
        {
            command.Parameters.AddWithValue("provider", world.ProviderId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) by.Add(reader.GetString(0));
        }
        return new Escalations(fired, notified, duplicates, overdue, by, numbers);
    }
}
