namespace Steward.Bench;

// Not top-level statements: the bench references Steward.Server (to time the sourcing loader
// in-process), whose own top-level Program would clash with a second global Program.
static class Program
{
    static Task<int> Main(string[] args) => Cli.RunAsync(args);
}
