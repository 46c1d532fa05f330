using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;

namespace Steward.Core.Persistence;

/// <summary>
/// The one thread that writes inserts to a SQLite file. It takes every save waiting in line and
/// commits them together in one transaction; when one of them fails, the group is written again one
/// save per transaction, so that one save's constraint violation fails only that save. Its
/// statements stay prepared on its own connection (<see cref="PreparedStatements"/>).
/// </summary>
/// <remarks>
/// <para>
/// Handing a semaphore from request to request costs a thread-pool hop per write, and under load
/// the next writer's continuation waits behind other requests' work while the file sits idle: the
/// gate, not SQLite, set the ceiling. One thread that never awaits, on a connection that stays open
/// (its page cache stays warm), and one commit per group instead of per save remove that.
/// </para>
/// <para>
/// The writer still enters the <see cref="WriteGate"/>'s semaphore for each group, because saves
/// that EF Core writes itself (updates, deletes) use the same file through other connections.
/// </para>
/// </remarks>
sealed class GroupWriter(SemaphoreSlim gate, Func<DbConnection> openConnection) : IDisposable
{
    /// <summary>Bounds one transaction, so that a burst does not hold the file for long.</summary>
    const int MaxGroup = 64;

    readonly ConcurrentQueue<Pending> queue = new();
    readonly ManualResetEventSlim wake = new(false, spinCount: 1);
    Thread? thread;
    DbConnection? connection;
    PreparedStatements? statements;
    volatile bool stopping;

    public Task WriteAsync(InsertOnlySave.Batch batch)
    {
        ObjectDisposedException.ThrowIf(stopping, this);
        if (thread is null) Start();
        var pending = new Pending(batch);
        queue.Enqueue(pending);
        wake.Set();
        // Disposed between the check above and the enqueue: the writer may be gone, so nobody else
        // would complete what is left in the queue.
        if (stopping) FailQueued();
        return pending.Done.Task;
    }

    void FailQueued()
    {
        while (queue.TryDequeue(out var left)) left.Done.TrySetException(new ObjectDisposedException(nameof(GroupWriter)));
    }

    void Start()
    {
        lock (queue)
        {
            if (thread is not null) return;
            thread = new Thread(Run) { IsBackground = true, Name = "Steward SQLite writer" };
            thread.Start();
        }
    }

    void Run()
    {
        var group = new List<Pending>(MaxGroup);
        while (!stopping)
        {
            // Reset before looking, so that an enqueue between the look and the wait still wakes us.
            wake.Reset();
            if (queue.IsEmpty)
            {
                wake.Wait();
                continue;
            }
            // The group is taken once the gate is ours: saves that arrive while an update holds it
            // join this group instead of waiting for the next.
            gate.Wait();
            try
            {
                while (group.Count < MaxGroup && queue.TryDequeue(out var pending)) group.Add(pending);
                Write(group);
            }
            finally
            {
                gate.Release();
            }
            group.Clear();
        }
        FailQueued();
    }

    void Write(List<Pending> group)
    {
        var entered = Stopwatch.GetTimestamp();
        foreach (var pending in group) WriteGate.RecordWait(pending.Queued, entered);
        var inTransaction = false;
        try
        {
            connection ??= openConnection();
            statements ??= new PreparedStatements(connection);
            if (!TryWriteTogether(group, ref inTransaction))
                foreach (var pending in group) WriteAlone(pending, ref inTransaction);
            foreach (var pending in group)
                if (pending.Failure is { } failure) pending.Done.TrySetException(failure);
                else pending.Done.TrySetResult();
        }
        catch (Exception e)
        {
            // The transaction could not begin, roll back or commit: every save of the group that has
            // no failure of its own fails with it, and the connection is renewed in case it is what broke.
            foreach (var pending in group)
                pending.Done.TrySetException(pending.Failure ?? pending.Batch.FailedCommit(e));
            Renew(inTransaction);
        }
        finally
        {
            WriteGate.RecordHold(entered);
        }
    }

    /// <summary>
    /// The whole group in one transaction, without a savepoint per save; false, with nothing written,
    /// when one of its saves fails.
    /// </summary>
    /// <remarks>
    /// Savepoints are what would let one save fail alone, but they are not free: three statements
    /// more per save, a statement journal each, and a full-text index (FTS5) writes its pending
    /// terms out as a new segment at every one. A failing save is rare (a constraint violation), so
    /// the group is written optimistically and, when one fails, rolled back and written again one
    /// save per transaction (<see cref="WriteAlone"/>), which gives each save the outcome it would
    /// have had in its own savepoint.
    /// </remarks>
    bool TryWriteTogether(List<Pending> group, ref bool inTransaction)
    {
        statements!.Execute("BEGIN IMMEDIATE");
        inTransaction = true;
        foreach (var pending in group)
        {
            try
            {
                pending.Batch.Execute(statements);
            }
            catch (Exception) when (group.Count > 1)
            {
                statements.Execute("ROLLBACK");
                inTransaction = false;
                return false;
            }
            catch (Exception e)
            {
                // Alone in its group: its failure is final, and nothing else is in the transaction.
                pending.Failure = e;
                statements.Execute("ROLLBACK");
                inTransaction = false;
                return true;
            }
        }
        statements.Execute("COMMIT");
        inTransaction = false;
        return true;
    }

    /// <summary>One save in its own transaction, after its group failed together.</summary>
    void WriteAlone(Pending pending, ref bool inTransaction)
    {
        statements!.Execute("BEGIN IMMEDIATE");
        inTransaction = true;
        try
        {
            pending.Batch.Execute(statements);
        }
        catch (Exception e)
        {
            pending.Failure = e;
        }
        statements.Execute(pending.Failure is null ? "COMMIT" : "ROLLBACK");
        inTransaction = false;
    }

    void Renew(bool inTransaction)
    {
        try
        {
            if (inTransaction) statements?.Execute("ROLLBACK");
        }
        catch (Exception)
        {
            // Nothing left to undo, or the connection is broken; it is closed below either way.
        }
        try
        {
            statements?.Dispose();
            connection?.Dispose();
        }
        catch (Exception)
        {
            // Already broken; the next group opens a new one.
        }
        statements = null;
        connection = null;
    }

    public void Dispose()
    {
        stopping = true;
        wake.Set();
        thread?.Join(TimeSpan.FromSeconds(10));
        statements?.Dispose();
        connection?.Dispose();
        FailQueued();
    }

    sealed class Pending(InsertOnlySave.Batch batch)
    {
        public InsertOnlySave.Batch Batch => batch;
        public long Queued { get; } = Stopwatch.GetTimestamp();
        public Exception? Failure { get; set; }
        // The saving request continues on the thread pool, never on the writer thread.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
