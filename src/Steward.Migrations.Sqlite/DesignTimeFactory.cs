using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;

namespace Steward.Migrations.Sqlite;

/// <summary>
/// Lets 'dotnet ef migrations add' and 'dotnet ef dbcontext optimize' build the model for this provider
/// without starting the server; the argument <c>--compiled-model</c> (tools/compiled-models.sh) builds
/// it for a compiled model.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StewardDbContext>
{
    public StewardDbContext CreateDbContext(string[] args)
    {
        StewardDbContext.BuildingCompiledModel = args.Contains("--compiled-model");
        var options = new DbContextOptionsBuilder<StewardDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return new StewardDbContext(options).For(Actor.System(), SystemClock.Instance, WriteGate.Open());
    }
}
