using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Core.Persistence;

namespace Steward.Bench;

public static class Micro
{
    /// <summary>Short runs, in process (no generated project to build), with allocations.</summary>
    public static int Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(TokenBenchmarks), typeof(ValidationBenchmarks), typeof(AuditBenchmarks), typeof(SqliteOpenBenchmarks), typeof(SourcingBenchmarks), typeof(CalendarBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, config);
        return 0;
    }
}

/// <summary>Every API request with a bearer token hashes it (the identity cache is keyed by the hash).</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    readonly string secret = AccessToken.NewSecret();

    [Benchmark] public byte[] HashOf() => AccessToken.HashOf(secret);
    [Benchmark] public string NewSecret() => AccessToken.NewSecret();
    [Benchmark] public string CacheKey() => "token:" + Convert.ToBase64String(AccessToken.HashOf(secret));
}

[MemoryDiagnoser]
public class ValidationBenchmarks
{
    [Benchmark] public bool Iso4217Known() => Iso4217.IsKnown("EUR");
    [Benchmark] public bool IanaTimeZone() => Locales.IsIanaTimeZone("Europe/Amsterdam");
}

/// <summary>
/// The write path of POST /organizations without HTTP: a new DbContext, Add, save through the audit
/// journal (tenancy check, change JSON, journal row) on in-memory SQLite. The synchronous
/// SaveChanges goes through EF Core's update pipeline; SaveChangesAsync takes the insert-only path
/// (InsertOnlySave). The gate is open here, as an in-memory database admits no second connection
/// for the writer thread; the load driver measures that part.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1001 // BenchmarkDotNet needs an unsealed class; GlobalCleanup disposes
public class AuditBenchmarks
#pragma warning restore CA1001
{
    SqliteConnection connection = null!;
    DbContextOptions<StewardDbContext> options = null!;
    readonly WriteGate gate = WriteGate.Open();
    int n;

    [GlobalSetup]
    public void Setup()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        options = new DbContextOptionsBuilder<StewardDbContext>().UseSqlite(connection).Options;
        using var db = New(options);
        db.Database.EnsureCreated();
    }

    StewardDbContext New(DbContextOptions<StewardDbContext> o) => new StewardDbContext(o).For(Actor.System(), SystemClock.Instance, gate);

    [GlobalCleanup]
    public void Cleanup() => connection?.Dispose();

    [Benchmark(Baseline = true)]
    public int CreateOrganizationWithJournalEfCore()
    {
        using var db = New(options);
        db.Organizations.Add(NewOrganization());
        return db.SaveChanges();
    }

    [Benchmark]
    public async Task<int> CreateOrganizationWithJournalInsertOnly()
    {
        await using var db = New(options);
        db.Organizations.Add(NewOrganization());
        return await db.SaveChangesAsync();
    }

    Organization NewOrganization() =>
        new() { Name = $"micro {n++}", Kind = OrganizationKind.Customer, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
}

/// <summary>
/// What the server's SqlitePragmas interceptor adds to every DbContext connection open (so to every
/// request that touches the database): a pooled open of a WAL file database, with and without
/// "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;".
/// </summary>
[MemoryDiagnoser]
public class SqliteOpenBenchmarks
{
    string connectionString = null!;
    string directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "steward-micro-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        connectionString = $"Data Source={Path.Combine(directory, "t.db")};Foreign Keys=True;Pooling=True;Default Timeout=30";
        using var c = new SqliteConnection(connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t VALUES (1, 'x');";
        cmd.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public object? OpenQuery()
    {
        using var c = new SqliteConnection(connectionString);
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT v FROM t WHERE id = 1";
        return q.ExecuteScalar();
    }

    [Benchmark]
    public object? OpenPragmasQuery()
    {
        using var c = new SqliteConnection(connectionString);
        c.Open();
        using (var p = c.CreateCommand())
        {
            p.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            p.ExecuteNonQuery();
        }
        using var q = c.CreateCommand();
        q.CommandText = "SELECT v FROM t WHERE id = 1";
        return q.ExecuteScalar();
    }
}

/// <summary>
/// The sourcing derivation from facts in memory (issue 4): every profile of a provider in full,
/// the overview's SummariseAll, and one customer's profile as GET /profile derives it (the model
/// of that customer's facts and its view). Shapes are customers x services, 25 processes each,
/// mixed as <see cref="SourcingData"/> describes.
/// </summary>
[MemoryDiagnoser]
public class SourcingBenchmarks
{
    [Params("100x50", "300x50", "1000x50", "1000x10", "1000x25")]
    public string Shape { get; set; } = "1000x50";

    SourcingModelBench.Facts facts = null!;
    SourcingModelBench.Facts oneCustomer = null!;
    Steward.Core.Sourcing.SourcingModel model = null!;
    List<Guid> customers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new SourcingData(SourcingShape.Parse(Shape), "micro");
        facts = SourcingModelBench.Facts.Of(data);
        model = facts.Build();
        customers = data.Customers.Select(c => c.Id).ToList();
        oneCustomer = SourcingModelBench.Facts.Of(data, customers[customers.Count / 2]);
    }

    [Benchmark] public object BuildModel() => facts.Build();

    [Benchmark] public int AllProfiles() => SourcingModelBench.AllProfiles(model, customers);

    [Benchmark] public int SummariseAll() => model.SummariseAll().Count;

    [Benchmark] public int OneCustomerProfileView() =>
        Steward.Server.Sourcing.SourcingViewsBuilder.Profile(oneCustomer.Build(), customers[customers.Count / 2]).Services.Count;
}
