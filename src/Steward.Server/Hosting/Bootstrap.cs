using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Demo;
using Steward.Server.Identity;

namespace Steward.Server.Hosting;

/// <summary>
/// Start-up work on the database, behind <see cref="StartupGate"/> while the host starts: migrate,
/// make sure the roles exist and, on an empty database, create the administrator (and the demo data
/// when enabled).
/// </summary>
public static class Bootstrap
{
    public const string AdminEmail = "admin@steward.local";

    public static async Task PrepareAsync(IServiceProvider services, StewardOptions options, CancellationToken ct = default)
    {
        var gate = services.GetRequiredService<StartupGate>();
        var administratorPassword = await MigrateAsync(services, gate, ct);
        await InitializeAsync(services, options, gate, administratorPassword, ct);
    }

    /// <summary>
    /// Applies pending migrations, reporting each to the gate. Returns the administrator's password
    /// and hash when the database was new, made on another core meanwhile.
    /// </summary>
    static async Task<Task<(string Password, string Hash)>?> MigrateAsync(IServiceProvider services, StartupGate gate, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<Actor>().BecomeSystem();
        var db = sp.GetRequiredService<StewardDbContext>();

        gate.Report("Checking the database's schema");
        // Migrate only when something is pending: MigrateAsync also takes the migration lock, half a
        // second of start-up for nothing on a restart. A database with migrations pending is usually
        // a new one, which needs an administrator password: its hash (100,000 PBKDF2 rounds) is made
        // on another core while migrations run.
        var pending = await DatabaseState.PendingMigrationsAsync(db, ct);
        if (pending.Count == 0) return null;
        // A new database has no history table yet. EF Core on PostgreSQL finds that out by reading it
        // and logging the failed command as an error, at every first start: made first, it is read empty.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        var hasher = sp.GetRequiredService<IPasswordHasher<Account>>();
        var administratorPassword = Task.Run(() => NewPasswordAndHash(hasher), ct);
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Bootstrap");
        log.LogInformation("Applying {Count} migrations: {First} … {Last}", pending.Count, pending[0], pending[^1]);
        using (MigrationProgress.Observe(pending, db.GetService<IMigrator>(), gate))
            await db.Database.MigrateAsync(ct);
        return administratorPassword;
    }

    /// <summary>The roles and, on an empty database, the administrator (and the demo data when enabled).</summary>
    static async Task InitializeAsync(IServiceProvider services, StewardOptions options, StartupGate gate,
        Task<(string Password, string Hash)>? administratorPassword, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<Actor>().BecomeSystem();
        var db = sp.GetRequiredService<StewardDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Steward.Bootstrap");

        gate.Report("Checking roles and the administrator");
        // The missing roles in one query and one save (RoleManager takes two round trips per role).
        var existing = await DatabaseState.RoleNamesAsync(db, ct);
        var normalizer = sp.GetRequiredService<ILookupNormalizer>();
        foreach (var role in Roles.All.Except(existing, StringComparer.Ordinal))
            db.Roles.Add(new IdentityRole<Guid>(role) { Id = Core.Common.Ids.New(), NormalizedName = normalizer.NormalizeName(role) });
        await db.SaveChangesAsync(ct);

        if (await DatabaseState.HasPeopleAsync(db, ct)) return;

        var clock = sp.GetRequiredService<IClock>();
        var users = sp.GetRequiredService<UserManager<Account>>();
        var now = clock.GetCurrentInstant();

        Organization provider;
        DemoSeed? demo = null;
        if (options.DemoData)
        {
            gate.Report("Loading the demo organizations, people and services");
            demo = await DemoData.LoadAsync(db, users, now, ct);
            provider = demo.Provider;
            var started = System.Diagnostics.Stopwatch.StartNew();
            var replay = new DemoReplayProgress(gate, log);
            // The survey is in place before the incidents replay, so that their resolutions invite their requesters.
            DemoSatisfaction.AddSurvey(db, provider.Id, now);
            await db.SaveChangesAsync(ct);
            await DemoIncidents.AddAsync(db, sp.GetRequiredService<Records.WorkflowServices>(), now, replay.Part(0, 0.7), ct);
            await DemoRequests.AddAsync(db, sp.GetRequiredService<Records.WorkflowServices>(), now, replay.Part(0.7, 0.9), ct);
            var resolver = sp.GetRequiredService<ActorResolver>();
            await DemoKnowledge.AddAsync(db, resolver, sp.GetRequiredService<IdentityCache>(), now, ct);
            replay.Part(0.9, 1)(0.5);
            await DemoSatisfaction.AnswerAsync(db, resolver, now, ct);
            replay.Part(0.9, 1)(0.8);
            // The books and the improvement register last: they are measured from everything above.
            var books = System.Diagnostics.Stopwatch.StartNew();
            await DemoFinance.AddAsync(db, now, ct);
            await DemoImprovements.AddAsync(db, resolver, now, ct);
            replay.Part(0.9, 1)(1);
            sp.GetRequiredService<Actor>().BecomeSystem();
            log.LogInformation("Replayed 90 days of demo incidents, requests, knowledge and survey answers in {Seconds:F1} s (finance and improvements {Books:F2} s)",
                started.Elapsed.TotalSeconds, books.Elapsed.TotalSeconds);
        }
        else
        {
            provider = new Organization { Name = options.ProviderName, Kind = OrganizationKind.Provider, CreatedAt = now };
            db.Organizations.Add(provider);
            await db.SaveChangesAsync(ct);
        }

        gate.Report("Creating the administrator");
        var admin = new Person
        {
            OrganizationId = provider.Id,
            Name = "Administrator",
            Email = AdminEmail,
            TimeZone = "Etc/UTC",
            Locale = "en-GB",
            CreatedAt = now,
        };
        db.People.Add(admin);
        await db.SaveChangesAsync(ct);

        var (password, hash) = administratorPassword is null
            ? NewPasswordAndHash(sp.GetRequiredService<IPasswordHasher<Account>>())
            : await administratorPassword;
        await Accounts.CreateAsync(users, admin, null, [Roles.Administrator], hash);

        var envToken = sp.GetRequiredService<IConfiguration>()["STEWARD_ADMIN_TOKEN"];
        if (!string.IsNullOrWhiteSpace(envToken))
        {
            db.AccessTokens.Add(new AccessToken
            {
                PersonId = admin.Id,
                OrganizationId = provider.Id,
                Name = "STEWARD_ADMIN_TOKEN",
                Hash = AccessToken.HashOf(envToken.Trim()),
                Hint = AccessToken.HintOf(envToken.Trim()),
                CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
        }

        // Printed, not only logged: this is the one moment the password can be seen.
        Console.WriteLine();
        Console.WriteLine("  Steward is set up. Sign in as the administrator:");
        Console.WriteLine($"    email:    {AdminEmail}");
        Console.WriteLine($"    password: {password}   (shown once; change it after signing in)");
        if (!string.IsNullOrWhiteSpace(envToken))
            Console.WriteLine("    API:      Authorization: Bearer $STEWARD_ADMIN_TOKEN");
        if (demo is not null)
            Console.WriteLine($"  Demo people sign in with their email and the password {DemoData.Password} (e.g. {demo.SampleAgentEmail}).");
        Console.WriteLine();
        log.LogInformation("Created the administrator {Email} in {Provider}", AdminEmail, provider.Name);
    }

    static (string Password, string Hash) NewPasswordAndHash(IPasswordHasher<Account> hasher)
    {
        var password = NewPassword();
        return (password, hasher.HashPassword(null!, password));
    }

    /// <summary>A password that satisfies the policy: 20 random characters plus one of each class.</summary>
    static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20) + "a7K!";
}

public static class Accounts
{
    /// <summary>Creates the sign-in of a person, with a password (or none) and roles.</summary>
    /// <param name="passwordHash">A hash made beforehand of a password known to meet the policy (start-up only).</param>
    public static async Task<IdentityResult> CreateAsync(UserManager<Account> users, Person person, string? password, IEnumerable<string> roles, string? passwordHash = null)
    {
        var account = new Account
        {
            Id = person.Id,
            OrganizationId = person.OrganizationId,
            UserName = person.Email,
            Email = person.Email,
            EmailConfirmed = true,
            PasswordHash = passwordHash,
        };
        var created = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
        if (!created.Succeeded) return created;
        return await users.AddToRolesAsync(account, roles);
    }
}
