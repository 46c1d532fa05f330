namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// A test that needs a PostgreSQL server whichever database the run is for: several Steward
/// servers share one database only there. Without STEWARD_TEST_POSTGRES it is skipped, saying so,
/// except under CI=true, where it runs and fails for want of the server.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        var strict = Environment.GetEnvironmentVariable("CI") is "true" or "True" or "1";
        if (TestDatabase.PostgresServer is null && !strict)
            Skip = $"needs a PostgreSQL server ({TestDatabase.ServerVariable}); ./test.sh starts one";
    }
}
