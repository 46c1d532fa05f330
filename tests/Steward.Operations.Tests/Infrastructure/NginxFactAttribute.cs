using Steward.Server.Tests.Infrastructure;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// A test that needs Debian's nginx and a PostgreSQL server (several servers share one database only
/// there). Skipped with the reason when either is missing, except under CI=true, where it runs and fails.
/// </summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") is "true" or "True" or "1") return;
        if (!File.Exists(Nginx.Binary)) Skip = $"needs nginx at {Nginx.Binary} (apt-get install nginx; ./test.sh installs it when root)";
        else if (TestDatabase.PostgresServer is null) Skip = $"needs a PostgreSQL server ({TestDatabase.ServerVariable}); ./test.sh starts one";
    }
}
