using System.Globalization;
using MudBlazor;
using Steward.Core.Improvements;
using Steward.Core.Measures;
using Steward.Server.Improvements;

namespace Steward.Server.Ui.Improvements;

/// <summary>How the register writes an improvement's figures and states.</summary>
public static class ImprovementLook
{
    /// <summary>A measure's value with its unit: "57.1 %", "3.75 of 5", "12 records", "2.5 h".</summary>
    public static string Value(decimal? value, MeasureUnit unit) => value is not { } v ? "—" : unit switch
    {
        MeasureUnit.Percent => v.ToString("0.0", CultureInfo.InvariantCulture) + " %",
        MeasureUnit.Score => v.ToString("0.00", CultureInfo.InvariantCulture) + " of 5",
        MeasureUnit.Count => v.ToString("0.##", CultureInfo.InvariantCulture) + (v == 1 ? " record" : " records"),
        MeasureUnit.Hours => v.ToString("0.##", CultureInfo.InvariantCulture) + " h",
        MeasureUnit.Days => v.ToString("0.##", CultureInfo.InvariantCulture) + " d",
        _ => v.ToString("0.##", CultureInfo.InvariantCulture),
    };

    public static string Value(decimal? value, string measureKey) => Value(value, MeasureCatalog.Find(measureKey)?.Unit ?? MeasureUnit.Count);

    public static string State(ImprovementState state) => state switch
    {
        ImprovementState.InProgress => "In progress",
        ImprovementState.NotAchieved => "Not achieved",
        _ => state.ToString(),
    };

    /// <summary>The button that moves an improvement to <paramref name="state"/>.</summary>
    public static string Action(ImprovementState state) => state switch
    {
        ImprovementState.Approved => "Approve",
        ImprovementState.InProgress => "Start",
        ImprovementState.Achieved => "Achieved",
        ImprovementState.NotAchieved => "Not achieved",
        ImprovementState.Abandoned => "Abandon",
        _ => state.ToString(),
    };

    public static Color Color(ImprovementState state) => state switch
    {
        ImprovementState.Achieved => MudBlazor.Color.Success,
        ImprovementState.NotAchieved => MudBlazor.Color.Error,
        ImprovementState.Abandoned => MudBlazor.Color.Default,
        ImprovementState.InProgress => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Primary,
    };

    /// <summary>Whether a value meets the target, for the colour of "current".</summary>
    public static Color Progress(decimal? current, decimal? target, string measureKey) =>
        current is { } c && target is { } t && MeasureCatalog.Find(measureKey) is { } m ? (m.Meets(c, t) ? MudBlazor.Color.Success : MudBlazor.Color.Warning) : MudBlazor.Color.Default;

    /// <summary>What an improvement's measure is narrowed to, in words: "E-mail · Harbour Bank · by Network engineering".</summary>
    public static string Scope(ImprovementScope s, IReadOnlyDictionary<Guid, string> names)
    {
        var parts = new List<string>();
        if (s.ServiceId is { } service) parts.Add(names.GetValueOrDefault(service, "a service"));
        if (s.CustomerId is { } customer) parts.Add(names.GetValueOrDefault(customer, "a customer"));
        if (s.ProcessKey is { } process) parts.Add(process);
        if (s.PartyId is { } party) parts.Add("by " + names.GetValueOrDefault(party, "a party"));
        if (s.Kind is { } kind) parts.Add(Shared.Show.Words(kind));
        return parts.Count == 0 ? "provider-wide" : string.Join(" · ", parts);
    }

    /// <summary>The names <see cref="Scope"/> needs.</summary>
    public static Task<Dictionary<Guid, string>> NamesAsync(Core.StewardDbContext db, IEnumerable<ImprovementScope> scopes) =>
        Incidents.PartyNames.OfAsync(db, scopes.SelectMany(s => new[] { s.ServiceId, s.CustomerId, s.PartyId }));

    /// <summary>The scope as the API shows it, back as the register's.</summary>
    public static ImprovementScope ScopeOf(ImprovementScopeView v) =>
        new(v.ServiceIds.Count > 0 ? v.ServiceIds[0] : null, v.CustomerIds.Count > 0 ? v.CustomerIds[0] : null, v.ProcessKeys.Count > 0 ? v.ProcessKeys[0] : null, v.PartyId, v.Kind);

    /// <summary>The measures an improvement can move: those computed from the records (money waits for finance).</summary>
    public static IEnumerable<MeasureDefinition> Improvable => MeasureCatalog.All.Where(m => m.Unit is not MeasureUnit.Currency);
}
