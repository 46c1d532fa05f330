using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Steward.ReleaseFixture;

/// <summary>
/// A release's server, started from its built Steward.Server.dll on a loopback port with a fresh
/// database, the fixture's administrator token and no demo data. Stopped with SIGTERM, as an
/// operator stops it, so that it shuts down cleanly (SQLite folds its log back into the file).
/// </summary>
sealed class ServerProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StreamWriter log;

    public Uri BaseUri { get; }

    ServerProcess(Process process, StreamWriter log, Uri baseUri)
    {
        this.process = process;
        this.log = log;
        BaseUri = baseUri;
    }

    public static ServerProcess Start(string dll, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var port = FreePort();
        var baseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The release reads appsettings.json from its own folder.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUri.ToString().TrimEnd('/'));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (name, value) in environment) info.Environment[name] = value;

        var writer = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, writer, baseUri);
    }

    /// <summary>Waits until /ready answers 200: migrations applied and start-up work done.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode} before it was ready; see its log.");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "ready"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The server was not ready within {timeout}.");
    }

    /// <summary>SIGTERM, then waits for a clean exit (the server gives requests 20 s).</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) throw new InvalidOperationException($"The server exited early with code {process.ExitCode}; see its log.");
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"The server stopped with exit code {process.ExitCode}; see its log.");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { }
        process.Dispose();
        lock (log) log.Dispose();
    }
}
