using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using Steward.Core;
using Steward.Core.Identity;
using Steward.Server.Api;
using Steward.Server.Audit;
using Steward.Server.Identity;
using Steward.Server.Incidents;
using Steward.Server.Notifications;
using Steward.Server.Records;
using Steward.Server.Requests;
using Steward.Server.Reports;
using Steward.Server.Parties;
using Steward.Server.Portfolio;
using Steward.Server.Processes;
using Steward.Server.Sla;
using Steward.Server.Sourcing;
using Steward.Server.Ui;

namespace Steward.Server.Hosting;

public static class ServerSetup
{
    public const string SmartScheme = "Steward";

    public static StewardOptions AddSteward(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection(StewardOptions.Section).Get<StewardOptions>() ?? new StewardOptions();
        services.AddSingleton(options);
        services.AddSingleton<StartupGate>();
        services.AddSingleton<IdleTrim>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleTrim>());
        if (options.TrustForwardedHeaders)
            services.Configure<ForwardedHeadersOptions>(f =>
            {
                f.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                // Behind a proxy of the operator's choosing: trust whichever proxy they put in front.
                f.KnownIPNetworks.Clear();
                f.KnownProxies.Clear();
            });

        // http://localhost:5080 unless --urls, ASPNETCORE_URLS or Kestrel configuration says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
            builder.WebHost.UseUrls("http://localhost:5080");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        // Give in-flight requests time to finish (and their transactions to commit) on SIGTERM.
        services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(20));

        services.AddSingleton<IClock>(NodaTime.SystemClock.Instance);
        services.AddScoped<Actor>();
        services.AddStewardDatabase(builder.Configuration, options);
        services.AddMemoryCache();
        services.AddSingleton<IdentityCache>();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<Steward.Core.Records.RecordNumbers>();
        services.AddSingleton<Records.DeskSnapshots>();
        services.AddSingleton<Records.WorkflowServices>();
        services.AddScoped<Records.RecordWorkflow>();
        services.AddScoped<Records.RecordClocks>();
        services.AddScoped<EscalationRunner>();
        services.AddSingleton<EscalationWorker>();
        if (options.RunSlaWorker) services.AddHostedService(sp => sp.GetRequiredService<EscalationWorker>());
        if (options.Database is Core.Persistence.DatabaseProvider.Sqlite) services.AddHostedService<Records.SearchIndexing>();
        Satisfaction.SatisfactionSetup.AddSatisfaction(services, options);
        services.AddScoped<ActorResolver>();
        services.AddSingleton<Knowledge.KnowledgeWorkflowFactory>();

        AddIdentity(services);
        AddApiConventions(services);
        AddObservability(builder);
        services.AddHealthChecks().AddCheck<ReadinessCheck>("database", tags: ["ready"]);
        builder.AddStewardUi();
        WithoutKeyRingReadAtStart(services);
        return options;
    }

    /// <summary>
    /// ASP.NET Core reads the data-protection key ring as the host starts, before the migrations that
    /// make its table have run (the server listens first, see <see cref="StartupGate"/>), and it would
    /// hold up the start while the EF Core model is built; <see cref="StartupWarmUp"/> reads the ring once
    /// the database is prepared. Removed last: each of authentication, antiforgery and data protection
    /// adds it back if it is missing.
    /// </summary>
    static void WithoutKeyRingReadAtStart(IServiceCollection services)
    {
        var keyRingAtStart = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService").ToList();
        if (keyRingAtStart.Count == 0) throw new InvalidOperationException("ASP.NET Core no longer registers DataProtectionHostedService; review WithoutKeyRingReadAtStart.");
        keyRingAtStart.ForEach(d => services.Remove(d));
    }

    static void AddIdentity(IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer token or sign-in cookie", p => p.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? Access.ApiScheme
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(Access.ApiScheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(c =>
        {
            c.LoginPath = "/signin";
            c.LogoutPath = "/signout";
            c.AccessDeniedPath = "/signin";
            c.Cookie.Name = "steward.auth";
            c.Cookie.HttpOnly = true;
            c.Cookie.SameSite = SameSiteMode.Lax;
            c.SlidingExpiration = true;
            c.ExpireTimeSpan = TimeSpan.FromHours(10);
        });
        services.AddIdentityCore<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<StewardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthorization(Access.AddPolicies);
        // Keys live in the database so that every server behind a proxy reads every cookie. The
        // key repository writes from scopes nobody signed in to; the journal skips these rows.
        services.AddDataProtection().SetApplicationName("Steward").PersistKeysToDbContext<StewardDbContext>();
    }

    static void AddApiConventions(IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(j => ConfigureJson(j.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(p => p.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            // Error keys name fields as clients write them (camelCase), whoever produced the errors;
            // each step of a nested path too ("targets[0].Priority" from the validation filter).
            if (c.ProblemDetails is HttpValidationProblemDetails validation)
                validation.Errors = validation.Errors.GroupBy(e => Problems.FieldName(e.Key))
                    .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
            c.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddValidation();
        services.AddOpenApi(o => o.AddSchemaTransformer<NodaTimeSchemas>());
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Enums by name only: an integer would name values that do not exist ("impact": -1).
        json.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        // Before NodaTime's own: durations are business time in ISO 8601, as the SLA API takes them;
        // instants and dates are NodaTime's, refused outside the range every computation stays in (InputRanges).
        json.Converters.Add(new IsoDurationJsonConverter());
        json.Converters.Add(InputRanges.InstantJson);
        json.Converters.Add(InputRanges.DateJson);
        json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
    }

    static void AddObservability(WebApplicationBuilder builder)
    {
        builder.Logging.Configure(l => l.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("steward"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(a => a.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                .AddHttpClientInstrumentation()
                .AddNpgsql())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql")
                // The runtime's own meter: GC collections and pause time, heap size, thread-pool queue.
                .AddMeter("System.Runtime")
                .AddMeter(Steward.Core.Persistence.WriteGate.MeterName)
                .AddView(instrument => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit(instrument) })
                .AddPrometheusExporter());
        // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT itself; enable it only when that is set.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
    }

    /// <summary>
    /// How many distinct label sets a metric keeps. OpenTelemetry allocates every metric's points up
    /// front, 2,000 by default: 9 MB of an idle server's 27 MB heap for about 50 metrics that use a
    /// handful each. Only the request metrics have one series per route, method and status.
    /// </summary>
    static int CardinalityLimit(System.Diagnostics.Metrics.Instrument instrument) =>
        instrument.Meter.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || instrument.Meter.Name.StartsWith("System.Net.Http", StringComparison.Ordinal)
            ? 2000
            : 100;

    public static WebApplication UseSteward(this WebApplication app)
    {
        app.UseMiddleware<Probes>();
        if (app.Services.GetRequiredService<StewardOptions>().TrustForwardedHeaders)
            app.UseForwardedHeaders();
        app.UseMiddleware<IdleTrim.Middleware>();
        app.UseExceptionHandler();
        app.UseMiddleware<StartupGate.Middleware>();
        // Explicitly here, after the gate: requests turned away while the server prepares must not
        // make routing build every endpoint on their thread (StartupWarmUp builds them meanwhile).
        app.UseRouting();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimit>();
        app.UseAuthentication();
        app.UseMiddleware<ActorMiddleware>();
        app.UseAuthorizationOnFirstRequest();
        // After authorization, so that nobody's body is read before they are known to be allowed in.
        app.UseMiddleware<NulGuard>();
        app.UseStewardUiMiddleware();

        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", s => s.WithTitle("Steward API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));

        app.MapOrganizations();
        app.MapPeople();
        app.MapTeams();
        app.MapSkills();
        app.MapCostRates();
        app.MapServices();
        app.MapOfferings();
        app.MapSubscriptions();
        app.MapProcesses();
        app.MapSourcingAssignments();
        app.MapSourcingAgreements();
        app.MapSlaCalendars();
        app.MapSlaPolicies();
        app.MapPriorityMatrix();
        app.MapIncidents();
        app.MapRequests();
        app.MapCatalogItems();
        app.MapSourcing();
        app.MapMe();
        app.MapAudit();
        app.MapReports();
        app.MapNotifications();
        Knowledge.KnowledgeEndpoints.MapKnowledge(app);
        Satisfaction.SatisfactionSetup.MapSatisfaction(app);
        Measures.MeasureEndpoints.MapMeasures(app);
        Measures.AgreementMeasureEndpoints.MapAgreementMeasures(app);
        Improvements.ImprovementEndpoints.MapImprovements(app);
        Finance.FinanceSetup.MapFinance(app);
        app.MapStewardUi();
        return app;
    }
}
