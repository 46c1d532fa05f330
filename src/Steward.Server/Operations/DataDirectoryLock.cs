namespace Steward.Server.Operations;

/// <summary>
/// An exclusive lock on <c>steward.lock</c> in the data directory, held by a server on SQLite for as
/// long as it runs. A SQLite database belongs to one server process: a second server on the same
/// folder, or a restore into it, is refused with a message instead of corrupting it. The kernel
/// releases the lock however the process ends, kill -9 included.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "steward.lock";

    /// <summary>Who holds the lock, for the message another process gets (the lock file cannot be read while it is held).</summary>
    const string HolderFile = "steward.pid";

    readonly FileStream file;

    DataDirectoryLock(FileStream file) => this.file = file;

    /// <summary>Takes the lock, or returns null with the reason when another process holds it.</summary>
    public static DataDirectoryLock? TryTake(string dataDirectory, out string? heldBy)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            // FileShare.None is an exclusive flock on Unix: advisory, but every Steward process asks for it.
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(Path.Combine(dataDirectory, HolderFile), $"process {Environment.ProcessId} ({Environment.GetCommandLineArgs().FirstOrDefault()}), since {DateTime.UtcNow:u}\n");
            heldBy = null;
            return new DataDirectoryLock(file);
        }
        catch (IOException)
        {
            heldBy = ReadHolder(Path.Combine(dataDirectory, HolderFile));
            return null;
        }
    }

    /// <summary>Takes the lock or throws with an explanation an operator can act on.</summary>
    public static DataDirectoryLock Take(string dataDirectory, string forWhat) =>
        TryTake(dataDirectory, out var heldBy) ?? throw new InvalidOperationException(
            $"Another Steward process is using the data directory {dataDirectory} ({heldBy ?? "which one is not known"}); {forWhat} needs it to itself. " +
            "Stop that server first (a SQLite database belongs to one server; for several servers use PostgreSQL, see docs/operations.md).");

    static string? ReadHolder(string path)
    {
        try
        {
            var holder = File.ReadAllText(path).Trim();
            return holder.Length == 0 ? null : holder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => file.Dispose();
}
