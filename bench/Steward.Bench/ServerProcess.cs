using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Steward.Bench;

/// <param name="RunProject">Start with <c>dotnet run --project RunProject</c> (as a developer does) instead of <c>dotnet Dll</c>.</param>
public sealed record ServerConfig(string Dll, string Database, string? PostgresConnection, string Token, bool DemoData = false, string? RunProject = null);

/// <summary>A Steward server started by the bench on a loopback port; killed on dispose.</summary>
public sealed class ServerProcess : IDisposable
{
    readonly Process process;
    readonly StreamWriter log;
    readonly long startedAt;

    public Uri BaseUri { get; }
    public string DataDirectory { get; }
    public int Pid => process.Id;
    /// <summary>The administrator's password as the server printed it on a fresh start, if it did.</summary>
    public string? AdminPassword { get; private set; }

    ServerProcess(Process process, StreamWriter log, long startedAt, Uri baseUri, string dataDirectory)
    {
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
        BaseUri = baseUri;
        DataDirectory = dataDirectory;
    }

    public static ServerProcess Start(ServerConfig config, string dataDirectory, string logPath)
    {
        if (!File.Exists(config.Dll))
            throw new FileNotFoundException($"Build the server first: dotnet build -c Release src/Steward.Server ({config.Dll} is missing).");
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = config.RunProject is null ? Path.GetDirectoryName(config.Dll)! : Path.GetDirectoryName(dataDirectory)!,
        };
        if (config.RunProject is null) info.ArgumentList.Add(config.Dll);
        else
        {
            foreach (var argument in new[] { "run", "--project", config.RunProject, "--" }) info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Steward__DataDirectory"] = dataDirectory;
        info.Environment["Steward__DemoData"] = config.DemoData ? "true" : "false";
        info.Environment["Steward__Database"] = config.Database;
        info.Environment["STEWARD_ADMIN_TOKEN"] = config.Token;
        if (config.PostgresConnection is not null) info.Environment["ConnectionStrings__Steward"] = config.PostgresConnection;
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var writer = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, writer, startedAt, baseUri, dataDirectory);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (writer) writer.WriteLine(e.Data);
            // The administrator's one-time password, printed on a fresh start: the UI timings sign in with it.
            if (e.Data.TrimStart().StartsWith("password:", StringComparison.Ordinal))
                server.AdminPassword ??= e.Data.Trim()["password:".Length..].Trim().Split(' ')[0];
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls /ready every 5 ms; returns the time from process start to the first 200.</summary>
    public Task<TimeSpan> WaitReadyAsync(TimeSpan timeout) => WaitForAsync("ready", timeout);

    /// <summary>Polls /health every 5 ms; returns the time from process start to the first 200.</summary>
    public Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout) => WaitForAsync("health", timeout);

    /// <summary>User and system CPU time the server process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <remarks>
    /// A bare socket and one request line rather than HttpClient: the poller shares the two cores with
    /// the server it times, and HttpClient's own first-use JIT and a thrown exception per refused
    /// connection took enough CPU from a starting server to add 0.3–0.6 s to its measured start.
    /// </remarks>
    async Task<TimeSpan> WaitForAsync(string probe, TimeSpan timeout)
    {
        var deadline = startedAt + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var request = System.Text.Encoding.ASCII.GetBytes($"GET /{probe} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        var buffer = new byte[12];
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode}; see its log.");
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, BaseUri.Port);
                    await socket.SendAsync(request);
                    var read = 0;
                    while (read < buffer.Length && await socket.ReceiveAsync(buffer.AsMemory(read)) is var n and > 0) read += n;
                    // "HTTP/1.1 200"
                    if (read == buffer.Length && buffer[9] == '2' && buffer[10] == '0' && buffer[11] == '0') return Stopwatch.GetElapsedTime(startedAt);
                }
                catch (SocketException) { }
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"/{probe} did not answer 200 within {timeout}.");
    }

    /// <summary>Resident set size in MiB, from /proc/PID/status.</summary>
    public double RssMiB() => StatusMiB("VmRSS");

    /// <summary>A memory line of /proc/PID/status in MiB: VmRSS, RssAnon (private), RssFile (mapped files: the runtime's and libraries' code), RssShmem.</summary>
    public double StatusMiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
        throw new InvalidOperationException($"No {field} line.");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    bool disposed;

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        lock (log) log.Dispose();
    }
}
