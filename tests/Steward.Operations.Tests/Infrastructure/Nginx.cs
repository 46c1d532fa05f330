using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Steward.Operations.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in front of two servers on loopback, with the configuration docs/operations.md shows
/// (read from the document, so that what operators copy is what the test runs) and its own ports.
/// </summary>
public sealed partial class Nginx : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";
    const string DocumentedA = "10.0.0.11:8080";
    const string DocumentedB = "10.0.0.12:8080";

    readonly Process process;
    readonly string directory;

    public Uri BaseUri { get; }

    Nginx(Process process, string directory, Uri baseUri)
    {
        this.process = process;
        this.directory = directory;
        BaseUri = baseUri;
    }

    public static async Task<Nginx> StartAsync(int serverA, int serverB)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"nginx is not installed at {Binary}; ./test.sh installs it (apt-get install nginx).");
        var directory = Directory.CreateTempSubdirectory("steward-nginx-").FullName;
        var port = ServerProcess.FreePort();
        var site = DocumentedConfiguration()
            .Replace(DocumentedA, $"127.0.0.1:{serverA}", StringComparison.Ordinal)
            .Replace(DocumentedB, $"127.0.0.1:{serverB}", StringComparison.Ordinal)
            .Replace("listen 80;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        // As root, nginx's workers would run as nobody, who cannot write the temporary folders here.
        var user = Environment.UserName == "root" ? "user root root;" : "";
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            {{user}}
            worker_processes 1;
            daemon off;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
            {{site}}
            }
            """);
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(directory, "nginx.conf"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        var nginx = new Nginx(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await nginx.WaitListeningAsync(port);
        return nginx;
    }

    async Task WaitListeningAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()} {ErrorLog()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }
        throw new TimeoutException($"nginx did not listen on {port}: {ErrorLog()}");
    }

    public string ErrorLog() => File.Exists(Path.Combine(directory, "error.log")) ? File.ReadAllText(Path.Combine(directory, "error.log")) : "";

    /// <summary>The nginx block of docs/operations.md under its marker comment.</summary>
    static string DocumentedConfiguration()
    {
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "operations.md"));
        var marker = document.IndexOf("TwoServersBehindNginxTests.cs", StringComparison.Ordinal);
        if (marker < 0) throw new InvalidOperationException("docs/operations.md no longer marks the nginx configuration the test runs.");
        var block = NginxBlock().Match(document, marker);
        if (!block.Success) throw new InvalidOperationException("No ```nginx block after the marker in docs/operations.md.");
        var text = block.Groups[1].Value;
        if (!text.Contains(DocumentedA, StringComparison.Ordinal) || !text.Contains(DocumentedB, StringComparison.Ordinal) || !text.Contains("listen 80;", StringComparison.Ordinal))
            throw new InvalidOperationException($"The documented nginx configuration no longer names {DocumentedA}, {DocumentedB} and 'listen 80;', which the test replaces.");
        return text;
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Steward.slnx"))) return directory.FullName;
        throw new InvalidOperationException("The tests run outside the repository; docs/operations.md is not found.");
    }

    [GeneratedRegex(@"```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
