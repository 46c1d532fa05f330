using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;

namespace Steward.Migrations.Sqlite;

/// <summary>Lets 'dotnet ef migrations add' build the model for this provider without starting the server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StewardDbContext>
{
    public StewardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StewardDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return new StewardDbContext(options).For(Actor.System(), SystemClock.Instance, WriteGate.Open());
    }
}
