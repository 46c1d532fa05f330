using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// The real server (Steward.Server.dll from this project's output) as a child process on a loopback
/// port, on a <see cref="Store"/>. Its standard output and error are kept for the test to read and
/// are written next to the test results when it is disposed.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string AdminToken = "stw_operations-test-administrator-token";

    readonly Process process;
    readonly StringBuilder output = new();
    readonly TaskCompletionSource<string> password = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly string name;

    public Uri BaseUri { get; }
    public int Port => BaseUri.Port;
    public int Pid => process.Id;
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    ServerProcess(Process process, Uri baseUri, string name)
    {
        this.process = process;
        this.name = name;
        BaseUri = baseUri;
    }

    /// <summary>Starts a server on the store; it answers /health at once and /ready once it has prepared the database.</summary>
    public static ServerProcess Start(Store store, string name = "server", bool demoData = false, int? port = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var baseUri = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        var start = ServerCommand(store, settings);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        start.Environment["Steward__DemoData"] = demoData ? "true" : "false";
        start.Environment["Steward__ServerName"] = name;
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), baseUri, name);
        server.process.OutputDataReceived += (_, e) => server.Collect(e.Data, fromStdout: true);
        server.process.ErrorDataReceived += (_, e) => server.Collect(e.Data, fromStdout: false);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs the server's executable for a command (<c>--backup PATH</c>, <c>--restore PATH</c>) on the store; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(Store store, params string[] arguments)
    {
        var start = ServerCommand(store, null);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    static ProcessStartInfo ServerCommand(Store store, IReadOnlyDictionary<string, string>? settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = store.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Steward.Server.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["STEWARD_ADMIN_TOKEN"] = AdminToken;
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in store.ServerSettings) start.Environment[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key] = value;
        return start;
    }

    void Collect(string? line, bool fromStdout)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
        if (fromStdout && PasswordLine().Match(line) is { Success: true } m) password.TrySetResult(m.Groups[1].Value);
    }

    /// <summary>Everything the server printed so far.</summary>
    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>The administrator's password, printed once when the server creates the administrator.</summary>
    public Task<string> AdminPasswordAsync() => password.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>A client with the administrator's token (or none), no redirects followed, no cookies kept.</summary>
    public HttpClient Client(string? token = AdminToken) => Clients.Bearer(BaseUri, token);

    public Task<TimeSpan> WaitHealthyAsync(TimeSpan? timeout = null) => WaitForAsync("health", timeout ?? TimeSpan.FromSeconds(60));

    public Task<TimeSpan> WaitReadyAsync(TimeSpan? timeout = null) => WaitForAsync("ready", timeout ?? TimeSpan.FromSeconds(120));

    async Task<TimeSpan> WaitForAsync(string probe, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = TimeSpan.FromSeconds(5) };
        while (started.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with code {process.ExitCode} before /{probe} answered:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, probe));
                if (response.StatusCode == HttpStatusCode.OK) return started.Elapsed;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{name}: /{probe} did not answer 200 within {timeout}:\n{Output}");
    }

    /// <summary>kill -9: no shutdown, no flush; whatever the server acknowledged must already be durable.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a process manager stops a server: in-flight requests finish, then it exits.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (process.HasExited) return;
        if (SendSignal(process.Id, 15) != 0) throw new InvalidOperationException($"Could not signal {name} ({process.Id}).");
        await process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        // Kept for reading after a failure.
        var logs = Path.Combine(Path.GetTempPath(), "steward-operations-tests");
        Directory.CreateDirectory(logs);
        await File.WriteAllTextAsync(Path.Combine(logs, $"{name}-{BaseUri.Port}.log"), Output);
    }

    [GeneratedRegex(@"^\s+password:\s+(\S+)\s+\(shown once")]
    private static partial Regex PasswordLine();
}
