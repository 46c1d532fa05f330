using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Steward.Bench;

/// <summary>
/// Where <see cref="IncidentSeeder"/> reads its template rows and writes the incidents it makes.
/// Rows travel in SQLite's representation on both databases (ids as upper-case text, instants as
/// ticks since the Unix epoch, flags as 0 or 1), so the seeder's arithmetic is written once; the
/// PostgreSQL store converts by each column's declared type on the way in and out.
/// </summary>
public interface ISeedStore : IDisposable
{
    /// <summary>The rows of <paramref name="table"/> whose <paramref name="column"/> holds <paramref name="id"/>.</summary>
    List<Dictionary<string, object?>> Read(string table, string column, Guid id);

    long MaxIncidentSequence();

    /// <summary>Queues a row; rows are written in the order their tables were first added (principals before dependents).</summary>
    void Add(string table, Dictionary<string, object?> row);

    /// <summary>Writes what is queued in one transaction.</summary>
    void Flush();

    /// <summary>After the last flush: what the server would otherwise do at start (indexing, counters, statistics).</summary>
    void Finish(long highestSequence);

    /// <summary>After the work log was written past the server: its monthly rollup rebuilt from it, as the server's migration does (WorkLogRollup).</summary>
    void RebuildWorkLogMonths();

    long CountIncidents();

    string Describe();
}

static class SeedRows
{
    /// <summary>Every row of <paramref name="reader"/> as column → value (null for NULL), each value through <paramref name="convert"/>.</summary>
    public static List<Dictionary<string, object?>> ReadAll(System.Data.Common.DbDataReader reader, Func<object, object> convert, Func<int, bool>? skip = null)
    {
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            var values = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
                if (skip?.Invoke(i) != true) values[reader.GetName(i)] = reader.IsDBNull(i) ? null : convert(reader.GetValue(i));
            rows.Add(values);
        }
        return rows;
    }
}

public sealed class SqliteSeedStore : ISeedStore
{
    readonly SqliteConnection c;
    readonly Dictionary<string, (SqliteCommand Command, List<Dictionary<string, object?>> Rows)> tables = [];
    readonly List<string> order = [];

    public SqliteSeedStore(string path)
    {
        Path = path;
        c = new SqliteConnection($"Data Source={path};Foreign Keys=True;Default Timeout=30");
        c.Open();
        // Bulk load only: a 1 GB page cache so the nine indexes of WorkRecords stay in memory while they grow.
        Exec("PRAGMA busy_timeout=30000; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
    }

    public string Path { get; }

    void Exec(string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public List<Dictionary<string, object?>> Read(string table, string column, Guid id)
    {
        using var command = c.CreateCommand();
        command.CommandText = $"""SELECT * FROM "{table}" WHERE "{column}" = $id""";
        command.Parameters.AddWithValue("$id", Seeder.SqliteGuid(id));
        using var reader = command.ExecuteReader();
        return SeedRows.ReadAll(reader, value => value);
    }

    public long MaxIncidentSequence()
    {
        using var max = c.CreateCommand();
        max.CommandText = """SELECT coalesce(max("Sequence"), 0) FROM "WorkRecords" WHERE "Kind" = 'Incident'""";
        return Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Add(string table, Dictionary<string, object?> row)
    {
        if (!tables.TryGetValue(table, out var t))
        {
            var cols = row.Keys.ToList();
            var command = c.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(",", cols.Select(x => $"\"{x}\""))}) VALUES ({string.Join(",", cols.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < cols.Count; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            tables[table] = t = (command, []);
            order.Add(table);
        }
        t.Rows.Add(row);
    }

    public void Flush()
    {
        using var tx = c.BeginTransaction();
        foreach (var table in order)
        {
            var (command, rows) = tables[table];
            command.Transaction = tx;
            foreach (var row in rows)
            {
                var i = 0;
                foreach (var v in row.Values) command.Parameters[i++].Value = v ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
            rows.Clear();
        }
        tx.Commit();
    }

    public void RebuildWorkLogMonths()
    {
        using var tx = c.BeginTransaction();
        foreach (var statement in Steward.Core.Finance.WorkLogRollup.RebuildStatements(Steward.Core.Persistence.DatabaseProvider.Sqlite, oneProvider: false))
        {
            using var command = c.CreateCommand();
            command.Transaction = tx;
            command.CommandText = statement;
            command.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public void Finish(long highestSequence)
    {
        // The insert trigger only notes new records for the full-text index; index them as the
        // server does (a chunk per transaction), so the server does not start with a backlog.
        using (var index = c.CreateCommand())
        using (var waiting = c.CreateCommand())
        {
            index.CommandText = Steward.Core.Records.RecordSearch.SqliteIndexPending;
            waiting.CommandText = Steward.Core.Records.RecordSearch.SqliteAnyPending;
            while (Convert.ToInt64(waiting.ExecuteScalar(), CultureInfo.InvariantCulture) != 0) index.ExecuteNonQuery();
        }
        // SQLite numbers continue from the highest sequence stored: nothing to move on.
        Exec("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    public long CountIncidents()
    {
        using var command = c.CreateCommand();
        command.CommandText = """SELECT count(*) FROM "WorkRecords" WHERE "Kind" = 'Incident'""";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public string Describe() => $"database {new FileInfo(Path).Length / 1048576.0:N0} MiB";

    public void Dispose()
    {
        foreach (var (command, _) in tables.Values) command.Dispose();
        c.Dispose();
    }
}

/// <summary>
/// Writes with binary COPY, a table at a time per flush (one COPY runs on a connection at a time),
/// inside one transaction. Generated columns (the tsvector of search) are left to the server.
/// </summary>
public sealed class PostgresSeedStore : ISeedStore
{
    readonly NpgsqlConnection c;
    readonly Dictionary<string, (List<(string Name, NpgsqlDbType Type)> Columns, List<Dictionary<string, object?>> Rows)> tables = [];
    readonly List<string> order = [];

    public PostgresSeedStore(string connection)
    {
        c = new NpgsqlConnection(connection);
        c.Open();
    }

    int Exec(string sql, int timeoutSeconds = 30)
    {
        using var command = new NpgsqlCommand(sql, c) { CommandTimeout = timeoutSeconds };
        return command.ExecuteNonQuery();
    }

    public List<Dictionary<string, object?>> Read(string table, string column, Guid id)
    {
        using var command = new NpgsqlCommand($"""SELECT * FROM "{table}" WHERE "{column}" = @id""", c);
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        // The search vectors are the database's to compute (generated, or kept by a trigger).
        // A date (NodaTime's LocalDate) reads as a DateTime, which ToSqlite would make an instant: SQLite keeps it as ISO text.
        var dates = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetDataTypeName(i) is "date").Select(reader.GetName).ToList();
        var rows = SeedRows.ReadAll(reader, ToSqlite, skip: i => reader.GetDataTypeName(i) is "tsvector");
        foreach (var row in rows)
            foreach (var date in dates)
                if (row[date] is long ticks) row[date] = DateTime.UnixEpoch.AddTicks(ticks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return rows;
    }

    static object ToSqlite(object value) => value switch
    {
        Guid g => Seeder.SqliteGuid(g),
        DateTime t => (t.ToUniversalTime() - DateTime.UnixEpoch).Ticks,
        bool b => b ? 1L : 0L,
        TimeSpan s => s.Ticks,
        // Primitive collections: SQLite keeps them as a JSON array in a text column.
        Guid[] ids => System.Text.Json.JsonSerializer.Serialize(ids),
        string[] texts => System.Text.Json.JsonSerializer.Serialize(texts),
        _ => value,
    };

    static object FromSqlite(object value, NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Uuid => value is string s ? Guid.Parse(s) : value,
        NpgsqlDbType.TimestampTz => value is long ticks ? DateTime.UnixEpoch.AddTicks(ticks) : value,
        NpgsqlDbType.Date => value is string date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : value,
        NpgsqlDbType.Boolean => value is long flag ? flag != 0 : value,
        NpgsqlDbType.Interval => value is long span ? TimeSpan.FromTicks(span) : value,
        NpgsqlDbType.Integer => Convert.ToInt32(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Smallint => Convert.ToInt16(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Bigint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        NpgsqlDbType.Array | NpgsqlDbType.Uuid => value is string json ? System.Text.Json.JsonSerializer.Deserialize<Guid[]>(json)! : value,
        NpgsqlDbType.Array | NpgsqlDbType.Text => value is string json ? System.Text.Json.JsonSerializer.Deserialize<string[]>(json)! : value,
        _ => value,
    };

    static NpgsqlDbType TypeOf(string declared) => declared switch
    {
        "uuid" => NpgsqlDbType.Uuid,
        "text" => NpgsqlDbType.Text,
        "character varying" => NpgsqlDbType.Varchar,
        "integer" => NpgsqlDbType.Integer,
        "smallint" => NpgsqlDbType.Smallint,
        "bigint" => NpgsqlDbType.Bigint,
        "boolean" => NpgsqlDbType.Boolean,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        "interval" => NpgsqlDbType.Interval,
        "double precision" => NpgsqlDbType.Double,
        "numeric" => NpgsqlDbType.Numeric,
        "jsonb" => NpgsqlDbType.Jsonb,
        "bytea" => NpgsqlDbType.Bytea,
        "_uuid" => NpgsqlDbType.Array | NpgsqlDbType.Uuid,
        "_text" => NpgsqlDbType.Array | NpgsqlDbType.Text,
        _ => throw new NotSupportedException($"The seeder does not write columns of type {declared}."),
    };

    public long MaxIncidentSequence()
    {
        using var max = new NpgsqlCommand("""SELECT coalesce(max("Sequence"), 0) FROM "WorkRecords" WHERE "Kind" = 'Incident'""", c);
        return Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Add(string table, Dictionary<string, object?> row)
    {
        if (!tables.TryGetValue(table, out var t))
        {
            var declared = new Dictionary<string, string>();
            using (var columns = new NpgsqlCommand("""
                SELECT column_name, CASE data_type WHEN 'ARRAY' THEN udt_name ELSE data_type END FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @table AND is_generated = 'NEVER'
                """, c))
            {
                columns.Parameters.AddWithValue("table", table);
                using var reader = columns.ExecuteReader();
                while (reader.Read()) declared[reader.GetString(0)] = reader.GetString(1);
            }
            var cols = row.Keys.Select(k => (k, declared.TryGetValue(k, out var type) ? TypeOf(type)
                : throw new InvalidOperationException($"{table} has no column {k} to write."))).ToList();
            tables[table] = t = (cols, []);
            order.Add(table);
        }
        t.Rows.Add(row);
    }

    public void Flush()
    {
        using var tx = c.BeginTransaction();
        foreach (var table in order)
        {
            var (columns, rows) = tables[table];
            if (rows.Count == 0) continue;
            using (var importer = c.BeginBinaryImport($"COPY \"{table}\" ({string.Join(",", columns.Select(x => $"\"{x.Name}\""))}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var row in rows)
                {
                    importer.StartRow();
                    foreach (var (name, type) in columns)
                        if (row[name] is { } value) importer.Write(FromSqlite(value, type), type);
                        else importer.WriteNull();
                }
                importer.Complete();
            }
            rows.Clear();
        }
        tx.Commit();
    }

    public void RebuildWorkLogMonths()
    {
        using (var tx = c.BeginTransaction())
        {
            foreach (var statement in Steward.Core.Finance.WorkLogRollup.RebuildStatements(Steward.Core.Persistence.DatabaseProvider.Postgres, oneProvider: false))
                Exec(statement, 3600);
            tx.Commit();
        }
        Exec($"VACUUM ANALYZE \"{Steward.Core.Finance.WorkLogRollup.Table}\"", 3600);
    }

    public void Finish(long highestSequence)
    {
        // Servers reserve numbers in blocks from the counter row: it continues after the seeded ones.
        using (var counter = new NpgsqlCommand("""
            INSERT INTO "RecordCounters" ("Kind", "Next") VALUES ('Incident', @next)
            ON CONFLICT ("Kind") DO UPDATE SET "Next" = greatest("RecordCounters"."Next", @next)
            """, c))
        {
            counter.Parameters.AddWithValue("next", highestSequence + 1);
            counter.ExecuteNonQuery();
        }
        // Statistics and the visibility map as autovacuum would leave them after a while, so the planner and index-only scans see the data.
        foreach (var table in order) Exec($"VACUUM ANALYZE \"{table}\"", 3600);
        Exec("CHECKPOINT", 3600);
    }

    public long CountIncidents()
    {
        using var command = new NpgsqlCommand("""SELECT count(*) FROM "WorkRecords" WHERE "Kind" = 'Incident'""", c) { CommandTimeout = 600 };
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public string Describe()
    {
        using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", c);
        return $"database {Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) / 1048576.0:N0} MiB";
    }

    public void Dispose() => c.Dispose();
}
