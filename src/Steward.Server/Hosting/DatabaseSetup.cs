using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Steward.Core;
using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Steward.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Steward.Migrations.Postgres";

    public static IServiceCollection AddStewardDatabase(this IServiceCollection services, IConfiguration configuration, StewardOptions options)
    {
        services.AddSingleton(options.Database is DatabaseProvider.Sqlite ? WriteGate.Serialised() : WriteGate.Open());

        if (options.Database is DatabaseProvider.Postgres)
        {
            var connectionString = configuration.GetConnectionString("Steward");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Steward__Database=postgres needs ConnectionStrings__Steward, e.g. 'Host=127.0.0.1;Database=steward;Username=steward;Password=...'.");
            services.AddDbContext<StewardDbContext>((sp, db) => db
                .UseNpgsql(connectionString, npgsql => npgsql.UseNodaTime().MigrationsAssembly(PostgresMigrationsAssembly)));
        }
        else
        {
            Directory.CreateDirectory(options.FullDataDirectory);
            var connectionString = SqliteConnectionString(Path.Combine(options.FullDataDirectory, "steward.db"));
            services.AddSingleton<SqlitePragmas>();
            services.AddDbContext<StewardDbContext>((sp, db) => db
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly))
                .AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        }
        return services;
    }

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
    /// </summary>
    sealed class SqlitePragmas : DbConnectionInterceptor
    {
        const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
    }
}
