using Steward.Server.Hosting;

namespace Steward.Server.Satisfaction;

/// <summary>Customer satisfaction's services and endpoints, added to the server in one call each.</summary>
public static class SatisfactionSetup
{
    public static IServiceCollection AddSatisfaction(this IServiceCollection services, StewardOptions options)
    {
        services.AddScoped<PeriodicSurveyRunner>();
        // Background work follows the SLA worker's switch: tests that run passes themselves turn both off.
        if (options.RunSlaWorker) services.AddHostedService<PeriodicSurveys>();
        return services;
    }

    public static IEndpointRouteBuilder MapSatisfaction(this IEndpointRouteBuilder app)
    {
        app.MapSurveys();
        app.MapSurveyInvitations();
        app.MapSatisfactionResults();
        return app;
    }
}
