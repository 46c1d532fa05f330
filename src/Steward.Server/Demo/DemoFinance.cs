using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Finance;
using Steward.Core.Portfolio;
using Steward.Server.Finance;

namespace Steward.Server.Demo;

/// <summary>
/// Meridian's books over the demo's ninety days, on top of the subscriptions' charges and the work
/// the replay logged at the people's cost rates: a reporting currency (EUR) with dated rates for US
/// dollars and pounds, what Cloudrock, Bluewire and Sabine Consulting charge under their underpinning
/// contracts, a few other costs, and two professional practices with their champions and budgets.
/// Harbor's whole workplace service earns well; Alder's clinical support loses money, because
/// Sabine's specialists cost more than the process fee brings in; and one cost, in Swiss francs, has
/// no rate, so the P&amp;L lists it as missing instead of guessing.
/// </summary>
public static class DemoFinance
{
    public const string ReportingCurrency = "EUR";

    public static async Task AddAsync(StewardDbContext db, Instant now, CancellationToken ct)
    {
        var meridian = await db.Organizations.Where(o => o.Name == "Meridian Managed Services").Select(o => o.Id).SingleAsync(ct);
        var orgs = await db.Organizations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var services = await db.Services.Where(s => s.ProviderId == meridian).ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var communities = await db.Communities.Where(c => c.ProviderId == meridian).ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var agreements = await db.AgreementRecords.Where(a => a.ProviderId == meridian).ToDictionaryAsync(a => a.Reference, a => a.Id, ct);
        var today = now.InUtc().Date;
        LocalDate MonthsAgo(int months) => today.PlusMonths(-months).With(DateAdjusters.StartOfMonth);
        static void Done(Core.Common.RuleViolation? broken)
        {
            if (broken is not null) throw new InvalidOperationException($"Demo finance refused: {broken.Detail}");
        }

        db.FinanceSettings.Add(new FinanceSetting { ProviderId = meridian, ReportingCurrency = ReportingCurrency, Version = 1 });

        // Two currencies with rates, one of them renewed during the period; Swiss francs have none.
        foreach (var (from, on, rate) in new[] { ("USD", MonthsAgo(6), 0.92m), ("USD", MonthsAgo(1), 0.94m), ("GBP", MonthsAgo(6), 1.17m), ("GBP", MonthsAgo(2), 1.19m) })
        {
            var exchange = new ExchangeRate { ProviderId = meridian, From = from, To = ReportingCurrency, CreatedAt = now };
            Done(await ExchangeRateEndpoints.ApplyAsync(db, exchange, new ExchangeRateBody(meridian, from, ReportingCurrency, on, rate), ct));
            db.ExchangeRates.Add(exchange);
        }

        // The suppliers' charges: hosting and the WAN for every customer, Sabine's specialists for Alder's clinics alone.
        foreach (var (reference, amount, currency, start, customer, note) in new (string, decimal, string, LocalDate, string?, string)[]
        {
            ("CR-HOST-2025-117", 4_800m, "EUR", MonthsAgo(20), null, "Virtual servers and storage for every customer service."),
            ("BW-WAN-2024-09", 2_350m, "GBP", MonthsAgo(26), null, "Depot and clinic links, billed from Bluewire's UK entity."),
            ("SAB-CLIN-2026", 11_200m, "EUR", MonthsAgo(8), "Alder Health Clinics", "Two database specialists on call for the clinics' systems."),
        })
        {
            var charge = new SupplierCharge { ProviderId = meridian, AgreementId = agreements[reference], Currency = currency, CreatedAt = now };
            Done(await SupplierChargeEndpoints.ApplyAsync(db, charge,
                new SupplierChargeBody(agreements[reference], amount, currency, start, ChargePeriod.Monthly, null, customer is null ? null : orgs[customer], note), ct));
            db.SupplierCharges.Add(charge);
        }

        // Two practices: the workplace business and the data and clinical platforms business.
        var practices = new Dictionary<string, Guid>();
        foreach (var (name, champion, objective, market, owned, circles, budget) in new (string, string, string, string[], string[], string[], decimal)[]
        {
            ("Workplace Services", "olivia.bennett@meridian.example",
                "Be the workplace provider mid-sized logistics and healthcare firms renew without a tender: whole service, measured by the customer's own staff.",
                ["Harbor Logistics", "Alder Health Clinics"], ["Managed Workplace", "WAN Connectivity"], ["ITIL 4 Practice Circle"], 420_000m),
            ("Data and Clinical Platforms", "maya.lindqvist@meridian.example",
                "Sell specialist database and platform skills to firms with their own IT, and run the clinical systems Alder hands out, at a profit by the end of the year.",
                ["Alder Health Clinics", "Kestrel Financial"], ["Clinical Systems Support", "Database Expertise on Demand", "Hosting Platform"], ["ITIL v3 Process Guild"], 260_000m),
        })
        {
            var practice = new ProfessionalPractice { ProviderId = meridian, Name = name, CreatedAt = now };
            Done(await PracticeInput.ApplyAsync(db, practice, new PracticeBody(meridian, name, people[champion], objective,
                [.. market.Select(m => orgs[m])], [.. owned.Select(s => services[s])], [.. circles.Select(c => communities[c])], budget, ReportingCurrency), ct));
            db.ProfessionalPractices.Add(practice);
            practices[name] = practice.Id;
        }
        // Saved before the costs booked to them: a cost's practice is checked in the database.
        await db.SaveChangesAsync(ct);

        // Other costs on their days: travel, equipment, training, marketing.
        foreach (var (daysAgo, amount, currency, category, service, customer, practice, note) in new (int, decimal, string, string, string?, string?, string?, string)[]
        {
            (71, 2_300m, "EUR", "Equipment", "Managed Workplace", "Harbor Logistics", null, "Spare label printers for the depots."),
            (56, 1_900m, "EUR", "Training", null, null, "Data and Clinical Platforms", "PostgreSQL certification course."),
            (41, 1_450m, "USD", "Travel", "Clinical Systems Support", "Alder Health Clinics", null, "Site visits to the Denver and Austin clinics."),
            (33, 3_000m, "EUR", "Marketing", null, null, "Workplace Services", "Depot IT roadshow."),
            (24, 820m, "GBP", "Travel", "Database Expertise on Demand", "Kestrel Financial", null, "On-site review at Kestrel's London office."),
            (12, 640m, "CHF", "Hospitality", "Database Expertise on Demand", "Kestrel Financial", null, "Workshop with Kestrel's Zurich analysts (no CHF rate on record yet)."),
        })
        {
            var cost = new CostEntry { ProviderId = meridian, Currency = currency, Category = category, CreatedAt = now };
            Done(await CostEntryEndpoints.ApplyAsync(db, cost, new CostEntryBody(meridian, today.PlusDays(-daysAgo), amount, currency, category,
                service is null ? null : services[service], customer is null ? null : orgs[customer], practice is null ? null : practices[practice], note), ct));
            db.CostEntries.Add(cost);
        }
        await db.SaveChangesAsync(ct);
    }
}
