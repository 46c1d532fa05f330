using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Steward.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Steward.Migrations.Postgres";

    public static IServiceCollection AddStewardDatabase(this IServiceCollection services, IConfiguration configuration, StewardOptions options)
    {
        if (options.Database is DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("Steward");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Steward__Database=postgres needs ConnectionStrings__Steward, e.g. 'Host=127.0.0.1;Database=steward;Username=steward;Password=...'.");
            services.AddSingleton(_ => WriteGate.Open());
            services.AddPooledDbContextFactory<StewardDbContext>((sp, db) => db
                .UseNpgsql(connectionString, npgsql => npgsql.UseNodaTime().MigrationsAssembly(PostgresMigrationsAssembly)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .UseModel(Migrations.Postgres.CompiledModel.StewardDbContextModel.Instance)
                .ConfigureWarnings(IgnorePendingModelChanges));
        }
        else
        {
            Directory.CreateDirectory(options.FullDataDirectory);
            var connectionString = SqliteConnectionString(Path.Combine(options.FullDataDirectory, "steward.db"));
            services.AddSingleton<SqlitePragmas>();
            // Built by the container (not handed to it) so that it is disposed, which stops its writer thread.
            services.AddSingleton(sp => WriteGate.Serialised(() => sp.GetRequiredService<SqlitePragmas>().Open(connectionString)));
            services.AddSingleton(sp => new WalCheckpointer(sp.GetRequiredService<WriteGate>(), () => sp.GetRequiredService<SqlitePragmas>().Open(connectionString)));
            services.AddHostedService<SqliteCheckpoints>();
            services.AddPooledDbContextFactory<StewardDbContext>((sp, db) => db
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)
                    .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .UseModel(Migrations.Sqlite.CompiledModel.StewardDbContextModel.Instance)
                .ConfigureWarnings(IgnorePendingModelChanges)
                .AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        }
        // A request's context is leased from the pool and acts as the request's actor.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<StewardDbContext>>().CreateDbContext()
            .For(sp.GetRequiredService<Actor>(), sp.GetRequiredService<IClock>(), sp.GetRequiredService<WriteGate>()));
        return services;
    }

    /// <summary>
    /// Migrating would first build the whole model from the code to compare it with the migrations'
    /// snapshot (a second of a first start, on top of the compiled model). CompiledModelTests makes
    /// that comparison in the test suite instead.
    /// </summary>
    static void IgnorePendingModelChanges(WarningsConfigurationBuilder warnings) => warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        Pooling = true,
        // Seconds the driver retries a busy database; writers are serialised in-process, so this
        // covers other processes (a backup, a second server on the same file).
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Per-connection settings. WAL lets readers run beside the writer; synchronous=NORMAL is safe
    /// with WAL (a crash loses at most the last commits, never consistency) and avoids an fsync per commit.
    /// The log is copied back into the database (checkpointed) every 10,000 pages (~40 MB) instead of
    /// SQLite's 1,000: the commit that crosses the mark does the copy and its fsync while every queued
    /// write waits, and ten times fewer, larger checkpoints copy each hot index page once instead of
    /// ten times. Creates at 16 clients went from ~2,400/s (p95 13–16 ms) to ~3,000/s (p95 8–10 ms);
    /// the price is a longer stall when one does run (p99 ~20 → ~40 ms) and a WAL file up to ~40 MB.
    /// Since issue 5 the server copies the log on a thread of its own (<see cref="SqliteCheckpoints"/>)
    /// long before that mark, which now only bounds the log should that thread fall behind.
    /// Temporary files stay in memory: statement journals (which a group commit's savepoints, and any
    /// insert that fires a trigger, need) were created, written and deleted on disk for each group,
    /// a third of the writer thread's time in the kernel (perf, issue 5).
    /// </summary>
    /// <remarks>
    /// EF Core opens and closes a connection around every query, and the driver's pool hands back the
    /// same native connection each time; the settings outlive the close, so they are sent once per
    /// native connection rather than once per query (which cost three statements on every request).
    /// </remarks>
    sealed class SqlitePragmas : DbConnectionInterceptor
    {
        const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=10000; PRAGMA temp_store=MEMORY;";
        const string ReadOnlyPragmas = "PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY;";

        static bool IsReadOnly(DbConnection connection) =>
            connection is SqliteConnection sqlite && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Mode == SqliteOpenMode.ReadOnly;

        readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        /// <summary>A new open connection with the settings applied, for the write gate's writer thread.</summary>
        public DbConnection Open(string connectionString)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                Apply(connection);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle } && configured.TryGetValue(handle, out _)) return;
            using (var command = connection.CreateCommand())
            {
                // A read-only connection (EF Core's check that the file exists) cannot switch a database
                // that is not yet in WAL mode (a restored backup) to it: SQLite answers "attempt to write
                // a readonly database". The first read-write connection does it.
                command.CommandText = IsReadOnly(connection) ? ReadOnlyPragmas : Pragmas;
                command.ExecuteNonQuery();
            }
            if (connection is SqliteConnection { Handle: { } opened }) configured.AddOrUpdate(opened, Configured);
        }

        static readonly object Configured = new();
    }
}
