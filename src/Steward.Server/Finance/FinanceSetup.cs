namespace Steward.Server.Finance;

/// <summary>Finance's endpoints, added to the server in one call.</summary>
public static class FinanceSetup
{
    public static IEndpointRouteBuilder MapFinance(this IEndpointRouteBuilder app)
    {
        app.MapFinanceSettings();
        app.MapExchangeRates();
        app.MapCostEntries();
        app.MapSupplierCharges();
        app.MapPractices();
        app.MapPnl();
        return app;
    }
}
