using Steward.Core.Persistence;
using Steward.Server.Hosting;
using Steward.Server.Operations;

// The content root is the folder of the server's files, not the working directory, so that
// appsettings.json applies however the server is started (dotnet run, or dotnet path/Steward.Server.dll).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.AddSteward();
// --backup PATH, --restore PATH: run instead of the server (docs/operations.md).
if (BackupCommands.Find(args, builder.Configuration, options) is { } command) return await command();
// --rebuild-work-log-months: the P&L's monthly rollup of the work log, rebuilt from it (docs/operations.md).
if (RollupCommands.Find(args, builder.Configuration, options) is { } rebuild) return await rebuild();

// A SQLite database belongs to one server process.
string? heldBy = null;
using var dataDirectory = options.Database is DatabaseProvider.Sqlite ? DataDirectoryLock.TryTake(options.FullDataDirectory, out heldBy) : null;
if (options.Database is DatabaseProvider.Sqlite && dataDirectory is null)
{
    Console.Error.WriteLine($"Another Steward server uses the data directory {options.FullDataDirectory} ({heldBy ?? "which one is not known"}). " +
        "A SQLite database belongs to one server; for several servers use PostgreSQL (docs/operations.md).");
    return 1;
}

var app = builder.Build();
app.UseSteward();
// The server listens at once. Beside the host's start, on the thread pool, the database is prepared
// (migrations, roles, the first administrator, demo data); StartupGate holds the requests that need
// it until then. Meanwhile the endpoints are built, and the key ring read once the database is there.
var gate = app.Services.GetRequiredService<StartupGate>();
gate.Run(ct => Bootstrap.PrepareAsync(app.Services, options, ct), app.Lifetime, app.Logger);
StartupWarmUp.Start(app, gate, app.Logger);
app.Run();
return Environment.ExitCode;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
