using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Steward.Core.Persistence;

/// <summary>
/// Writes a save that only adds rows (every create: the record and its journal entry) with one plain
/// INSERT per row, instead of EF Core's update pipeline.
/// </summary>
/// <remarks>
/// <para>
/// EF Core spends about 0.3 ms of CPU building, batching and reading back a two-row insert, and on
/// SQLite it does so while holding the write gate, so that work caps a single database file near
/// 1,500 creates per second. Here the SQL comes from EF's own model (table, columns, and the type
/// mappings that convert values to parameters, so the stored bytes are the same), is generated
/// once per entity type, and the commands are filled before the gate is entered: the gate covers
/// only the statements and the commit.
/// </para>
/// <para>
/// Anything this path does not know to be equivalent goes to EF Core unchanged: updates and
/// deletes, an open transaction not held for this path (see TryPrepare), inheritance, owned or
/// complex types, shared tables, computed columns, temporary values that are not a row's own
/// store-generated key, rows of a self-referencing type that may depend on each other, and any
/// context with a save interceptor.
/// A constraint violation surfaces as <see cref="DbUpdateException"/> with the driver's exception
/// inside, as it does from EF. EF's SavingChanges and SavedChanges events are not raised for these
/// saves (nothing in Steward subscribes to them).
/// </para>
/// </remarks>
static class InsertOnlySave
{
    /// <summary>
    /// The rows of this save in an order that satisfies foreign keys, with their commands filled; or
    /// null when EF Core must write it.
    /// </summary>
    /// <param name="withinTransaction">
    /// The caller holds the context's transaction (and the write gate) and runs the batch inside it
    /// with <see cref="Batch.ExecuteWithinTransactionAsync"/>; otherwise an open transaction leaves
    /// the save to EF Core.
    /// </param>
    public static Batch? TryPrepare(DbContext db, bool withinTransaction = false)
    {
        if (System.Transactions.Transaction.Current is not null) return null;
        var inTransaction = db.Database.CurrentTransaction is not null;
        if (inTransaction != withinTransaction) return null;
        // Save interceptors expect EF's pipeline around them.
        if (db.GetService<IInterceptors>().Aggregate<ISaveChangesInterceptor>() is not null) return null;

        var model = Models.GetValue(db.Model, m => new ModelPlans(m, db.GetService<ISqlGenerationHelper>()));
        List<Row>? rows = null;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            if (entry.State is not EntityState.Added) return null;
            if (model.PlanFor(entry.Metadata) is not { } plan) return null;
            (rows ??= []).Add(new Row(entry, plan));
        }
        if (rows is null) return null;

        // A principal's row must exist before its dependents': sort by the entity types' depth in
        // the foreign-key graph (stable, so rows of one type keep the order they were added in).
        var ordered = rows.OrderBy(r => r.Plan.Rank).ToList();
        foreach (var group in ordered.Where(r => r.Plan.SelfReferencing).GroupBy(r => r.Plan))
            if (group.Count() > 1) return null;

        var connection = db.Database.GetDbConnection();
        var batch = new Batch(db, ordered);
        foreach (var row in ordered)
            if (!row.Fill(connection, db.Database.GetCommandTimeout()))
            {
                batch.Dispose();
                return null;
            }
        return batch;
    }

    static readonly ConditionalWeakTable<IModel, ModelPlans> Models = new();

    /// <summary>The insert plans of one model's entity types, built on first use.</summary>
    sealed class ModelPlans(IModel model, ISqlGenerationHelper sql)
    {
        readonly ConcurrentDictionary<IEntityType, Plan?> plans = new();
        readonly Dictionary<IEntityType, int?> ranks = Ranks(model);

        public Plan? PlanFor(IEntityType type) => plans.GetOrAdd(type, t => Plan.For(t, ranks.GetValueOrDefault(t), sql));

        /// <summary>Depth of each entity type in the foreign-key graph; null inside a cycle.</summary>
        static Dictionary<IEntityType, int?> Ranks(IModel model)
        {
            var ranks = new Dictionary<IEntityType, int?>();
            var visiting = new HashSet<IEntityType>();
            int? Rank(IEntityType type)
            {
                if (ranks.TryGetValue(type, out var known)) return known;
                if (!visiting.Add(type)) return null;
                int? rank = 0;
                foreach (var fk in type.GetForeignKeys())
                {
                    if (fk.PrincipalEntityType == type) continue;
                    var principal = Rank(fk.PrincipalEntityType);
                    rank = principal is null || rank is null ? null : Math.Max(rank.Value, principal.Value + 1);
                }
                visiting.Remove(type);
                ranks[type] = rank;
                return rank;
            }
            foreach (var type in model.GetEntityTypes()) Rank(type);
            return ranks;
        }
    }

    /// <summary>How to insert one entity type: its table, its columns, and which ones the store generates.</summary>
    internal sealed class Plan
    {
        public required string Table { get; init; }
        public required Column[] Columns { get; init; }
        public required int Rank { get; init; }
        public required bool SelfReferencing { get; init; }
        public required ISqlGenerationHelper Sql { get; init; }

        // One statement per set of store-generated columns left out (usually none, or the journal's id).
        readonly ConcurrentDictionary<ulong, string> statements = new();

        public static Plan? For(IEntityType type, int? rank, ISqlGenerationHelper sql)
        {
            if (rank is null || type.BaseType is not null || type.GetDirectlyDerivedTypes().Any() || type.IsOwned()) return null;
            if (type.GetComplexProperties().Any() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())) return null;
            if (type.GetTableMappings().ToList() is not [var mapping] || mapping.Table.EntityTypeMappings.Count() != 1) return null;
            var columns = new List<Column>();
            foreach (var columnMapping in mapping.ColumnMappings)
            {
                var property = columnMapping.Property;
                if (property.GetComputedColumnSql() is not null || property.GetBeforeSaveBehavior() != PropertySaveBehavior.Save) return null;
                if (property.ValueGenerated is not (ValueGenerated.Never or ValueGenerated.OnAdd)) return null;
                var unset = property.ClrType.IsValueType && Nullable.GetUnderlyingType(property.ClrType) is null ? Activator.CreateInstance(property.ClrType) : null;
                columns.Add(new Column(property, columnMapping.Column.Name, columnMapping.TypeMapping, unset));
            }
            // The statement cache is keyed by a bit per column.
            if (columns.Count is 0 or > 64) return null;
            return new Plan
            {
                Table = sql.DelimitIdentifier(mapping.Table.Name, mapping.Table.Schema),
                Columns = [.. columns],
                Rank = rank.Value,
                SelfReferencing = type.GetForeignKeys().Any(fk => fk.PrincipalEntityType == type),
                Sql = sql,
            };
        }

        public string Statement(ulong generated) => statements.GetOrAdd(generated, mask =>
        {
            var text = new StringBuilder("INSERT INTO ").Append(Table).Append(" (");
            var values = new StringBuilder();
            var returning = new StringBuilder();
            for (var i = 0; i < Columns.Length; i++)
            {
                var name = Sql.DelimitIdentifier(Columns[i].Name);
                if ((mask & (1UL << i)) != 0)
                {
                    returning.Append(returning.Length == 0 ? " RETURNING " : ", ").Append(name);
                    continue;
                }
                if (values.Length > 0) { text.Append(", "); values.Append(", "); }
                text.Append(name);
                values.Append(Sql.GenerateParameterNamePlaceholder("p" + i));
            }
            return text.Append(") VALUES (").Append(values).Append(')').Append(returning).ToString();
        });
    }

    /// <param name="Unset">The CLR default, which EF Core reads as "not set" on a generated column.</param>
    internal readonly record struct Column(IProperty Property, string Name, RelationalTypeMapping Mapping, object? Unset);

    /// <summary>One row to insert: its entry, its plan, and once filled, its command.</summary>
    internal sealed class Row(EntityEntry entry, Plan plan)
    {
        public EntityEntry Entry => entry;
        public Plan Plan => plan;
        public DbCommand? Command { get; private set; }
        /// <summary>Columns the store generates for this row, read back with RETURNING.</summary>
        public ulong Generated { get; private set; }

        /// <summary>Builds the command; false when a value is one EF Core must handle (see the remarks above).</summary>
        public bool Fill(DbConnection connection, int? timeout)
        {
            var command = connection.CreateCommand();
            if (timeout is { } seconds) command.CommandTimeout = seconds;
            for (var i = 0; i < plan.Columns.Length; i++)
            {
                var column = plan.Columns[i];
                var property = entry.Property(column.Property);
                var value = property.CurrentValue;
                if (column.Property.ValueGenerated is ValueGenerated.OnAdd)
                {
                    if (property.IsTemporary)
                    {
                        // Only a row's own key may be left to the store: a temporary foreign key
                        // would have to be fixed up from its principal's generated value.
                        if (!column.Property.IsPrimaryKey() || column.Property.IsForeignKey()) return Abandon(command);
                        Generated |= 1UL << i;
                        continue;
                    }
                    // EF Core leaves an unset generated column to the store's default; so would we, but
                    // then we would have to read it back. Rare enough to leave to EF Core.
                    if (value is null || value.Equals(column.Unset)) return Abandon(command);
                }
                else if (property.IsTemporary) return Abandon(command);
                command.Parameters.Add(column.Mapping.CreateParameter(command, plan.Sql.GenerateParameterName("p" + i), value, column.Property.IsNullable));
            }
            command.CommandText = plan.Statement(Generated);
            Command = command;
            return true;
        }

        static bool Abandon(DbCommand command)
        {
            command.Dispose();
            return false;
        }

        /// <summary>Values the store generated, read back; applied to the entry once the transaction commits.</summary>
        public object?[]? Returned { get; set; }

        public void ApplyReturned()
        {
            if (Returned is null) return;
            var next = 0;
            for (var i = 0; i < plan.Columns.Length; i++)
            {
                if ((Generated & (1UL << i)) == 0) continue;
                var column = plan.Columns[i];
                var property = entry.Property(column.Property);
                property.CurrentValue = FromProvider(column, Returned[next++]);
                property.IsTemporary = false;
            }
        }

        static object? FromProvider(Column column, object? stored)
        {
            if (stored is null or DBNull) return null;
            if (column.Mapping.Converter is { } converter)
                return converter.ConvertFromProvider(Convert.ChangeType(stored, converter.ProviderClrType, System.Globalization.CultureInfo.InvariantCulture));
            var type = Nullable.GetUnderlyingType(column.Property.ClrType) ?? column.Property.ClrType;
            return Convert.ChangeType(stored, type, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The filled commands of one save. With the write gate open (PostgreSQL) they run on the
    /// context's connection, as one batch where the driver has batches; on SQLite the
    /// <see cref="WriteGate"/>'s writer runs them inside its group transaction.
    /// </summary>
    internal sealed class Batch : IDisposable
    {
        readonly DbContext db;
        readonly List<Row> rows;

        internal Batch(DbContext db, List<Row> rows)
        {
            this.db = db;
            this.rows = rows;
        }

        public async Task ExecuteAsync(CancellationToken ct)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                var connection = db.Database.GetDbConnection();
                if (rows.Count > 1 && connection.CanCreateBatch) await ExecuteAsBatchAsync(connection, ct);
                else await ExecuteInTransactionAsync(ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        /// <summary>
        /// All rows in one round trip. PostgreSQL runs the statements of a batch in one implicit
        /// transaction (a failing one rolls back the others), so there is no BEGIN or COMMIT to wait for.
        /// </summary>
        async Task ExecuteAsBatchAsync(DbConnection connection, CancellationToken ct)
        {
            await using var batch = connection.CreateBatch();
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = row.Command!.CommandText;
                // A parameter belongs to one collection at a time.
                var parameters = new DbParameter[row.Command.Parameters.Count];
                row.Command.Parameters.CopyTo(parameters, 0);
                row.Command.Parameters.Clear();
                command.Parameters.AddRange(parameters);
                batch.BatchCommands.Add(command);
            }
            try
            {
                await using var reader = await batch.ExecuteReaderAsync(ct);
                // Only the statements with RETURNING give result sets, in the rows' order.
                var first = true;
                foreach (var row in rows.Where(r => r.Generated != 0))
                {
                    if (!first && !await reader.NextResultAsync(ct)) throw NothingReturned(row);
                    first = false;
                    row.Returned = await reader.ReadAsync(ct) ? Values(reader) : throw NothingReturned(row);
                }
                // The statements after the last result set run now, so that their errors land here.
                while (await reader.NextResultAsync(ct)) { }
            }
            catch (DbException e)
            {
                // The batch fails as a whole; which statement failed is in the driver's exception.
                throw Failed(e, rows);
            }
        }

        async Task ExecuteInTransactionAsync(CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await ExecuteRowsAsync(transaction.GetDbTransaction(), ct);
            try
            {
                await transaction.CommitAsync(ct);
            }
            catch (DbException e)
            {
                throw FailedCommit(e);
            }
        }

        /// <summary>The rows, inside the transaction the context already has open; its owner commits.</summary>
        public Task ExecuteWithinTransactionAsync(CancellationToken ct) =>
            ExecuteRowsAsync(db.Database.CurrentTransaction!.GetDbTransaction(), ct);

        async Task ExecuteRowsAsync(DbTransaction dbTransaction, CancellationToken ct)
        {
            foreach (var row in rows)
            {
                var command = row.Command!;
                command.Transaction = dbTransaction;
                try
                {
                    if (row.Generated == 0)
                    {
                        await command.ExecuteNonQueryAsync(ct);
                        continue;
                    }
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    row.Returned = await reader.ReadAsync(ct) ? Values(reader) : throw NothingReturned(row);
                }
                catch (DbException e)
                {
                    throw Failed(e, [row]);
                }
            }
        }

        /// <summary>
        /// Runs the rows through the writer thread's prepared statements, inside the transaction it
        /// commits. The rows' own commands only lend their parameters: they stay with the context's
        /// connection and are disposed by the saving request (a connection's list of commands is not
        /// safe to change from two threads).
        /// </summary>
        public void Execute(PreparedStatements statements)
        {
            foreach (var row in rows)
            {
                var command = statements.For(row.Command!.CommandText, row.Command.Parameters);
                try
                {
                    if (row.Generated == 0)
                    {
                        command.ExecuteNonQuery();
                        continue;
                    }
                    using var reader = command.ExecuteReader();
                    row.Returned = reader.Read() ? Values(reader) : throw NothingReturned(row);
                }
                catch (DbException e)
                {
                    throw Failed(e, [row]);
                }
                finally
                {
                    command.Parameters.Clear();
                }
            }
        }

        /// <summary>After the commit: store-generated values go to their entries, which become unchanged.</summary>
        public int Complete(bool acceptAllChangesOnSuccess)
        {
            foreach (var row in rows) row.ApplyReturned();
            if (acceptAllChangesOnSuccess) db.ChangeTracker.AcceptAllChanges();
            return rows.Count;
        }

        public DbUpdateException FailedCommit(Exception e) =>
            new("An error occurred while committing the entity changes. See the inner exception for details.", e, [.. rows.Select(r => r.Entry)]);

        static DbUpdateException Failed(DbException e, IEnumerable<Row> failed) =>
            new("An error occurred while saving the entity changes. See the inner exception for details.", e, [.. failed.Select(r => r.Entry)]);

        static DbUpdateException NothingReturned(Row row) =>
            new("The database returned no generated values for an inserted row.", [row.Entry]);

        static object?[] Values(DbDataReader reader)
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            return values;
        }

        public void Dispose()
        {
            foreach (var row in rows) row.Command?.Dispose();
        }
    }
}
