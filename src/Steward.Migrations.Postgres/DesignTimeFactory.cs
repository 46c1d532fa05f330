using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Persistence;

namespace Steward.Migrations.Postgres;

/// <summary>Lets 'dotnet ef migrations add' build the model for this provider without starting the server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<StewardDbContext>
{
    public StewardDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<StewardDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=steward_design", o => o.UseNodaTime().MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options;
        return new StewardDbContext(options).For(Actor.System(), SystemClock.Instance, WriteGate.Open());
    }
}
