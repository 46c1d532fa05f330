using NodaTime;

namespace Steward.Server.Finance;

/// <summary>The P&amp;L's period: whole days, both included.</summary>
public sealed record PnlPeriod(LocalDate From, LocalDate To, int Days);

/// <summary>Where each figure of a row comes from: GET these to list the subscriptions, work logs, charges and costs behind it.</summary>
public sealed record PnlDrill(string Revenue, string Labour, string Supplier, string Other);

/// <summary>
/// One group's figures in the reporting currency, each rounded half to even to cents from unrounded
/// sums: costs are labour + supplier + other; margin is revenue − costs, an amount; margin % is
/// margin ÷ revenue (none without revenue). Minutes are the costed work's; a practice row shows its
/// yearly budget prorated by day over the period.
/// </summary>
public sealed record PnlRow(string Key, string Name, decimal Revenue, decimal Labour, decimal Supplier, decimal Other, decimal Costs, decimal Margin,
    decimal? MarginPercent, long Minutes, decimal? BudgetForPeriod, PnlDrill? Drill);

/// <summary>One month's figures, for the chart of costs by source stacked against revenue.</summary>
public sealed record PnlMonth(string Month, decimal Revenue, decimal Labour, decimal Supplier, decimal Other, decimal Costs, decimal Margin);

/// <summary>An amount left out of every figure because no rate converts its currency into the reporting currency on its day.</summary>
public sealed record PnlMissing(string Source, string Currency, string Month, decimal Amount, int Rows);

/// <summary>A person whose logged work no rate costs, with their organization.</summary>
public sealed record PnlUncostedPerson(Guid PersonId, string Name, Guid OrganizationId, string OrganizationName, long Minutes, int Entries);

/// <summary>
/// Work left uncosted: <see cref="NoRate"/> lists the provider's own people without a rate (a gap
/// to close); <see cref="External"/> lists partners' people, whose work their organization's
/// supplier charge normally pays for (so it is not costed twice).
/// </summary>
public sealed record PnlUncosted(IReadOnlyList<PnlUncostedPerson> NoRate, IReadOnlyList<PnlUncostedPerson> External);

/// <summary>
/// GET /api/v1/finance/pnl. <see cref="Complete"/> is false while an amount lacks a rate
/// (<see cref="Missing"/>) or the provider's own people logged work no rate costs.
/// </summary>
public sealed record PnlView(PnlPeriod Period, Guid ProviderId, string ReportingCurrency, PnlGrouping GroupBy, IReadOnlyList<PnlRow> Rows, PnlRow Total,
    IReadOnlyList<PnlMonth> Months, IReadOnlyList<PnlMissing> Missing, PnlUncosted Uncosted, bool Complete);
