using Microsoft.EntityFrameworkCore;
using NodaTime;
using Steward.Core;
using Steward.Core.Common;
using Steward.Core.Parties;
using Steward.Core.Portfolio;
using Steward.Core.Processes;
using Steward.Server.Parties;

namespace Steward.Server.Portfolio;

/// <summary>
/// The rules for creating and changing services, offerings and subscriptions, written once: the
/// endpoints and the UI pages both hand their request to these and save what comes back. A violation
/// that names a <see cref="RuleViolation.Field"/> is bad input (the API answers 400 naming that field);
/// one without conflicts with what is stored (409). Shape checks (lengths, currency codes) stay
/// DataAnnotations on the request records, which the UI evaluates too (see Ui/Shared/RequestRules).
/// The messages are the API's; the two that point to an endpoint are ones the UI's pickers leave no way to reach.
/// </summary>
public static class PortfolioRules
{
    // ---- Services

    /// <summary>A new service from the request; nothing is added to the context, the caller adds and saves.</summary>
    public static async Task<(Service? Service, RuleViolation? Violation)> NewServiceAsync(
        this StewardDbContext db, CreateService body, Instant now, CancellationToken ct = default)
    {
        if (await db.ActiveProviderAsync(body.ProviderId, ct) is null)
            return (null, new("No active provider organization with this id exists in your tenancy.", "providerId"));
        var name = body.Name.Trim();
        if (await ServiceNameAsync(db, body.ProviderId, name, null, ct) is { } taken) return (null, taken);
        var catalog = await db.CatalogOfAsync(body.ProviderId, ct);
        var service = new Service
        {
            ProviderId = body.ProviderId,
            Name = name,
            Description = body.Description,
            Type = body.Type,
            Lifecycle = body.Lifecycle ?? ServiceLifecycle.Pipeline,
            CreatedAt = now,
        };
        var processKeys = body.ProcessKeys?.ToList() ?? [.. catalog.DefaultForServices()];
        var broken = await ApplyAsync(db, service, body.OwnerId, body.Outcomes, processKeys, body.SupportingServiceIds ?? [], catalog, ct);
        return broken is null ? (service, null) : (null, broken);
    }

    /// <summary>Applies an update to a tracked service; on a violation the caller must not save.</summary>
    public static async Task<RuleViolation?> UpdateServiceAsync(this StewardDbContext db, Service service, UpdateService body, CancellationToken ct = default)
    {
        var name = body.Name.Trim();
        if (await ServiceNameAsync(db, service.ProviderId, name, service.Id, ct) is { } taken) return taken;
        service.Name = name;
        service.Description = body.Description;
        service.Type = body.Type;
        service.Lifecycle = body.Lifecycle;
        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        // Left out, the supporting services stay as they are (as do outcomes and processes).
        IReadOnlyList<Guid> supporting = (IReadOnlyList<Guid>?)body.SupportingServiceIds
            ?? await db.ServiceDependencies.Where(d => d.ServiceId == service.Id).Select(d => d.SupportingServiceId).ToListAsync(ct);
        return await ApplyAsync(db, service, body.OwnerId, body.Outcomes, body.ProcessKeys?.ToList() ?? service.ProcessKeys, supporting, catalog, ct);
    }

    /// <summary>Replaces the process set of a tracked service.</summary>
    public static async Task<RuleViolation?> SetProcessesAsync(this StewardDbContext db, Service service, IReadOnlyList<string> keys, CancellationToken ct = default)
    {
        var catalog = await db.CatalogOfAsync(service.ProviderId, ct);
        if (CheckProcessKeys(keys, catalog) is { } invalid) return invalid;
        if (await RemovedInUseAsync(db, service, keys, ct) is { } inUse) return inUse;
        service.ProcessKeys = [.. keys];
        return null;
    }

    /// <summary>Marks a service for removal with its own dependency rows; what still refers to it (<see cref="PortfolioChecks.ServiceInUseAsync"/>) is checked first by the caller.</summary>
    public static async Task RemoveServiceAsync(this StewardDbContext db, Service service, CancellationToken ct = default)
    {
        db.ServiceDependencies.RemoveRange(await db.ServiceDependencies.Where(d => d.ServiceId == service.Id).ToListAsync(ct));
        db.Services.Remove(service);
    }

    public static async Task<RuleViolation?> ServiceNameAsync(StewardDbContext db, Guid providerId, string trimmedName, Guid? except, CancellationToken ct) =>
        await db.ServiceNameTakenAsync(providerId, trimmedName, except, ct) ? new($"The provider already has a service named '{trimmedName}'.") : null;

    /// <summary>Checks and sets what create and update share: owner, outcomes, processes and supporting services, in that order.</summary>
    static async Task<RuleViolation?> ApplyAsync(StewardDbContext db, Service service, Guid? ownerId, IReadOnlyList<string>? outcomes,
        IReadOnlyList<string> processKeys, IReadOnlyList<Guid> supporting, ProcessCatalog catalog, CancellationToken ct)
    {
        if (ownerId is { } owner && !await db.People.AnyAsync(p => p.Id == owner && p.OrganizationId == service.ProviderId && p.ArchivedAt == null, ct))
            return new("The owner must be an active person of the providing organization.", "ownerId");
        if (CheckOutcomes(outcomes) is { } badOutcome) return badOutcome;
        if (CheckProcessKeys(processKeys, catalog) is { } badKey) return badKey;
        if (await RemovedInUseAsync(db, service, processKeys, ct) is { } inUse) return inUse;

        var wanted = supporting.Distinct().ToList();
        var known = await db.Services.Where(s => wanted.Contains(s.Id) && s.ProviderId == service.ProviderId).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        if (wanted.Where(w => known.All(k => k.Id != w)).Select(w => (Guid?)w).FirstOrDefault() is { } missing)
            return new($"Service {missing} is not a service of the same provider.", "supportingServiceIds");
        if (await db.CycleThroughAsync(service.ProviderId, service.Id, wanted, ct) is { } cycle)
            return new(cycle == service.Id
                ? "A service cannot support itself."
                : $"'{known.Single(k => k.Id == cycle).Name}' already depends, directly or through others, on this service: the dependency would make a cycle.");

        service.OwnerId = ownerId;
        if (outcomes is not null) service.Outcomes = outcomes.Select(x => x.Trim()).ToList();
        if (!processKeys.SequenceEqual(service.ProcessKeys)) service.ProcessKeys = [.. processKeys];
        var current = await db.ServiceDependencies.Where(d => d.ServiceId == service.Id).ToListAsync(ct);
        var dropped = current.Where(d => !wanted.Contains(d.SupportingServiceId)).ToList();
        var added = wanted.Where(w => current.All(d => d.SupportingServiceId != w))
            .Select(w => new ServiceDependency { ServiceId = service.Id, SupportingServiceId = w, ProviderId = service.ProviderId }).ToList();
        db.ServiceDependencies.RemoveRange(dropped);
        db.ServiceDependencies.AddRange(added);
        // The supporting services are part of the service as clients see it (its ETag), though they
        // live in rows of their own: a change to them alone is a new version of the service too.
        if ((dropped.Count > 0 || added.Count > 0) && db.Entry(service).State is EntityState.Unchanged)
            db.Entry(service).Property(s => s.Version).IsModified = true;
        return null;
    }

    public static RuleViolation? CheckOutcomes(IReadOnlyList<string>? outcomes)
    {
        for (var i = 0; i < (outcomes?.Count ?? 0); i++)
        {
            var o = outcomes![i];
            if (string.IsNullOrWhiteSpace(o) || o.Length > PortfolioLimits.Outcome || o.Any(char.IsControl))
                return new($"Each outcome is one line of 1 to {PortfolioLimits.Outcome} characters.", $"outcomes[{i}]");
        }
        return null;
    }

    /// <summary>Every key names a process of the provider's library, once.</summary>
    public static RuleViolation? CheckProcessKeys(IReadOnlyList<string> keys, ProcessCatalog catalog)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null || catalog.Find(keys[i]) is null)
                return new($"'{Shorten(keys[i])}' is not a process of the provider's library (GET /api/v1/processes).", $"processKeys[{i}]");
            if (!seen.Add(keys[i]))
                return new($"'{keys[i]}' is listed twice.", $"processKeys[{i}]");
        }
        return null;
    }

    /// <summary>The service's processes that sourcing assignments name (of any customer, so across tenancy): they cannot be removed.</summary>
    public static async Task<IReadOnlyList<string>> ProcessesInUseAsync(this StewardDbContext db, Guid serviceId, IReadOnlyCollection<string>? among = null, CancellationToken ct = default)
    {
        var query = db.SourcingAssignments.IgnoreQueryFilters().Where(a => a.ServiceId == serviceId);
        if (among is not null) query = query.Where(a => among.Contains(a.ProcessKey));
        return await query.Select(a => a.ProcessKey).Distinct().ToListAsync(ct);
    }

    static async Task<RuleViolation?> RemovedInUseAsync(StewardDbContext db, Service service, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var removed = service.ProcessKeys.Except(keys).ToList();
        if (removed.Count == 0) return null;
        var used = await db.ProcessesInUseAsync(service.Id, removed, ct);
        return used.Count == 0 ? null
            : new($"Sourcing assignments of this service still name {string.Join(", ", used)}; delete them before removing the process.");
    }

    // ---- Offerings

    /// <summary>A new offering of a service the caller's provider side sees; the caller adds and saves.</summary>
    public static async Task<(Offering? Offering, RuleViolation? Violation)> NewOfferingAsync(
        this StewardDbContext db, CreateOffering body, Instant now, CancellationToken ct = default)
    {
        // The provider must be visible, not only the service: a customer's people see the services they subscribe to.
        var service = await db.Services.AsNoTracking().Where(s => s.Id == body.ServiceId && db.Organizations.Any(o => o.Id == s.ProviderId))
            .Select(s => new { s.Id, s.ProviderId, s.Lifecycle }).SingleOrDefaultAsync(ct);
        if (service is null) return (null, new("No service of a provider in your tenancy has this id.", "serviceId"));
        if (service.Lifecycle is ServiceLifecycle.Retired) return (null, new("The service is retired; it takes no new offerings."));
        var name = body.Name.Trim();
        if (await OfferingNameAsync(db, service.Id, name, null, ct) is { } taken) return (null, taken);
        if (TargetsOf(body.Targets) is var (targets, invalid) && invalid is not null) return (null, invalid);
        return (new Offering
        {
            ServiceId = service.Id, ProviderId = service.ProviderId, Name = name, Description = body.Description, Targets = targets!, CreatedAt = now,
        }, null);
    }

    public static async Task<RuleViolation?> UpdateOfferingAsync(this StewardDbContext db, Offering offering, UpdateOffering body, CancellationToken ct = default)
    {
        var name = body.Name.Trim();
        if (await OfferingNameAsync(db, offering.ServiceId, name, offering.Id, ct) is { } taken) return taken;
        if (TargetsOf(body.Targets) is var (targets, invalid) && invalid is not null) return invalid;
        offering.Name = name;
        offering.Description = body.Description;
        offering.Targets = targets!;
        return null;
    }

    static async Task<RuleViolation?> OfferingNameAsync(StewardDbContext db, Guid serviceId, string trimmedName, Guid? except, CancellationToken ct) =>
        await db.Offerings.IgnoreQueryFilters().AnyAsync(o => o.ServiceId == serviceId && o.Name == trimmedName && o.Id != except, ct)
            ? new($"The service already has an offering named '{trimmedName}'.")
            : null;

    /// <summary>The targets of the request, trimmed, each named once.</summary>
    public static (List<ServiceLevelTarget>? Targets, RuleViolation? Violation) TargetsOf(IReadOnlyList<TargetBody>? body)
    {
        var targets = new List<ServiceLevelTarget>();
        for (var i = 0; i < (body?.Count ?? 0); i++)
        {
            var t = body![i];
            if (t is null || string.IsNullOrWhiteSpace(t.Name) || t.Name.Length > PartyLimits.Label || t.Name.Any(char.IsControl))
                return (null, new($"Name each target in one line of up to {PartyLimits.Label} characters.", $"targets[{i}].name"));
            if (string.IsNullOrWhiteSpace(t.Unit) || t.Unit.Length > 20 || t.Unit.Any(char.IsControl))
                return (null, new("Give the unit in up to 20 characters: %, hours, minutes...", $"targets[{i}].unit"));
            if (targets.Any(x => x.Name == t.Name.Trim()))
                return (null, new($"'{t.Name.Trim()}' is listed twice.", $"targets[{i}].name"));
            targets.Add(new ServiceLevelTarget(t.Name.Trim(), t.Target, t.Unit.Trim()));
        }
        return (targets, null);
    }

    // ---- Subscriptions

    /// <summary>A new subscription; the customer must be the provider itself or one it serves. The caller adds and saves.</summary>
    public static async Task<(Subscription? Subscription, RuleViolation? Violation)> NewSubscriptionAsync(
        this StewardDbContext db, CreateSubscription body, Instant now, CancellationToken ct = default)
    {
        var offering = await db.Offerings.AsNoTracking().Where(o => o.Id == body.OfferingId && db.Organizations.Any(p => p.Id == o.ProviderId))
            .Select(o => new { o.Id, o.ServiceId, o.ProviderId }).SingleOrDefaultAsync(ct);
        if (offering is null) return (null, new("No offering of a provider in your tenancy has this id.", "offeringId"));
        var customer = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == body.CustomerId && o.ArchivedAt == null, ct);
        if (customer is null) return (null, new("No active organization with this id exists in your tenancy.", "customerId"));
        if (customer.Id != offering.ProviderId && !await db.PartnerLinkedAsync(offering.ProviderId, customer.Id, ct))
            return (null, new($"'{customer.Name}' is not a customer of the offering's provider; relate them first (POST /api/v1/organizations/{offering.ProviderId}/partners).", "customerId"));
        if (Subscription.CheckDates(body.Start, body.End) is { } dates) return (null, dates);
        return (new Subscription
        {
            OfferingId = offering.Id,
            ServiceId = offering.ServiceId,
            ProviderId = offering.ProviderId,
            CustomerId = customer.Id,
            Start = body.Start,
            End = body.End,
            ChargeAmount = body.ChargeAmount,
            ChargeCurrency = body.ChargeCurrency,
            ChargePeriod = body.ChargePeriod,
            ClaimedKind = body.ClaimedKind,
            CreatedAt = now,
        }, null);
    }

    public static async Task<RuleViolation?> UpdateSubscriptionAsync(this StewardDbContext db, Subscription subscription, UpdateSubscription body, CancellationToken ct = default)
    {
        if (body.OfferingId != subscription.OfferingId)
        {
            // Moving to another option of the same service (Silver to Gold) keeps the contract's history.
            var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == body.OfferingId, ct);
            if (offering is null || offering.ServiceId != subscription.ServiceId)
                return new("Choose another offering of the same service; for another service, subscribe anew.", "offeringId");
            subscription.OfferingId = offering.Id;
        }
        if (Subscription.CheckDates(body.Start, body.End) is { } dates) return dates;
        subscription.Start = body.Start;
        subscription.End = body.End;
        subscription.ChargeAmount = body.ChargeAmount;
        subscription.ChargeCurrency = body.ChargeCurrency;
        subscription.ChargePeriod = body.ChargePeriod;
        subscription.ClaimedKind = body.ClaimedKind;
        return null;
    }

    static string Shorten(string? s) => s is null ? "null" : s.Length > 60 ? s[..60] + "…" : s;
}
