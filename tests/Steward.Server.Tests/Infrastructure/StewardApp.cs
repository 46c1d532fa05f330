using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Core.Parties;
using Steward.Server.Hosting;

namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// The whole server in-process on a fresh database of its own: a SQLite file in a temporary folder,
/// or a new database on the PostgreSQL server ./test.sh started. Tests talk to it over HTTP.
/// </summary>
public class StewardApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Whether the server loads the demo data on its first start, as a new user's does.</summary>
    protected virtual bool WithDemoData => false;

    public const string AdminToken = "stw_test-administrator-token";
    public static readonly JsonSerializerOptions Json = CreateJson();

    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "steward-tests", Guid.NewGuid().ToString("N"));
    readonly string databaseName = "steward_test_" + Guid.NewGuid().ToString("N");
    string? postgres;
    /// <summary>A PostgreSQL database another server of the test also uses: not created or dropped here.</summary>
    readonly string? shared;

    public StewardApp() { }

    /// <param name="sharedPostgres">The connection string of a database shared with other servers of the same test.</param>
    protected StewardApp(string sharedPostgres) => shared = postgres = sharedPostgres;

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>Where clients send their requests; read once the server has started.</summary>
    protected virtual Uri ServerAddress => ClientOptions.BaseAddress;

    static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ServerSetup.ConfigureJson(json);
        return json;
    }

    public async Task InitializeAsync()
    {
        if (shared is null && TestDatabase.IsPostgres) postgres = await TestDatabase.CreatePostgresDatabaseAsync(databaseName);
        await PrepareDatabaseAsync(dataDirectory, postgres);
        Admin = ClientWith(AdminToken);
        // The server prepares its database beside the host's start; tests begin once that is done.
        await Services.GetRequiredService<StartupGate>().Completion;
    }

    /// <summary>
    /// Runs before the server starts, on its empty data folder (SQLite) or its new, empty database
    /// (PostgreSQL, the connection string): the upgrade tests put a release's database there.
    /// </summary>
    protected virtual Task PrepareDatabaseAsync(string dataDirectory, string? postgresConnectionString) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Steward:DataDirectory", dataDirectory);
        builder.UseSetting("Steward:DemoData", WithDemoData ? "true" : "false");
        builder.UseSetting("Steward:ProviderName", "Test Provider");
        builder.UseSetting("STEWARD_ADMIN_TOKEN", AdminToken);
        if (postgres is not null)
        {
            builder.UseSetting("Steward:Database", "Postgres");
            builder.UseSetting("ConnectionStrings:Steward", postgres);
        }
    }

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.BaseAddress = ServerAddress;
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext that sees everything, as start-up code does.</summary>
    public async Task<T> AsSystemAsync<T>(Func<StewardDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Actor>().BecomeSystem();
        return await work(scope.ServiceProvider.GetRequiredService<StewardDbContext>(), scope.ServiceProvider);
    }

    public async Task<Organization> AddOrganizationAsync(string name, OrganizationKind kind, Guid? providerId = null) =>
        await AsSystemAsync(async (db, _) =>
        {
            var org = new Organization { Name = name, Kind = kind, CreatedAt = SystemClock.Instance.GetCurrentInstant() };
            db.Organizations.Add(org);
            if (providerId is { } p) db.PartnerRelationships.Add(new PartnerRelationship { ProviderId = p, PartnerId = org.Id, CreatedAt = org.CreatedAt });
            await db.SaveChangesAsync();
            return org;
        });

    /// <summary>A person with the given roles and a bearer token, signed in as a client.</summary>
    public async Task<(Person Person, HttpClient Client)> AddPersonAsync(Guid organizationId, params string[] roles)
    {
        var secret = AccessToken.NewSecret();
        var person = await AsSystemAsync(async (db, sp) =>
        {
            var now = SystemClock.Instance.GetCurrentInstant();
            var person = new Person
            {
                OrganizationId = organizationId, Name = "Person " + Guid.NewGuid().ToString("N")[..8],
                Email = $"{Guid.NewGuid():N}@test.example", TimeZone = "Europe/Amsterdam", Locale = "en-GB", CreatedAt = now,
            };
            db.People.Add(person);
            db.AccessTokens.Add(new AccessToken
            {
                PersonId = person.Id, OrganizationId = organizationId, Name = "test", Hash = AccessToken.HashOf(secret),
                Hint = AccessToken.HintOf(secret), CreatedAt = now,
            });
            await db.SaveChangesAsync();
            var result = await Accounts.CreateAsync(sp.GetRequiredService<UserManager<Account>>(), person, null, roles);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            return person;
        });
        return (person, ClientWith(secret));
    }

    public async Task<Guid> AdminOrganizationIdAsync() =>
        await AsSystemAsync((db, _) => db.People.Where(p => p.Email == Bootstrap.AdminEmail).Select(p => p.OrganizationId).SingleAsync());

    public new async Task DisposeAsync()
    {
        Admin?.Dispose();
        await base.DisposeAsync();
        if (postgres is not null && shared is null) await TestDatabase.DropPostgresDatabaseAsync(databaseName);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(StewardApp.Json);
        return value ?? throw new InvalidOperationException("Empty body");
    }

    /// <summary>The fields a 400 validation problem names, as its <c>errors</c> keys.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(StewardApp.Json);
        return problem.TryGetProperty("errors", out var errors) ? [.. errors.EnumerateObject().Select(e => e.Name)] : [];
    }

    /// <summary>The <c>detail</c> of a problem document.</summary>
    public static async Task<string> ProblemDetailAsync(this HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(StewardApp.Json);
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, StewardApp.Json);

    /// <summary>POSTs an action of a record (<c>{recordUrl}/{action}</c>) under the record's current ETag.</summary>
    public static async Task<HttpResponseMessage> ActAsync(this HttpClient client, string recordUrl, string action, object body)
    {
        var current = await client.GetAsync(recordUrl);
        return await client.SendWithIfMatchAsync(HttpMethod.Post, $"{recordUrl}/{action}", body, current.Headers.ETag!.Tag);
    }

    public static Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: StewardApp.Json);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request);
    }
}
