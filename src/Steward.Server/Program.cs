using Steward.Server.Hosting;

// The content root is the folder of the server's files, not the working directory, so that
// appsettings.json applies however the server is started (dotnet run, or dotnet path/Steward.Server.dll).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var options = builder.AddSteward();

var app = builder.Build();
await Bootstrap.InitializeAsync(app.Services, options, app.Lifetime.ApplicationStopping);
app.UseSteward();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
