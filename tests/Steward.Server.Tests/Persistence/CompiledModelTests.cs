using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Steward.Core;
using Steward.Server.Hosting;
using Xunit;

namespace Steward.Server.Tests.Persistence;

/// <summary>
/// The server loads a compiled model per database (src/Steward.Migrations.*/CompiledModel) instead of
/// building the model at start-up. These tests build the model the ordinary way from the code and fail
/// when the compiled one says anything else: a changed entity or configuration needs
/// tools/compiled-models.sh. They also check that every model change has its migration.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Databases))]
    public void The_compiled_model_maps_the_same_tables_columns_conversions_keys_indexes_and_navigations(string database)
    {
        using var compiled = Context(database, compiledModel: true);
        using var built = Context(database, compiledModel: false);

        var expected = Describe(built.Model);
        var actual = Describe(compiled.Model);

        var differences = expected.Except(actual).Select(l => "code:     " + l).Concat(actual.Except(expected).Select(l => "compiled: " + l)).ToList();
        Assert.True(differences.Count == 0, Stale(string.Join("\n", differences.Take(20))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_tenancy_filter_is_in_the_compiled_model_as_in_a_model_built_from_the_code(string database)
    {
        using var compiled = Context(database, compiledModel: true);
        using var built = Context(database, compiledModel: false);

        var expected = Filters(built.Model);
        var actual = Filters(compiled.Model);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (entity, filter) in expected)
            Assert.Equal(filter, actual[entity]);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Every_model_change_has_its_migration(string database)
    {
        using var built = Context(database, compiledModel: false);

        Assert.False(built.Database.HasPendingModelChanges(),
            $"The {database} model differs from its migrations' snapshot: add a migration (dotnet ef migrations add, see docs/operations.md).");
    }

    static string Stale(string what) => $"The compiled model is stale: run tools/compiled-models.sh. Differences:\n{what}";

    static StewardDbContext Context(string database, bool compiledModel)
    {
        var options = new DbContextOptionsBuilder<StewardDbContext>();
        if (database == "postgres")
        {
            options.UseNpgsql("Host=127.0.0.1;Database=steward_model_only", n => n.UseNodaTime().MigrationsAssembly(DatabaseSetup.PostgresMigrationsAssembly));
            if (compiledModel) options.UseModel(Migrations.Postgres.CompiledModel.StewardDbContextModel.Instance);
        }
        else
        {
            options.UseSqlite("Data Source=:memory:", s => s.MigrationsAssembly(DatabaseSetup.SqliteMigrationsAssembly));
            if (compiledModel) options.UseModel(Migrations.Sqlite.CompiledModel.StewardDbContextModel.Instance);
        }
        return new StewardDbContext(options.Options);
    }

    /// <summary>One line per entity type, property and navigation, with what decides how it is stored and read.</summary>
    static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes().OrderBy(e => e.Name).SelectMany(e => (IEnumerable<string>)
        [
            $"{e.Name} table={e.GetTableName()} key=({string.Join(",", e.FindPrimaryKey()?.Properties.Select(p => p.Name) ?? [])})",
            .. e.GetProperties().Select(p =>
                $"{e.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable} converter={p.GetValueConverter()?.GetType().Name} " +
                $"provider={p.GetProviderClrType()?.Name} max={p.GetMaxLength()} generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken} " +
                $"column={p.GetColumnName()} type={p.GetColumnType()} default={p.GetDefaultValueSql()}"),
            .. e.GetNavigations().Select(n => $"{e.Name}.{n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}"),
            .. e.GetForeignKeys().Select(f => $"{e.Name} fk ({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior}"),
            .. e.GetIndexes().Select(i => $"{e.Name} index {i.GetDatabaseName()} ({string.Join(",", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}"),
        ])];

    static Dictionary<string, string> Filters(IModel model) => model.GetEntityTypes()
        .Where(e => e.GetDeclaredQueryFilters().Count > 0)
        .ToDictionary(e => e.Name, e => string.Join(" && ", e.GetDeclaredQueryFilters().Select(f => $"{f.GetType().Name} key={f.Key} {f.Expression}")));
}
