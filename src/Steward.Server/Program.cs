using Steward.Server.Hosting;

// The content root is the folder of the server's files, not the working directory, so that
// appsettings.json applies however the server is started (dotnet run, or dotnet path/Steward.Server.dll).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.AddSteward();

var app = builder.Build();
// Migrations first, then the roles and the first administrator while the rest of the host starts;
// StartupGate holds requests until that is done.
var administratorPassword = await Bootstrap.MigrateAsync(app.Services, app.Lifetime.ApplicationStopping);
app.Services.GetRequiredService<StartupGate>().Run(
    () => Bootstrap.InitializeAsync(app.Services, options, administratorPassword, app.Lifetime.ApplicationStopping),
    app.Lifetime, app.Logger);
app.UseSteward();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
