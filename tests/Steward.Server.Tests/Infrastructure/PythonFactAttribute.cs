namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// A test that runs a Python script (the fuzzer). Without python3 on PATH it is skipped, saying so,
/// except under CI=true, where it runs and fails for want of it: there a missing python3 is a
/// broken build machine. ./test.sh installs python3 when it runs as root.
/// </summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        var strict = Environment.GetEnvironmentVariable("CI") is "true" or "True" or "1";
        if (Python.Path is null && !strict)
            Skip = "needs python3 on PATH (apt-get install python3); ./test.sh installs it when run as root";
    }
}

public static class Python
{
    /// <summary>The python3 executable found on PATH, or null.</summary>
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => System.IO.Path.Combine(folder, "python3"))
        .FirstOrDefault(File.Exists);
}
