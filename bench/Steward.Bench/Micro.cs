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
        BenchmarkSwitcher.FromTypes([typeof(TokenBenchmarks), typeof(ValidationBenchmarks), typeof(AuditBenchmarks)])
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
/// The write path of POST /organizations without HTTP: a new DbContext, Add, SaveChanges through
/// the AuditJournal interceptor (tenancy check, change JSON, journal row) on in-memory SQLite.
/// </summary>
[MemoryDiagnoser]
public sealed class AuditBenchmarks : IDisposable
{
    SqliteConnection connection = null!;
    DbContextOptions<StewardDbContext> options = null!;
    readonly WriteGate gate = WriteGate.Serialised();
    int n;

    [GlobalSetup]
    public void Setup()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        options = Options(withJournal: true);
        using var db = New(options);
        db.Database.EnsureCreated();
    }

    DbContextOptions<StewardDbContext> Options(bool withJournal)
    {
        var builder = new DbContextOptionsBuilder<StewardDbContext>().UseSqlite(connection);
        if (withJournal) builder.AddInterceptors(new Steward.Core.Audit.AuditJournal());
        return builder.Options;
    }

    StewardDbContext New(DbContextOptions<StewardDbContext> o) => new(o, Actor.System(), SystemClock.Instance, gate);

    [GlobalCleanup]
    public void Dispose() => connection?.Dispose();

    [Benchmark(Baseline = true)]
    public int CreateOrganizationWithJournal()
    {
        using var db = New(options);
        db.Organizations.Add(new Organization { Name = $"micro {n++}", Kind = OrganizationKind.Customer, CreatedAt = SystemClock.Instance.GetCurrentInstant() });
        return db.SaveChanges();
    }

    DbContextOptions<StewardDbContext>? bare;

    [Benchmark]
    public int CreateOrganizationWithoutJournal()
    {
        bare ??= Options(withJournal: false);
        using var db = New(bare);
        db.Organizations.Add(new Organization { Name = $"micro {n++}", Kind = OrganizationKind.Customer, CreatedAt = SystemClock.Instance.GetCurrentInstant() });
        return db.SaveChanges();
    }
}
