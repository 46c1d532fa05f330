using Steward.Core.Parties;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Steward.Bench;

/// <summary>
/// Loads people straight into the database (the API would take minutes for 100,000): one
/// transaction with a prepared command on SQLite, binary COPY on PostgreSQL. Rows look like the
/// ones EF writes: version 7 ids, lower-case unique e-mails, Instant as unix ticks on SQLite.
/// </summary>
public sealed class Seeder(string database, string? sqlitePath, string? postgresConnection)
{
    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Chloé", "Daan", "Emma", "Finn", "Grace", "Hugo", "Isla", "Jonas", "Kira", "Liam", "Mia", "Noah",
        "Olivia", "Pablo", "Quinn", "Ruth", "Sven", "Tara", "Umar", "Vera", "Wim", "Xena", "Yusuf", "Zoë",
    ];

    public static readonly string[] LastNames =
    [
        "Andersen", "Bakker", "Costa", "de Vries", "Evans", "Fischer", "García", "Hansen", "Ivanova", "Jansen", "Kowalski",
        "Larsen", "Müller", "Nowak", "O'Brien", "Petrov", "Quist", "Rossi", "Smith", "Tanaka", "Urban", "Visser", "Weber",
        "Xu", "Young", "Zimmermann",
    ];

    static readonly string[] Zones = ["Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo", "Etc/UTC"];
    static readonly string[] LocaleNames = ["nl-NL", "en-GB", "en-US", "ja-JP", "de-DE"];

    public sealed record Seeded(List<Guid> Ids, TimeSpan Elapsed);

    /// <summary>Adds people number <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), round-robin over the organizations.</summary>
    public async Task<Seeded> AddPeopleAsync(IReadOnlyList<Guid> organizations, int from, int to, string tag)
    {
        var sw = Stopwatch.StartNew();
        var rng = new Random(from);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<(Guid Id, Guid Org, string Name, string Email, string Title, string Zone, string Locale)>(to - from);
        for (var i = from; i < to; i++)
        {
            var first = FirstNames[rng.Next(FirstNames.Length)];
            var last = LastNames[rng.Next(LastNames.Length)];
            rows.Add((Guid.CreateVersion7(now.AddMilliseconds(i - to)), organizations[i % organizations.Count],
                $"{first} {last} {i}", $"p{i}.{tag}@bench.example", "Engineer", Zones[i % Zones.Length], LocaleNames[i % LocaleNames.Length]));
        }
        if (database == "postgres") await CopyPostgresAsync(rows, now);
        else InsertSqlite(rows, now);
        return new Seeded(rows.Select(r => r.Id).ToList(), sw.Elapsed);
    }

    void InsertSqlite(List<(Guid Id, Guid Org, string Name, string Email, string Title, string Zone, string Locale)> rows, DateTimeOffset now)
    {
        using var connection = new SqliteConnection($"Data Source={sqlitePath};Foreign Keys=True;Default Timeout=30");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = """
            INSERT INTO "People" ("Id","OrganizationId","Name","Email","JobTitle","Phone","TimeZone","Locale","CreatedAt","ArchivedAt","Version")
            VALUES ($id,$org,$name,$email,$title,NULL,$zone,$locale,$created,NULL,0)
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var org = insert.Parameters.Add("$org", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var email = insert.Parameters.Add("$email", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var zone = insert.Parameters.Add("$zone", SqliteType.Text);
        var locale = insert.Parameters.Add("$locale", SqliteType.Text);
        var created = insert.Parameters.Add("$created", SqliteType.Integer);
        insert.Prepare();
        // EF Core stores Guid on SQLite as upper-case "D" text; NodaTime Instants as unix ticks (InstantToTicksConverter).
        var ticks = (now - DateTimeOffset.UnixEpoch).Ticks;
        foreach (var r in rows)
        {
            id.Value = SqliteGuid(r.Id);
            org.Value = SqliteGuid(r.Org);
            name.Value = r.Name;
            email.Value = r.Email;
            title.Value = r.Title;
            zone.Value = r.Zone;
            locale.Value = r.Locale;
            created.Value = ticks;
            insert.ExecuteNonQuery();
        }
        tx.Commit();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        checkpoint.ExecuteNonQuery();
    }

    public static string SqliteGuid(Guid g) => g.ToString("D").ToUpperInvariant();

    async Task CopyPostgresAsync(List<(Guid Id, Guid Org, string Name, string Email, string Title, string Zone, string Locale)> rows, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(postgresConnection);
        await connection.OpenAsync();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "People" ("Id","OrganizationId","Name","Email","JobTitle","Phone","TimeZone","Locale","CreatedAt","ArchivedAt","Version") FROM STDIN (FORMAT BINARY)"""))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Org, NpgsqlDbType.Uuid);
                await copy.WriteAsync(r.Name, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Email, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Title, NpgsqlDbType.Varchar);
                await copy.WriteNullAsync();
                await copy.WriteAsync(r.Zone, NpgsqlDbType.Varchar);
                await copy.WriteAsync(r.Locale, NpgsqlDbType.Varchar);
                await copy.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteNullAsync();
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
            }
            await copy.CompleteAsync();
        }
        // Autovacuum would analyze the table within a minute in production; do it now so plans are the steady-state ones.
        await using var analyze = new NpgsqlCommand("""ANALYZE "People";""", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Adds customer organizations with one "Created" journal row each, as the API would have
    /// written them: grows the tables that POST /organizations reads (name check) and appends to.
    /// </summary>
    public async Task<TimeSpan> AddOrganizationsAsync(int from, int to, string tag)
    {
        var sw = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(from, to - from).Select(i => (Id: Guid.CreateVersion7(now.AddMilliseconds(i - to)), Name: $"seed {tag} {i}")).ToList();
        static string Changes(Guid id, string name) =>
            $$$"""{"id":{"after":"{{{id}}}"},"archivedAt":{"after":null},"createdAt":{"after":"2026-11-23T12:00:00Z"},"description":{"after":null},"kind":{"after":"Customer"},"name":{"after":"{{{name}}}"},"version":{"after":0},"website":{"after":null}}""";
        if (database == "postgres")
        {
            await using var connection = new NpgsqlConnection(postgresConnection);
            await connection.OpenAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "Organizations" ("Id","Name","NameKey","Kind","Description","Website","CreatedAt","ArchivedAt","Version") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(r.Name, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(Organization.KeyOf(r.Name), NpgsqlDbType.Varchar);
                    await copy.WriteAsync("Customer", NpgsqlDbType.Varchar);
                    await copy.WriteNullAsync();
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                }
                await copy.CompleteAsync();
            }
            await using (var copy = await connection.BeginBinaryImportAsync(
                """COPY "AuditJournal" ("At","EntityType","EntityId","Action","ActorPersonId","ActorTokenId","OrganizationId","Changes") FROM STDIN (FORMAT BINARY)"""))
            {
                foreach (var r in rows)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(now.UtcDateTime, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync("Organization", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync("Created", NpgsqlDbType.Varchar);
                    await copy.WriteNullAsync();
                    await copy.WriteNullAsync();
                    await copy.WriteAsync(r.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(Changes(r.Id, r.Name), NpgsqlDbType.Text);
                }
                await copy.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("""ANALYZE "Organizations"; ANALYZE "AuditJournal";""", connection);
            await analyze.ExecuteNonQueryAsync();
            return sw.Elapsed;
        }

        using (var connection = new SqliteConnection($"Data Source={sqlitePath};Foreign Keys=True;Default Timeout=30"))
        {
            connection.Open();
            using var tx = connection.BeginTransaction();
            using var org = connection.CreateCommand();
            org.Transaction = tx;
            org.CommandText = """INSERT INTO "Organizations" ("Id","Name","NameKey","Kind","Description","Website","CreatedAt","ArchivedAt","Version") VALUES ($id,$name,upper($name),'Customer',NULL,NULL,$at,NULL,0)""";
            var id = org.Parameters.Add("$id", SqliteType.Text);
            var name = org.Parameters.Add("$name", SqliteType.Text);
            var at = org.Parameters.Add("$at", SqliteType.Integer);
            using var audit = connection.CreateCommand();
            audit.Transaction = tx;
            audit.CommandText = """INSERT INTO "AuditJournal" ("At","EntityType","EntityId","Action","ActorPersonId","ActorTokenId","OrganizationId","Changes") VALUES ($at,'Organization',$id,'Created',NULL,NULL,$id,$changes)""";
            var aid = audit.Parameters.Add("$id", SqliteType.Text);
            var aat = audit.Parameters.Add("$at", SqliteType.Integer);
            var changes = audit.Parameters.Add("$changes", SqliteType.Text);
            org.Prepare();
            audit.Prepare();
            var ticks = (now - DateTimeOffset.UnixEpoch).Ticks;
            foreach (var r in rows)
            {
                id.Value = aid.Value = SqliteGuid(r.Id);
                name.Value = r.Name;
                at.Value = aat.Value = ticks;
                changes.Value = Changes(r.Id, r.Name);
                org.ExecuteNonQuery();
                audit.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return sw.Elapsed;
    }

    /// <summary>Reads how an existing row stores its id, to check the seeding format matches EF's.</summary>
    public string? SampleStoredId()
    {
        if (database == "postgres") return null;
        using var connection = new SqliteConnection($"Data Source={sqlitePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "People" LIMIT 1""";
        return command.ExecuteScalar() as string;
    }
}
