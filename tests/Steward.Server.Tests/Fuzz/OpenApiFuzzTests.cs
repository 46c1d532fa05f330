using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Steward.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Steward.Server.Tests.Fuzz;

/// <summary>
/// The team's OpenAPI fuzzer (fuzz_openapi.py, beside this file) against the whole server on a real
/// Kestrel listener: 20,000 requests built from the server's own OpenAPI document, then broken.
/// Every request must be answered, and none with a 5xx. A fixed seed makes a finding repeatable:
/// run the same command against a server of your own to see it again.
/// </summary>
public sealed partial class OpenApiFuzzTests(KestrelStewardApp app, ITestOutputHelper output) : IClassFixture<KestrelStewardApp>
{
    const int Requests = 20_000;
    const int Seed = 2026;
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    [PythonFact]
    public async Task Twenty_thousand_generated_and_broken_requests_are_all_answered_without_a_5xx()
    {
        Assert.True(Python.Path is not null, "python3 is not on PATH, and CI=true makes that a failure: install python3 (./test.sh does, as root).");
        var script = Path.Combine(AppContext.BaseDirectory, "Fuzz", "fuzz_openapi.py");
        var start = new ProcessStartInfo(Python.Path!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "--base", app.BaseAddress, "--token", StewardApp.AdminToken,
                     "--requests", Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--seed", Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);

        using var fuzzer = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        var stdout = fuzzer.StandardOutput.ReadToEndAsync();
        var stderr = fuzzer.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(Patience))
        {
            try
            {
                await fuzzer.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                fuzzer.Kill(entireProcessTree: true);
                Assert.Fail($"The fuzzer did not finish within {Patience}.\n{await stdout}\n{await stderr}");
            }
        }
        var report = $"{await stdout}\n{await stderr}".Trim();
        output.WriteLine(report);

        Assert.True(fuzzer.ExitCode == 0, $"The fuzzer exited with {fuzzer.ExitCode}:\n{report}");
        Assert.True(Summary().Match(report) is { Success: true } summary && summary.Groups[1].Value == Requests.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"The fuzzer did not send all {Requests} requests:\n{report}");
        Assert.True(Findings().Match(report) is { Success: true } findings && findings.Groups[1].Value == "0", $"The fuzzer reported findings:\n{report}");
        Assert.Equal(HttpStatusCode.OK, (await app.Admin.GetAsync("/ready")).StatusCode);
    }

    /// <summary>What the fuzzer leaves aside: Kestrel itself answers it, before the app (and NulGuard) could.</summary>
    [Fact]
    public async Task A_nul_in_the_path_is_answered_400_by_kestrel()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseAddress) };

        var response = await client.GetAsync("/api/v1/processes/incident%00management");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [GeneratedRegex(@"^(\d+) requests over", RegexOptions.Multiline)]
    private static partial Regex Summary();

    [GeneratedRegex(@"^(\d+) findings", RegexOptions.Multiline)]
    private static partial Regex Findings();
}
