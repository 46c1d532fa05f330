namespace Steward.Core.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
