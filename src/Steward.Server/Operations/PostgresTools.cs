using System.Diagnostics;
using Npgsql;

namespace Steward.Server.Operations;

/// <summary>Runs PostgreSQL's own client tools (pg_dump, pg_restore) against the database of a connection string.</summary>
public static class PostgresTools
{
    /// <param name="database">Pass the database as <c>--dbname</c> (pg_restore writes SQL to standard output without it).</param>
    public static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, bool database = false)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // The connection goes by environment, so that the password never shows in a process list.
        if (connection.Host is { } host) start.Environment["PGHOST"] = host.Split(',')[0];
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (connection.Username is { } user) start.Environment["PGUSER"] = user;
        if (connection.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (connection.Database is { } name) start.Environment["PGDATABASE"] = name;
        start.Environment["PGSSLMODE"] = connection.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        if (database) start.ArgumentList.Add($"--dbname={connection.Database}");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} failed (exit code {process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".Trim());
    }

    /// <summary>The tool on PATH, else the newest one Debian's postgresql-client packages install.</summary>
    static string Find(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, tool))) return Path.Combine(folder, tool);
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
            foreach (var version in Directory.GetDirectories(debian).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                if (File.Exists(Path.Combine(version, "bin", tool))) return Path.Combine(version, "bin", tool);
        throw new InvalidOperationException($"{tool} is not installed; install PostgreSQL's client tools (Debian: apt-get install postgresql-client).");
    }
}
