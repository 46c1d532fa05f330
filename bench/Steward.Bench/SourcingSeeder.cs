using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using NpgsqlTypes;
using Steward.Core.Parties;
using Steward.Core.Persistence;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;

namespace Steward.Bench;

/// <summary>
/// Writes a <see cref="SourcingData"/> set straight into a Steward database, as <see cref="Seeder"/>
/// does for people: one transaction of prepared inserts on SQLite, binary COPY on PostgreSQL, rows
/// stored the way EF Core stores them (SQLite: upper-case GUID text, enums as names, Instants as
/// unix ticks, LocalDates as ISO text, lists as JSON; PostgreSQL: uuid, text[], date, timestamptz).
/// No audit journal rows are written (the people seeder writes none either). The bench checks the
/// result by reading it back through SourcingLoader and comparing with the model built in memory.
/// </summary>
public sealed class SourcingSeeder(string database, string? sqlitePath, string? postgresConnection)
{
    enum Kind { Uuid, Text, Enum, Instant, Date, TextList, Json, Decimal, Long }

    sealed record Column<T>(string Name, Kind Kind, Func<T, object?> Value);

    sealed record Table<T>(string Name, Column<T>[] Columns, IReadOnlyList<T> Rows);

    static Column<T> C<T>(string name, Kind kind, Func<T, object?> value) => new(name, kind, value);

    public async Task<TimeSpan> SeedAsync(SourcingData data)
    {
        var sw = Stopwatch.StartNew();
        var organizations = new Table<Organization>("Organizations",
        [
            C<Organization>("Id", Kind.Uuid, o => o.Id), C<Organization>("Name", Kind.Text, o => o.Name), C<Organization>("NameKey", Kind.Text, o => o.NameKey),
            C<Organization>("Kind", Kind.Enum, o => o.Kind), C<Organization>("Description", Kind.Text, o => o.Description),
            C<Organization>("Website", Kind.Text, o => o.Website), C<Organization>("CreatedAt", Kind.Instant, o => o.CreatedAt),
            C<Organization>("ArchivedAt", Kind.Instant, o => o.ArchivedAt), C<Organization>("Version", Kind.Long, o => o.Version),
        ], data.Organizations.ToList());
        var partners = new Table<PartnerRelationship>("PartnerRelationships",
        [
            C<PartnerRelationship>("Id", Kind.Uuid, r => r.Id), C<PartnerRelationship>("ProviderId", Kind.Uuid, r => r.ProviderId),
            C<PartnerRelationship>("PartnerId", Kind.Uuid, r => r.PartnerId), C<PartnerRelationship>("CreatedAt", Kind.Instant, r => r.CreatedAt),
        ], data.Partners);
        var teams = new Table<Team>("Teams",
        [
            C<Team>("Id", Kind.Uuid, t => t.Id), C<Team>("OrganizationId", Kind.Uuid, t => t.OrganizationId), C<Team>("Name", Kind.Text, t => t.Name),
            C<Team>("Description", Kind.Text, t => t.Description), C<Team>("Email", Kind.Text, t => t.Email),
            C<Team>("CreatedAt", Kind.Instant, t => t.CreatedAt), C<Team>("ArchivedAt", Kind.Instant, t => t.ArchivedAt), C<Team>("Version", Kind.Long, t => t.Version),
        ], data.Teams);
        var services = new Table<Service>("Services",
        [
            C<Service>("Id", Kind.Uuid, s => s.Id), C<Service>("ProviderId", Kind.Uuid, s => s.ProviderId), C<Service>("Name", Kind.Text, s => s.Name),
            C<Service>("NameKey", Kind.Text, s => s.NameKey), C<Service>("Description", Kind.Text, s => s.Description),
            C<Service>("Type", Kind.Enum, s => s.Type), C<Service>("Lifecycle", Kind.Enum, s => s.Lifecycle), C<Service>("OwnerId", Kind.Uuid, s => s.OwnerId),
            C<Service>("Outcomes", Kind.TextList, s => s.Outcomes), C<Service>("ProcessKeys", Kind.TextList, s => s.ProcessKeys),
            C<Service>("CreatedAt", Kind.Instant, s => s.CreatedAt), C<Service>("Version", Kind.Long, s => s.Version),
        ], data.Services);
        var offerings = new Table<Offering>("Offerings",
        [
            C<Offering>("Id", Kind.Uuid, o => o.Id), C<Offering>("ServiceId", Kind.Uuid, o => o.ServiceId), C<Offering>("ProviderId", Kind.Uuid, o => o.ProviderId),
            C<Offering>("Name", Kind.Text, o => o.Name), C<Offering>("Description", Kind.Text, o => o.Description),
            C<Offering>("Targets", Kind.Json, o => JsonSerializer.Serialize(o.Targets, JsonColumn.Options)),
            C<Offering>("CreatedAt", Kind.Instant, o => o.CreatedAt), C<Offering>("Version", Kind.Long, o => o.Version),
        ], data.Offerings);
        var subscriptions = new Table<Subscription>("Subscriptions",
        [
            C<Subscription>("Id", Kind.Uuid, s => s.Id), C<Subscription>("OfferingId", Kind.Uuid, s => s.OfferingId), C<Subscription>("ServiceId", Kind.Uuid, s => s.ServiceId),
            C<Subscription>("ProviderId", Kind.Uuid, s => s.ProviderId), C<Subscription>("CustomerId", Kind.Uuid, s => s.CustomerId),
            C<Subscription>("Start", Kind.Date, s => s.Start), C<Subscription>("End", Kind.Date, s => s.End),
            C<Subscription>("ChargeAmount", Kind.Decimal, s => s.ChargeAmount), C<Subscription>("ChargeCurrency", Kind.Text, s => s.ChargeCurrency),
            C<Subscription>("ChargePeriod", Kind.Enum, s => s.ChargePeriod), C<Subscription>("ClaimedKind", Kind.Enum, s => s.ClaimedKind),
            C<Subscription>("CreatedAt", Kind.Instant, s => s.CreatedAt), C<Subscription>("Version", Kind.Long, s => s.Version),
        ], data.Subscriptions);
        var assignments = new Table<SourcingAssignment>("SourcingAssignments",
        [
            C<SourcingAssignment>("Id", Kind.Uuid, a => a.Id), C<SourcingAssignment>("ProviderId", Kind.Uuid, a => a.ProviderId),
            C<SourcingAssignment>("ServiceId", Kind.Uuid, a => a.ServiceId), C<SourcingAssignment>("CustomerId", Kind.Uuid, a => a.CustomerId),
            C<SourcingAssignment>("ProcessKey", Kind.Text, a => a.ProcessKey), C<SourcingAssignment>("ActivityKey", Kind.Text, a => a.ActivityKey),
            C<SourcingAssignment>("PerformerOrganizationId", Kind.Uuid, a => a.PerformerOrganizationId),
            C<SourcingAssignment>("PerformerTeamId", Kind.Uuid, a => a.PerformerTeamId), C<SourcingAssignment>("AccountableId", Kind.Uuid, a => a.AccountableId),
            C<SourcingAssignment>("Note", Kind.Text, a => a.Note), C<SourcingAssignment>("Slot", Kind.Text, a => a.Slot),
            C<SourcingAssignment>("CreatedAt", Kind.Instant, a => a.CreatedAt), C<SourcingAssignment>("Version", Kind.Long, a => a.Version),
        ], data.Assignments);
        var agreements = new Table<AgreementRecord>("AgreementRecords",
        [
            C<AgreementRecord>("Id", Kind.Uuid, a => a.Id), C<AgreementRecord>("ProviderId", Kind.Uuid, a => a.ProviderId), C<AgreementRecord>("Type", Kind.Enum, a => a.Type),
            C<AgreementRecord>("AccountableId", Kind.Uuid, a => a.AccountableId), C<AgreementRecord>("CounterpartyId", Kind.Uuid, a => a.CounterpartyId),
            C<AgreementRecord>("ServiceId", Kind.Uuid, a => a.ServiceId), C<AgreementRecord>("ProcessKey", Kind.Text, a => a.ProcessKey),
            C<AgreementRecord>("Reference", Kind.Text, a => a.Reference), C<AgreementRecord>("Measures", Kind.TextList, a => a.Measures),
            C<AgreementRecord>("SignedOn", Kind.Date, a => a.SignedOn), C<AgreementRecord>("LastReviewedOn", Kind.Date, a => a.LastReviewedOn),
            C<AgreementRecord>("Note", Kind.Text, a => a.Note), C<AgreementRecord>("CreatedAt", Kind.Instant, a => a.CreatedAt), C<AgreementRecord>("Version", Kind.Long, a => a.Version),
        ], data.Agreements);

        if (database == "postgres")
        {
            await using var connection = new NpgsqlConnection(postgresConnection);
            await connection.OpenAsync();
            await CopyAsync(connection, organizations);
            await CopyAsync(connection, partners);
            await CopyAsync(connection, teams);
            await CopyAsync(connection, services);
            await CopyAsync(connection, offerings);
            await CopyAsync(connection, subscriptions);
            await CopyAsync(connection, assignments);
            await CopyAsync(connection, agreements);
            // Autovacuum would analyze the tables within a minute in production; do it now so plans are the steady-state ones.
            await using var analyze = new NpgsqlCommand(
                """ANALYZE "Organizations"; ANALYZE "PartnerRelationships"; ANALYZE "Teams"; ANALYZE "Services"; ANALYZE "Offerings"; ANALYZE "Subscriptions"; ANALYZE "SourcingAssignments"; ANALYZE "AgreementRecords";""",
                connection);
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            using var connection = new SqliteConnection($"Data Source={sqlitePath};Foreign Keys=True;Default Timeout=30");
            connection.Open();
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA busy_timeout=30000;";
                pragma.ExecuteNonQuery();
            }
            using (var tx = connection.BeginTransaction())
            {
                Insert(connection, tx, organizations);
                Insert(connection, tx, partners);
                Insert(connection, tx, teams);
                Insert(connection, tx, services);
                Insert(connection, tx, offerings);
                Insert(connection, tx, subscriptions);
                Insert(connection, tx, assignments);
                Insert(connection, tx, agreements);
                tx.Commit();
            }
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        return sw.Elapsed;
    }

    static void Insert<T>(SqliteConnection connection, SqliteTransaction tx, Table<T> table)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"""INSERT INTO "{table.Name}" ({string.Join(",", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(",", table.Columns.Select((_, i) => $"$p{i}"))})""";
        var parameters = table.Columns.Select((c, i) => insert.Parameters.Add($"$p{i}", c.Kind switch
        {
            Kind.Instant or Kind.Long => SqliteType.Integer,
            _ => SqliteType.Text,
        })).ToArray();
        insert.Prepare();
        foreach (var row in table.Rows)
        {
            for (var i = 0; i < table.Columns.Length; i++)
                parameters[i].Value = SqliteValue(table.Columns[i].Kind, table.Columns[i].Value(row)) ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    static object? SqliteValue(Kind kind, object? value) => value switch
    {
        null => null,
        Guid g => Seeder.SqliteGuid(g),
        Enum e => e.ToString(),
        Instant i => i.ToUnixTimeTicks(),
        LocalDate d => LocalDatePattern.Iso.Format(d),
        List<string> list => JsonSerializer.Serialize(list),
        _ => kind is Kind.Decimal or Kind.Long or Kind.Text or Kind.Json ? value : throw new ArgumentException($"No SQLite form for {value.GetType()}."),
    };

    static async Task CopyAsync<T>(NpgsqlConnection connection, Table<T> table)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"""COPY "{table.Name}" ({string.Join(",", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)""");
        foreach (var row in table.Rows)
        {
            await copy.StartRowAsync();
            foreach (var column in table.Columns)
            {
                var value = column.Value(row);
                if (value is null)
                {
                    await copy.WriteNullAsync();
                    continue;
                }
                switch (column.Kind)
                {
                    case Kind.Uuid: await copy.WriteAsync((Guid)value, NpgsqlDbType.Uuid); break;
                    case Kind.Text: await copy.WriteAsync((string)value, NpgsqlDbType.Varchar); break;
                    case Kind.Json: await copy.WriteAsync((string)value, NpgsqlDbType.Text); break;
                    case Kind.Enum: await copy.WriteAsync(value.ToString()!, NpgsqlDbType.Varchar); break;
                    case Kind.Instant: await copy.WriteAsync(((Instant)value).ToDateTimeUtc(), NpgsqlDbType.TimestampTz); break;
                    case Kind.Date: await copy.WriteAsync(((LocalDate)value).ToDateOnly(), NpgsqlDbType.Date); break;
                    case Kind.TextList: await copy.WriteAsync(((List<string>)value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text); break;
                    case Kind.Decimal: await copy.WriteAsync((decimal)value, NpgsqlDbType.Numeric); break;
                    case Kind.Long: await copy.WriteAsync((long)value, NpgsqlDbType.Bigint); break;
                }
            }
        }
        await copy.CompleteAsync();
    }
}
