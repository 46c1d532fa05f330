using System.Diagnostics;
using System.Globalization;

namespace Steward.Bench;

/// <summary>
/// CPU time used by a process (user + system), read from /proc. Throughput on a shared 2-core VM
/// swings from run to run; CPU time per request does not, so it is the figure to optimise against.
/// </summary>
public static class CpuMeter
{
    static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>CPU seconds used so far by <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static double? ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name (which may contain spaces): utime is the 14th, stime the 15th.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static double SelfSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
