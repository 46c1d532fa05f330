using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Steward.ReleaseFixture;

/// <summary>A row written with SQL because no API of the release writes that table, and why.</summary>
sealed record DirectRow(string Table, string Why);

/// <summary>
/// What happens to a database once the release has stopped: rows for the tables no API writes,
/// every table counted (an empty one fails the generation, so that every table's migration path
/// is exercised with data), and the database saved into the fixture.
/// </summary>
static class Databases
{
    /// <summary>Tables that are empty by design between two starts of the server; they are listed, never filled.</summary>
    public static readonly IReadOnlyDictionary<string, string> EmptyByDesign = new Dictionary<string, string>
    {
        // EF Core's migration lock (SQLite): a row means a migration is running, and would make the next start wait for it.
        ["__EFMigrationsLock"] = "EF Core's migration lock: a row would mean a migration is running now",
    };

    /// <summary>ASP.NET Core Identity's tables that Steward does not use (claims, external logins, authenticator tokens, role claims).</summary>
    static readonly DirectRow[] IdentityRows =
    [
        new("AccountClaims", "Steward keeps no claims on accounts; a claim as Identity would store it"),
        new("AccountLogins", "Steward has no external sign-in yet; a login as Identity would store one"),
        new("AccountTokens", "Steward has no two-factor sign-in yet; an authenticator key as Identity would store it"),
        new("RoleClaims", "Steward's roles carry no claims; a claim as Identity would store it"),
    ];

    // ------------------------------------------------------------------------------------ tokens

    /// <summary>Why the people's tokens are written with SQL (the README says it).</summary>
    public const string TokensWhy =
        "only a signed-in person makes a token, for themselves (`POST /api/v1/me/tokens` with a token of their own, or *My tokens* in the browser), "
        + "and the generator acts as people other than the administrator: it wrote, while the release ran, one token for each of them as "
        + "`/api/v1/me/tokens` writes it (SHA-256 of the secret, the secret's first 8 characters as its hint, version 0, 30 days to expiry); "
        + "all they did with it went through the API";

    /// <summary>
    /// Writes a token for the person with this email into the running release's database and
    /// answers its secret. The release looks a token up by its hash on first use, so it takes it at once.
    /// </summary>
    /// <param name="target">The SQLite file, or the PostgreSQL connection string.</param>
    public static async Task<string> IssueTokenAsync(string database, string target, string email)
    {
        var secret = "stw_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        var now = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(now);
        // The person's own id and organization, as the database holds them (SQLite: upper-case text).
        const string Insert = """
            INSERT INTO "AccessTokens" ("Id", "PersonId", "OrganizationId", "Name", "Hash", "Hint", "CreatedAt", "ExpiresAt", "RevokedAt", "Version")
            SELECT {0}id, "Id", "OrganizationId", 'Release fixture', {0}hash, {0}hint, {0}created, {0}expires, NULL, 0 FROM "People" WHERE "Email" = {0}email
            """;
        int written;
        if (database == "sqlite")
        {
            await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false, DefaultTimeout = 30 }.ToString());
            await db.OpenAsync();
            written = await ExecuteAsync(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, Insert, "$"),
                ("$id", id.ToString().ToUpperInvariant()), ("$hash", hash), ("$hint", secret[..8] + "…"),
                ("$created", UnixTicks(now)), ("$expires", UnixTicks(now.AddDays(30))), ("$email", email));
        }
        else
        {
            await using var db = new NpgsqlConnection(target);
            await db.OpenAsync();
            written = await ExecuteAsync(db, string.Format(System.Globalization.CultureInfo.InvariantCulture, Insert, "@"),
                ("@id", id), ("@hash", hash), ("@hint", secret[..8] + "…"),
                ("@created", now.UtcDateTime), ("@expires", now.AddDays(30).UtcDateTime), ("@email", email));
        }
        if (written != 1) throw new InvalidOperationException($"No person with the email {email} to write a token for.");
        return secret;
    }

    /// <summary>NodaTime's Unix ticks, as Steward stores instants on SQLite.</summary>
    static long UnixTicks(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks;

    // ---------------------------------------------------------------------------------- SQLite

    public static async Task<(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<DirectRow> Direct)> FinishSqliteAsync(
        string dataDirectory, string target, string personEmail, string roleName)
    {
        var source = Path.Combine(dataDirectory, "steward.db");
        var direct = new List<DirectRow>();
        IReadOnlyDictionary<string, long> counts;
        await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false, ForeignKeys = true }.ToString()))
        {
            await db.OpenAsync();
            await IdentityAsync(db, personEmail, roleName, direct, "$");

            // The release indexes new records for search a few times a second and had indexed them all
            // by the time it stopped. A server stopped between a create and the next round leaves the
            // record noted in RecordSearchPending and missing from the index: that state, for the newest record.
            await ExecuteAsync(db, """
                DELETE FROM "RecordSearch" WHERE rowid = (SELECT max(rowid) FROM "WorkRecords");
                INSERT INTO "RecordSearchPending" ("RecordRowId") SELECT max(rowid) FROM "WorkRecords";
                """);
            direct.Add(new("RecordSearchPending", "a record noted for indexing that the search index does not have yet (the newest one's index row removed), as a server stopped between a create and its next indexing round leaves it"));

            // On SQLite the release numbers records from the highest one stored; only PostgreSQL's
            // servers reserve numbers in RecordCounters. The rows PostgreSQL would hold: the next number of each kind.
            await ExecuteAsync(db, """
                INSERT INTO "RecordCounters" ("Kind", "Next")
                SELECT "Kind", max("Sequence") + 1 FROM "WorkRecords" GROUP BY "Kind";
                """);
            direct.Add(new("RecordCounters", "the release numbers records on SQLite from the highest one stored and reserves numbers in this table only on PostgreSQL; the rows PostgreSQL would hold (each kind's next number)"));

            counts = await CountAsync(db, """SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name""");
            Check(counts);
        }
        // The file as the release left it after a clean shutdown (still in WAL mode, as the server
        // keeps it; the last connection's close folded the log back in and removed it), gzip'd: a
        // database with a page or more per table and index is mostly zeros. Not VACUUM INTO: its
        // copy is in rollback-journal mode, which is not what an operator upgrading has.
        if (File.Exists(source + "-wal")) throw new InvalidOperationException($"{source}-wal is still there after the last connection closed.");
        await using (var input = File.OpenRead(source))
        await using (var output = File.Create(target))
        await using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            await input.CopyToAsync(gzip);
        return (counts, direct);
    }

    // ------------------------------------------------------------------------------ PostgreSQL

    public static async Task<string> CreatePostgresAsync(string server, string name)
    {
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
    }

    public static async Task DropPostgresAsync(string server, string name)
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public static async Task<(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<DirectRow> Direct)> FinishPostgresAsync(
        string connectionString, string target, string personEmail, string roleName, string pgDump)
    {
        var direct = new List<DirectRow>();
        IReadOnlyDictionary<string, long> counts;
        await using (var db = new NpgsqlConnection(connectionString))
        {
            await db.OpenAsync();
            await IdentityAsync(db, personEmail, roleName, direct, "@");
            counts = await CountAsync(db, """
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
                """);
        }
        Check(counts);

        // Plain SQL with INSERT statements (no COPY blocks) and no owners or grants, so that the
        // test loads it into a database of any name with one Npgsql command; psql reads it too.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo(pgDump)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "--no-owner", "--no-privileges", "--no-comments", "--inserts", "--rows-per-insert=50", "--encoding=UTF8",
                     "-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database! })
            info.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(builder.Password)) info.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{pgDump} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var sql = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await stderr}");

        // pg_dump 15.14 and later frame the script with psql's \restrict and \unrestrict; psql
        // meta-commands are not SQL, and the script is loaded as SQL.
        var lines = sql.Split('\n').Where(l => !l.StartsWith('\\'));
        await using var output = File.Create(target);
        await using var gzip = new GZipStream(output, CompressionLevel.SmallestSize);
        await using var writer = new StreamWriter(gzip, new UTF8Encoding(false));
        await writer.WriteAsync(string.Join('\n', lines));
        return (counts, direct);
    }

    // ---------------------------------------------------------------------------------- shared

    /// <summary>Rows in Identity's tables Steward does not use, for the person and the role named.</summary>
    /// <param name="prefix">How the provider marks a parameter in SQL: <c>$</c> (SQLite) or <c>@</c> (Npgsql).</param>
    static async Task IdentityAsync(DbConnection db, string personEmail, string roleName, List<DirectRow> direct, string prefix)
    {
        string p(string name) => prefix + name;
        var user = await ScalarAsync(db, $"""SELECT "Id" FROM "Accounts" WHERE "NormalizedEmail" = {p("email")}""", (p("email"), personEmail.ToUpperInvariant()))
            ?? throw new InvalidOperationException($"No account for {personEmail}.");
        var role = await ScalarAsync(db, $"""SELECT "Id" FROM "Roles" WHERE "Name" = {p("role")}""", (p("role"), roleName))
            ?? throw new InvalidOperationException($"No role {roleName}.");
        await ExecuteAsync(db, $"""INSERT INTO "AccountClaims" ("UserId", "ClaimType", "ClaimValue") VALUES ({p("user")}, 'steward:fixture', 'claim of the release fixture')""", (p("user"), user));
        await ExecuteAsync(db, $"""INSERT INTO "AccountLogins" ("LoginProvider", "ProviderKey", "ProviderDisplayName", "UserId") VALUES ('Fixture', 'alice-0001', 'Fixture sign-in', {p("user")})""", (p("user"), user));
        await ExecuteAsync(db, $"""INSERT INTO "AccountTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ({p("user")}, '[AspNetUserStore]', 'AuthenticatorKey', 'JBSWY3DPEHPK3PXP')""", (p("user"), user));
        await ExecuteAsync(db, $"""INSERT INTO "RoleClaims" ("RoleId", "ClaimType", "ClaimValue") VALUES ({p("role")}, 'steward:fixture', 'claim of the release fixture')""", (p("role"), role));
        direct.AddRange(IdentityRows);
    }

    static async Task<IReadOnlyDictionary<string, long>> CountAsync(DbConnection db, string listTables)
    {
        var tables = new List<string>();
        await using (var command = db.CreateCommand())
        {
            command.CommandText = listTables;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            counts[table] = Convert.ToInt64(await ScalarAsync(db, $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\""), System.Globalization.CultureInfo.InvariantCulture);
        return counts;
    }

    static void Check(IReadOnlyDictionary<string, long> counts)
    {
        var empty = counts.Where(c => c.Value == 0 && !EmptyByDesign.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        if (empty.Count > 0)
            throw new InvalidOperationException($"Empty tables: {string.Join(", ", empty)}. Every table needs a row so that its migration path is tested with data; make one through the API (or, for a table no API writes, with SQL in Databases).");
    }

    static async Task<int> ExecuteAsync(DbConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    static async Task<object?> ScalarAsync(DbConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(db, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

#pragma warning disable CA2100 // Table names come from the database's own catalogue; values are parameters.
    static DbCommand Command(DbConnection db, string sql, (string Name, object Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
#pragma warning restore CA2100
}
