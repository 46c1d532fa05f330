using System.Data.Common;

namespace Steward.Core.Persistence;

/// <summary>
/// Commands kept prepared on the writer thread's connection, one per SQL text. SQLite compiles a
/// statement on every new command (a sixth of the writer's time when each insert was a new command);
/// a kept command is compiled once and only rebound. Transaction control is sent as plain
/// statements for the same reason, so the driver's transaction object is not used here.
/// </summary>
sealed class PreparedStatements(DbConnection connection) : IDisposable
{
    /// <summary>Enough for every insert statement of the model; past it the cache starts over.</summary>
    const int Limit = 256;

    readonly Dictionary<string, DbCommand> commands = new(StringComparer.Ordinal);

    public void Execute(string sql) => For(sql).ExecuteNonQuery();

    /// <summary>The prepared command for <paramref name="sql"/>, holding <paramref name="parameters"/>.</summary>
    public DbCommand For(string sql, DbParameterCollection? parameters = null)
    {
        if (!commands.TryGetValue(sql, out var command))
        {
            if (commands.Count >= Limit) Clear();
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }
        command.Parameters.Clear();
        if (parameters is not null)
            foreach (DbParameter parameter in parameters)
                command.Parameters.Add(parameter);
        return command;
    }

    void Clear()
    {
        foreach (var command in commands.Values) command.Dispose();
        commands.Clear();
    }

    public void Dispose() => Clear();
}
