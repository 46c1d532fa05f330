using Steward.Core.Persistence;

namespace Steward.Server.Hosting;

/// <summary>The "Steward" configuration section (environment: Steward__DataDirectory, Steward__DemoData, ...).</summary>
public sealed class StewardOptions
{
    public const string Section = "Steward";

    /// <summary>Folder for the SQLite database and other local state; relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the demo organizations, people and teams on first start.</summary>
    public bool DemoData { get; set; } = true;

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Name of the provider organization the administrator belongs to when starting without demo data.</summary>
    public string ProviderName { get; set; } = "Service Provider";

    /// <summary>Largest request body accepted, in bytes; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Whether this server runs the SLA worker (escalations and replans). Tests turn it off to run passes themselves.</summary>
    public bool RunSlaWorker { get; set; } = true;

    /// <summary>How many due SLA jobs one transaction of the worker claims and fires.</summary>
    public int SlaBatchSize { get; set; } = 500;

    /// <summary>This server's name in the jobs it fires; by default the machine and the process id.</summary>
    public string ServerName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Largest file that may be attached to a record, in bytes (at most 25 MB).</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long a resolved bearer token or tenancy scope is reused before it is read again.</summary>
    public TimeSpan IdentityCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Honour X-Forwarded-For/-Proto/-Host from a reverse proxy. Only switch this on when every
    /// request reaches the server through that proxy, or clients could claim any address.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>When the server goes quiet, collect garbage and give the memory back to the system (see <see cref="IdleTrim"/>).</summary>
    public bool TrimMemoryWhenIdle { get; set; } = true;

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
