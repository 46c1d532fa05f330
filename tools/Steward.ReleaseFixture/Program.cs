using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Data.Common;

namespace Steward.ReleaseFixture;

/// <summary>
/// Makes the upgrade test's fixture of one release: runs that release's server (a built
/// Steward.Server.dll) on SQLite and on PostgreSQL, fills each database through the API, records the
/// API's answers and saves the database. See tests/Steward.Server.Tests/Upgrades and docs/testing.md.
/// </summary>
static class Program
{
    /// <summary>The administrator's token of every fixture (the database keeps only its hash).</summary>
    public const string AdminToken = "stw_release-fixture-administrator-token";
    const string ProviderName = "Fixture Provider";

    const string Usage = """
        Usage: dotnet run --project tools/Steward.ReleaseFixture -c Release -- --server <Steward.Server.dll> --out <folder>
                   [--postgres <connection string>] [--only sqlite|postgres] [--pg-dump <path>] [--keep]

          --server    the built server of the release (e.g. /tmp/release-09b0ed1/src/Steward.Server/bin/Release/net10.0/Steward.Server.dll)
          --out       the fixture folder to write (steward.db.gz, postgres.sql.gz, responses.*.json.gz, README.md)
          --postgres  a PostgreSQL server where a throwaway database may be created and dropped (required unless --only sqlite)
          --only      make one database's files only
          --pg-dump   the pg_dump to use (default: pg_dump on PATH, else /usr/lib/postgresql/15/bin/pg_dump)
          --keep      keep the temporary data folder, the server logs and the PostgreSQL database
        """;

    static async Task<int> Main(string[] args)
    {
        Dictionary<string, string?> options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        if (options.ContainsKey("help") || !options.TryGetValue("server", out var server) || !options.TryGetValue("out", out var folder))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var dll = Path.GetFullPath(server!);
        var output = Path.GetFullPath(folder!);
        var only = options.GetValueOrDefault("only");
        var postgres = options.GetValueOrDefault("postgres");
        if (!File.Exists(dll)) return Fail($"No server at {dll}: build the release first (dotnet build -c Release src/Steward.Server).");
        if (only is not (null or "sqlite" or "postgres")) return Fail("--only is sqlite or postgres.");
        if (only is not "sqlite" && string.IsNullOrWhiteSpace(postgres)) return Fail("--postgres is required (or --only sqlite).");

        Directory.CreateDirectory(output);
        var work = Directory.CreateTempSubdirectory("steward-release-fixture-").FullName;
        var keep = options.ContainsKey("keep");
        var release = await ReleaseOfAsync(dll);
        Console.WriteLine($"Release {release.Commit} ({release.Date}): {release.Subject}");
        if (Configuration != "Release") Console.WriteLine($"This tool is a {Configuration} build; docs/testing.md runs it with -c Release, and the README will say {Configuration}.");
        var results = new List<DatabaseResult>();
        var started = Stopwatch.StartNew();
        try
        {
            if (only is null or "sqlite") results.Add(await MakeAsync("sqlite", dll, output, work, postgres: null, release, keep));
            if (only is null or "postgres") results.Add(await MakeAsync("postgres", dll, output, work, postgres, release, keep, options.GetValueOrDefault("pg-dump")));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException or HttpRequestException or DbException or IOException)
        {
            Console.Error.WriteLine($"FAILED: {e.Message}");
            Console.Error.WriteLine($"The server logs are in {work}.");
            return 1;
        }
        await File.WriteAllTextAsync(Path.Combine(output, "README.md"), Readme(Path.GetFileName(output), release, args, results));
        if (!keep) Directory.Delete(work, recursive: true);
        Console.WriteLine($"Wrote {output} in {started.Elapsed.TotalSeconds:F0} s.");
        foreach (var file in Directory.GetFiles(output).Order(StringComparer.Ordinal))
            Console.WriteLine($"  {Path.GetFileName(file),-26} {new FileInfo(file).Length,9:N0} bytes");
        return 0;
    }

    sealed record Release(string Commit, string Date, string Subject);

    /// <summary>How this tool was built (<c>dotnet run -c Release</c>, as docs/testing.md says): the README names it as it was.</summary>
    static string Configuration =>
        typeof(Program).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration ?? "Debug";

    sealed record DatabaseResult(string Database, IReadOnlyDictionary<string, long> Counts, IReadOnlyList<DirectRow> Direct, IReadOnlyList<string> Tokens,
        int Responses, DateTimeOffset MadeAt);

    static async Task<DatabaseResult> MakeAsync(string database, string dll, string output, string work, string? postgres, Release release, bool keep, string? pgDump = null)
    {
        void Say(string what) => Console.WriteLine($"[{database}] {what}");
        var dataDirectory = Path.Combine(work, database + "-data");
        var environment = new Dictionary<string, string>
        {
            ["Steward__DataDirectory"] = dataDirectory,
            ["Steward__DemoData"] = "false",
            ["Steward__ProviderName"] = ProviderName,
            ["Steward__Database"] = database,
            ["STEWARD_ADMIN_TOKEN"] = AdminToken,
        };
        string? databaseName = null, connectionString = null;
        if (database == "postgres")
        {
            databaseName = "steward_fixture_" + Guid.NewGuid().ToString("N");
            connectionString = await Databases.CreatePostgresAsync(postgres!, databaseName);
            environment["ConnectionStrings__Steward"] = connectionString;
        }
        try
        {
            DateTimeOffset madeAt;
            List<JsonObject> responses;
            var tokens = new List<string>();
            await using (var server = ServerProcess.Start(dll, environment, Path.Combine(work, database + "-server.log")))
            {
                Say($"starting the release's server at {server.BaseUri}");
                await server.WaitReadyAsync(TimeSpan.FromMinutes(2));
                using var api = Api.For(server.BaseUri, AdminToken);
                async Task<string> IssueToken(string email)
                {
                    tokens.Add(email);
                    return await Databases.IssueTokenAsync(database, connectionString ?? Path.Combine(dataDirectory, "steward.db"), email);
                }
                var data = new FixtureData(api, server.BaseUri, what => Say(what), IssueToken);
                await data.MakeAsync();
                madeAt = data.MadeAt;
                // One round of the search indexer (SQLite indexes new records four times a second).
                await Task.Delay(TimeSpan.FromSeconds(1));
                Say($"recording {data.Reads.Count} addresses");
                responses = await Recorder.RecordAsync(api, data.Reads);
                Say("stopping the server (SIGTERM)");
                await server.StopAsync();
            }

            var (counts, direct) = database == "sqlite"
                ? await Databases.FinishSqliteAsync(dataDirectory, Path.Combine(output, "steward.db.gz"), FixtureData.AliceEmail, "Agent")
                : await Databases.FinishPostgresAsync(connectionString!, Path.Combine(output, "postgres.sql.gz"), FixtureData.AliceEmail, "Agent",
                    pgDump ?? PgDump());
            var header = new JsonObject
            {
                ["format"] = 1,
                ["release"] = Path.GetFileName(output),
                ["commit"] = release.Commit,
                ["database"] = database,
                ["adminToken"] = AdminToken,
                // A person who signed in through /signin: the upgraded server must let her in again.
                ["signIn"] = new JsonObject { ["email"] = FixtureData.AliceEmail, ["password"] = FixtureData.AlicePassword },
                ["madeAt"] = madeAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            await Recorder.WriteAsync(Path.Combine(output, $"responses.{database}.json.gz"), header, responses);
            Say($"{counts.Count} tables, {responses.Count} responses");
            return new DatabaseResult(database, counts, direct, tokens, responses.Count, madeAt);
        }
        finally
        {
            if (databaseName is not null && !keep) await Databases.DropPostgresAsync(postgres!, databaseName);
        }
    }

    static string PgDump()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/lib/postgresql/15/bin"))
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "pg_dump"))) return Path.Combine(dir, "pg_dump");
        throw new InvalidOperationException("pg_dump is not on PATH; give --pg-dump.");
    }

    /// <summary>The commit the server was built from: git of the folder the DLL is in (the release's worktree).</summary>
    static async Task<Release> ReleaseOfAsync(string dll)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        foreach (var arg in new[] { "log", "-1", "--format=%H%n%cI%n%s" }) info.ArgumentList.Add(arg);
        try
        {
            using var git = Process.Start(info)!;
            var text = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            var lines = text.Split('\n');
            if (git.ExitCode == 0 && lines.Length >= 3) return new Release(lines[0], lines[1], lines[2]);
        }
        catch (System.ComponentModel.Win32Exception) { }
        return new Release("unknown", "unknown", "(the server's folder is not in a git worktree)");
    }

    static Dictionary<string, string?> Parse(string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            if (name is "keep" or "help") options[name] = null;
            else if (i + 1 < args.Length) options[name] = args[++i];
            else throw new ArgumentException($"--{name} needs a value.");
        }
        return options;
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    static string Readme(string name, Release release, string[] args, IReadOnlyList<DatabaseResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Release fixture {name}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Made by the server of commit `{release.Commit}` ({release.Date}: \"{release.Subject}\"),");
        text.AppendLine(CultureInfo.InvariantCulture, $"on {string.Join(" and ", results.Select(r => $"{r.Database} at {r.MadeAt:yyyy-MM-dd HH:mm} UTC"))}, with:");
        text.AppendLine();
        text.AppendLine("```sh");
        text.AppendLine(CultureInfo.InvariantCulture, $"git worktree add --detach /tmp/release-{release.Commit[..Math.Min(7, release.Commit.Length)]} {release.Commit}");
        text.AppendLine(CultureInfo.InvariantCulture, $"dotnet build /tmp/release-{release.Commit[..Math.Min(7, release.Commit.Length)]}/src/Steward.Server -c Release");
        text.AppendLine("dotnet run --project tools/Steward.ReleaseFixture -c " + Configuration + " -- " + string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Contains(';', StringComparison.Ordinal) ? $"'{a}'" : a)));
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("Do not edit these files: they are what this release wrote and answered. (The command above, run again, makes");
        text.AppendLine("an equivalent fixture with other ids and instants; a later release never replaces this one.)");
        text.AppendLine("The upgrade test (`tests/Steward.Server.Tests/Upgrades`) starts the current server on a copy of each");
        text.AppendLine("database, lets it migrate, and checks that every recorded address answers as the release answered.");
        text.AppendLine();
        text.AppendLine("| File | What |");
        text.AppendLine("|---|---|");
        foreach (var r in results)
            text.AppendLine(r.Database == "sqlite"
                ? "| `steward.db.gz` | The SQLite database as the release left it after a clean shutdown (in WAL mode, no `-wal` beside it), gzip'd. |"
                : "| `postgres.sql.gz` | `pg_dump --no-owner --no-privileges --inserts`, gzip'd; psql's `\\restrict` lines taken out, so it is plain SQL for any database. |");
        foreach (var r in results)
            text.AppendLine(CultureInfo.InvariantCulture, $"| `responses.{r.Database}.json.gz` | {r.Responses} answers of the release on {r.Database}, one a line: address, status, ETag and JSON body (files: type, length, SHA-256). Administrator token: `{AdminToken}`. |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{FixtureData.AliceEmail} signs in through `/signin` with the password `{FixtureData.AlicePassword}`.");
        text.AppendLine();
        text.AppendLine("## What it holds");
        text.AppendLine();
        text.AppendLine("Made through the API as the administrator (provider \"Fixture Provider\"): customers Harbour Bank and");
        text.AppendLine("Quay Insurance, supplier Northwind Networks, contractor Ada Consulting, a second provider sharing Harbour");
        text.AppendLine("Bank, an archived customer; people of each with sign-ins and roles (one signed in through `/signin`, one");
        text.AppendLine("archived, one without a sign-in), teams and members, skills, cost rates, tokens (one revoked); services");
        text.AppendLine("(one retired) with dependencies, offerings, subscriptions (one ended); a tailored process and one of the");
        text.AppendLine("provider's own; sourcing assignments and agreements of every type; three business calendars (one edited,");
        text.AppendLine("so a revision exists), four SLA policies, a priority matrix; incidents new, in progress, on hold, resolved,");
        text.AppendLine("closed and reopened, with public and internal comments, work log, attachments (text and PNG), links, a");
        text.AppendLine("party clock under an underpinning contract; a fast policy (seconds) whose escalations the release's worker");
        text.AppendLine("fired (warnings, breaches, a priority raise, notifications); catalogue items (one retired) and requests");
        text.AppendLine("awaiting approval, approved at one stage, rejected, fulfilled, on hold with tasks, closed and cancelled.");
        text.AppendLine("Knowledge: two communities of practice with members of the provider, the supplier and the contractor (one");
        text.AppendLine("edited, one member's role changed); articles of several kinds and audiences: one sent back, approved by two");
        text.AppendLine("reviewers at the quorum and with a second version in review, an interpretation of ISO/IEC 20000-1 published");
        text.AppendLine("by a moderator below the quorum, one retired, a draft, a known error drafted from a resolved incident; reviews,");
        text.AppendLine("readers' feedback (a customer's and the provider's, one changed), a deflection, ties to incidents and a request.");
        text.AppendLine("Satisfaction: surveys on resolution (provider-wide, edited; one for e-mail incidents; an inactive one) and a");
        text.AppendLine("periodic one whose first round the release's worker ran; the invitations resolutions wrote, answers by the");
        text.AppendLine("invitees themselves (ratings 5, 2 and 1, and the periodic round's), the follow-ups the low ratings opened (one");
        text.AppendLine("completed).");
        text.AppendLine();
        text.AppendLine("## Rows per table");
        text.AppendLine();
        var tables = results.SelectMany(r => r.Counts.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        text.AppendLine("| Table | " + string.Join(" | ", results.Select(r => r.Database)) + " |");
        text.AppendLine("|---|" + string.Concat(results.Select(_ => "--:|")));
        foreach (var table in tables)
            text.AppendLine("| " + table + " | " + string.Join(" | ", results.Select(r => r.Counts.TryGetValue(table, out var n) ? n.ToString(CultureInfo.InvariantCulture) : "–")) + " |");
        text.AppendLine();
        text.AppendLine("Empty by design: " + string.Join("; ", Databases.EmptyByDesign.Select(e => $"`{e.Key}` ({e.Value})")) + ".");
        text.AppendLine();
        text.AppendLine("## Rows written with SQL");
        text.AppendLine();
        text.AppendLine("No API of the release writes these tables; the generator inserted one plausible row each after the server stopped,");
        text.AppendLine("so that their migrations are exercised with data too:");
        text.AppendLine();
        foreach (var row in results.SelectMany(r => r.Direct.Select(d => (r.Database, d.Table, d.Why))).GroupBy(d => (d.Table, d.Why)))
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{row.Key.Table}` ({string.Join(", ", row.Select(r => r.Database))}): {row.Key.Why}.");
        var people = results.SelectMany(r => r.Tokens).Distinct().ToList();
        if (people.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"And rows of `AccessTokens`, a table the API writes too, for {string.Join(", ", people)} ({string.Join(", ", results.Where(r => r.Tokens.Count > 0).Select(r => r.Database))}): {Databases.TokensWhy}.");
        }
        return text.ToString();
    }
}
