using System.Data.Common;
using Microsoft.Data.Sqlite;
using Steward.Core.Persistence;

namespace Steward.Core.Tests.Persistence;

/// <summary>
/// The background checkpoint copies the log into the database without the write gate when the log
/// is short, and finishes it under the gate when it is long, after which the next commit starts the
/// log over: the file does not grow while writes keep coming.
/// </summary>
public sealed class WalCheckpointerTests : IDisposable
{
    const int MinimumPages = 50;
    readonly string directory = Directory.CreateTempSubdirectory("steward-wal-").FullName;
    readonly List<DbConnection> opened = [];

    string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "wal.db"), Pooling = false }.ToString();

    DbConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        // Only the checkpointer copies the log here: SQLite's own checkpoint is switched off.
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
        opened.Add(connection);
        return connection;
    }

    static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Each row fills about a page, so the log grows by at least <paramref name="rows"/> frames.</summary>
    static void Write(DbConnection connection, int rows)
    {
        Execute(connection, "BEGIN");
        for (var i = 0; i < rows; i++) Execute(connection, "INSERT INTO t (b) VALUES (randomblob(3500))");
        Execute(connection, "COMMIT");
    }

    /// <summary>The log's length in frames, as a passive checkpoint reports it (and copies what it can).</summary>
    static long LogFrames(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }

    [Fact]
    public async Task A_short_log_is_copied_without_waiting_for_the_gate()
    {
        var writer = Open();
        Execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
        Write(writer, MinimumPages / 5);
        using var gate = WriteGate.Serialised(Open);
        var checkpointer = new WalCheckpointer(gate, Open, MinimumPages);

        Task<long> round;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            round = checkpointer.RunAsync(CancellationToken.None);
            // It finishes while the gate is held by someone else: it never asked for it.
            Assert.Same(round, await Task.WhenAny(round, Task.Delay(TimeSpan.FromSeconds(10))));
        }
        Assert.True(await round >= MinimumPages / 5, $"Copied {await round} pages.");
        checkpointer.Close();
    }

    [Fact]
    public async Task A_long_log_is_finished_under_the_gate_and_the_next_commit_starts_it_over()
    {
        var writer = Open();
        Execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)");
        Write(writer, MinimumPages * 4);
        using var gate = WriteGate.Serialised(Open);
        var checkpointer = new WalCheckpointer(gate, Open, MinimumPages);

        Task<long> round;
        using (await gate.EnterAsync(CancellationToken.None))
        {
            round = checkpointer.RunAsync(CancellationToken.None);
            // The first pass runs beside the holder; the second waits for the gate.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Assert.False(round.IsCompleted, "The final pass ran without the write gate.");
        }
        var copied = await round.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(copied >= MinimumPages * 4, $"Copied {copied} pages.");

        var before = LogFrames(writer);
        Write(writer, 3);
        // Every frame was in the database, so the commit wrote its frames from the log's start.
        Assert.InRange(LogFrames(writer), 1, 20);
        Assert.True(before >= MinimumPages * 4, $"The log held {before} frames before the commit.");
        checkpointer.Close();
    }

    public void Dispose()
    {
        foreach (var connection in opened) connection.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A connection the gate's writer thread opened may still be closing; the OS cleans temp.
        }
    }
}
