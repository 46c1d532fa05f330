using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Portfolio;
using Steward.Core.Sourcing;
using Steward.Server.Sourcing;

namespace Steward.Server.Finance;

/// <summary>
/// Rolls a provider's ledger up into its P&amp;L by service, customer, practice, kind of sourcing or
/// month. Amounts booked at service level (no customer) are not shared out by an estimate: grouped
/// by customer they make the row "Not allocated to a customer", and so on for each grouping; they
/// count in every total.
/// </summary>
public static class PnlReport
{
    public const string Unallocated = "unallocated";

    /// <param name="today">The day the kind of sourcing of revenue and costs is derived on (grouped by kind).</param>
    public static async Task<PnlView> RunAsync(StewardDbContext db, PnlRequest request, string currency, LocalDate today, CancellationToken ct)
    {
        var cube = await FinanceLedger.CubeAsync(db, request.ProviderId, currency, request.Period, request.CustomerId, ct);
        var subscriptions = await FinanceLedger.SubscriptionsAsync(db, request.ProviderId, request.Period, request.CustomerId, ct);
        var groups = await Groups.LoadAsync(db, request, Pairs(subscriptions), cube.Cells.Select(c => c.CustomerId).OfType<Guid>(), today, ct);
        var missing = cube.Missing.Select(m => new PnlMissing(SourceName(m.Source), m.Currency, PnlRequest.Iso(m.Month), Money.Round(m.Amount), m.Rows)).ToList();
        var budgets = groups.BudgetsForPeriod(cube, missing);

        var byKey = cube.Cells.GroupBy(groups.KeyOf).ToDictionary(g => g.Key, g => g.ToList());
        var keys = byKey.Keys.Concat(groups.AlwaysShown).Distinct().OrderBy(groups.Order).ThenBy(groups.SortText, StringComparer.CurrentCulture).ToList();
        var rows = keys.Select(k => Row(k, groups.NameOf(k), byKey.GetValueOrDefault(k) ?? [], budgets.TryGetValue(k, out var b) ? b : null, request)).ToList();
        var total = Row("total", "Total", cube.Cells, groups.HasBudgets ? budgets.Values.Sum() : null, null);
        var months = cube.Months.Select(m => Month(m, cube.Cells.Where(c => c.Month == m))).ToList();
        var uncosted = await UncostedAsync(db, request.ProviderId, cube, ct);
        return new PnlView(new PnlPeriod(request.Period.Start, request.Period.End, request.Period.Length), request.ProviderId, currency, request.GroupBy,
            rows, total, months, missing, uncosted, missing.Count == 0 && uncosted.NoRate.Count == 0);
    }

    public static string SourceName(LedgerSource source) => source.ToString().ToLowerInvariant();

    /// <summary>The relationships the period's revenue comes from: a service-level amount takes the kind all its subscribers share.</summary>
    public static IReadOnlyCollection<(Guid Service, Guid Customer)> Pairs(IEnumerable<FinanceLedger.SubscriptionRow> subscriptions) =>
        subscriptions.Select(s => (s.ServiceId, s.CustomerId)).ToHashSet();

    static PnlRow Row(string key, string name, IReadOnlyCollection<LedgerCell> cells, decimal? budget, PnlRequest? request)
    {
        decimal Sum(LedgerSource s) => cells.Where(c => c.Source == s).Sum(c => c.Amount);
        var (revenue, labour, supplier, other) = (Sum(LedgerSource.Revenue), Sum(LedgerSource.Labour), Sum(LedgerSource.Supplier), Sum(LedgerSource.Other));
        var costs = labour + supplier + other;
        var margin = revenue - costs;
        var drill = request is null ? null : Drill(request, key);
        return new PnlRow(key, name, Money.Round(revenue), Money.Round(labour), Money.Round(supplier), Money.Round(other), Money.Round(costs), Money.Round(margin),
            revenue == 0 ? null : Math.Round(100m * margin / revenue, 1, MidpointRounding.ToEven), cells.Sum(c => c.Minutes),
            budget is { } b ? Money.Round(b) : null, drill);
    }

    static PnlMonth Month(YearMonth month, IEnumerable<LedgerCell> cells)
    {
        var list = cells.ToList();
        decimal Sum(LedgerSource s) => list.Where(c => c.Source == s).Sum(c => c.Amount);
        var costs = Sum(LedgerSource.Labour) + Sum(LedgerSource.Supplier) + Sum(LedgerSource.Other);
        return new PnlMonth(PnlRequest.Iso(month), Money.Round(Sum(LedgerSource.Revenue)), Money.Round(Sum(LedgerSource.Labour)),
            Money.Round(Sum(LedgerSource.Supplier)), Money.Round(Sum(LedgerSource.Other)), Money.Round(costs), Money.Round(Sum(LedgerSource.Revenue) - costs));
    }

    static PnlDrill Drill(PnlRequest request, string key)
    {
        string Url(LedgerSource source) => $"{PnlEndpoints.RowsPath}?{request.QueryString}&key={Uri.EscapeDataString(key)}&source={SourceName(source)}";
        return new PnlDrill(Url(LedgerSource.Revenue), Url(LedgerSource.Labour), Url(LedgerSource.Supplier), Url(LedgerSource.Other));
    }

    static async Task<PnlUncosted> UncostedAsync(StewardDbContext db, Guid providerId, LedgerCube cube, CancellationToken ct)
    {
        var ids = cube.Uncosted.Select(u => u.PersonId).ToList();
        var people = await db.People.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.OrganizationId, Organization = db.Organizations.IgnoreQueryFilters().Where(o => o.Id == p.OrganizationId).Select(o => o.Name).First() })
            .ToDictionaryAsync(p => p.Id, ct);
        var views = cube.Uncosted.Where(u => people.ContainsKey(u.PersonId)).Select(u =>
        {
            var p = people[u.PersonId];
            return new PnlUncostedPerson(u.PersonId, p.Name, p.OrganizationId, p.Organization, u.Minutes, u.Entries);
        }).OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        return new PnlUncosted([.. views.Where(p => p.OrganizationId == providerId)], [.. views.Where(p => p.OrganizationId != providerId)]);
    }

    /// <summary>What a grouping needs to place and name a figure: names, practices of services, kinds of relationships, budgets.</summary>
    public sealed class Groups
    {
        PnlGrouping groupBy;
        Dictionary<Guid, string> names = [];
        Dictionary<Guid, Guid> practiceOf = [];
        List<(Guid Id, decimal Budget, string Currency)> practiceBudgets = [];
        Func<LedgerCell, SourcingKind?> kindOf = c => c.StampedKind;

        public IReadOnlyList<string> AlwaysShown { get; private set; } = [];
        public bool HasBudgets => practiceBudgets.Count > 0;

        public static async Task<Groups> LoadAsync(StewardDbContext db, PnlRequest request, IReadOnlyCollection<(Guid Service, Guid Customer)> relationships,
            IEnumerable<Guid> customerIds, LocalDate today, CancellationToken ct)
        {
            var providerId = request.ProviderId;
            var groups = new Groups { groupBy = request.GroupBy };
            switch (request.GroupBy)
            {
                case PnlGrouping.Service:
                    groups.names = await db.Services.IgnoreQueryFilters().Where(s => s.ProviderId == providerId).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
                    break;
                case PnlGrouping.Customer:
                    var customers = customerIds.Distinct().ToList();
                    groups.names = await db.Organizations.IgnoreQueryFilters().Where(o => customers.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
                    break;
                case PnlGrouping.Practice:
                    var practices = await db.ProfessionalPractices.IgnoreQueryFilters().Where(p => p.ProviderId == providerId)
                        .Select(p => new { p.Id, p.Name, p.ArchivedAt, p.YearlyBudget, p.BudgetCurrency }).ToListAsync(ct);
                    groups.names = practices.ToDictionary(p => p.Id, p => p.Name);
                    groups.practiceOf = await db.PracticeServices.IgnoreQueryFilters().Where(s => s.ProviderId == providerId).ToDictionaryAsync(s => s.ServiceId, s => s.PracticeId, ct);
                    groups.AlwaysShown = [.. practices.Where(p => p.ArchivedAt == null).Select(p => p.Id.ToString())];
                    groups.practiceBudgets = [.. practices.Where(p => p.YearlyBudget is not null && p.BudgetCurrency is not null).Select(p => (p.Id, p.YearlyBudget!.Value, p.BudgetCurrency!))];
                    break;
                case PnlGrouping.Kind:
                    // The kind of sourcing as the profile derives it today (assignments keep no history); labour keeps the kind stamped when it was logged.
                    var model = await SourcingLoader.LoadAsync(db, providerId, null, today, ct);
                    var pairs = relationships.ToDictionary(p => p, p => KindOfRelationship.Derive(model, p.Service, p.Customer));
                    SourcingKind? Single(IEnumerable<SourcingKind?> kinds) => kinds.Distinct().ToList() is [{ } only] ? only : null;
                    groups.kindOf = c => c.Source is LedgerSource.Labour ? c.StampedKind : (c.ServiceId, c.CustomerId) switch
                    {
                        ({ } s, { } cu) => pairs.TryGetValue((s, cu), out var kind) ? kind : KindOfRelationship.Derive(model, s, cu),
                        ({ } s, null) => Single(pairs.Where(p => p.Key.Service == s).Select(p => p.Value)),
                        (null, { } cu) => Single(pairs.Where(p => p.Key.Customer == cu).Select(p => p.Value)),
                        _ => null,
                    };
                    break;
            }
            return groups;
        }

        /// <summary>The services of a practice (for the drill-down of its labour), or every service in some practice.</summary>
        public IReadOnlyList<Guid> ServicesOf(Guid? practiceId) => [.. practiceOf.Where(p => practiceId is null || p.Value == practiceId).Select(p => p.Key)];

        public string KeyOf(LedgerCell c) => groupBy switch
        {
            PnlGrouping.Service => c.ServiceId?.ToString() ?? Unallocated,
            PnlGrouping.Customer => c.CustomerId?.ToString() ?? Unallocated,
            PnlGrouping.Practice => (c.PracticeId ?? (c.ServiceId is { } s && practiceOf.TryGetValue(s, out var p) ? p : null))?.ToString() ?? Unallocated,
            PnlGrouping.Kind => kindOf(c)?.ToString() ?? Unallocated,
            _ => PnlRequest.Iso(c.Month),
        };

        public string NameOf(string key)
        {
            if (key == Unallocated)
                return groupBy switch
                {
                    PnlGrouping.Service => "Not allocated to a service",
                    PnlGrouping.Customer => "Not allocated to a customer",
                    PnlGrouping.Practice => "No practice",
                    _ => "Not allocated to a kind",
                };
            if (groupBy is PnlGrouping.Kind) return KindName(Enum.Parse<SourcingKind>(key));
            if (groupBy is PnlGrouping.Month) return YearMonthPattern.Format(NodaTime.Text.YearMonthPattern.Iso.Parse(key).Value);
            return Guid.TryParse(key, out var id) && names.TryGetValue(id, out var name) ? name : key;
        }

        /// <summary>Months sort by their ISO key (2026-03 before 2026-04), the rest by name.</summary>
        public string SortText(string key) => groupBy is PnlGrouping.Month ? key : NameOf(key);

        /// <summary>Groups in reading order: months and kinds as they come, the rest by name; what is not allocated last.</summary>
        public int Order(string key) => key == Unallocated ? 2 : groupBy is PnlGrouping.Kind ? (int)Enum.Parse<SourcingKind>(key) - 10 : groupBy is PnlGrouping.Month ? 0 : 1;

        /// <summary>Each practice's yearly budget prorated by day over the period and converted month by month; a budget without a rate goes to the missing list.</summary>
        public Dictionary<string, decimal> BudgetsForPeriod(LedgerCube cube, List<PnlMissing> missing)
        {
            var budgets = new Dictionary<string, decimal>();
            foreach (var (id, budget, currency) in practiceBudgets)
            {
                var sum = 0m;
                foreach (var slice in ChargeProration.Slices(budget, ChargePeriod.Yearly, cube.Period.Start, null, cube.Period))
                {
                    if (cube.Rates.Convert(slice.Amount, currency, FinanceLedger.ConversionDay(cube.Period, slice.Month)) is { } converted) sum += converted;
                    else missing.Add(new PnlMissing("budget", currency, PnlRequest.Iso(slice.Month), Money.Round(slice.Amount), 1));
                }
                budgets[id.ToString()] = sum;
            }
            return budgets;
        }

        static readonly NodaTime.Text.YearMonthPattern YearMonthPattern = NodaTime.Text.YearMonthPattern.CreateWithInvariantCulture("MMMM uuuu");
    }

    public static string KindName(SourcingKind kind) => kind switch
    {
        SourcingKind.ServiceOutsourcing => "Service outsourcing",
        SourcingKind.ProcessOutsourcing => "Process outsourcing",
        SourcingKind.KnowledgeOutsourcing => "Knowledge outsourcing",
        _ => "None (in-house)",
    };
}
