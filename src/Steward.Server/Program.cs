using Steward.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddSteward();

var app = builder.Build();
await Bootstrap.InitializeAsync(app.Services, options, app.Lifetime.ApplicationStopping);
app.UseSteward();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
