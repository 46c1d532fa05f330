using Steward.Core.Sourcing;

namespace Steward.Server.Sourcing;

/// <summary>Turns a loaded <see cref="SourcingModel"/> into the views the API and the UI show.</summary>
public static class SourcingViewsBuilder
{
    static Dictionary<SourcingKind, int> Count(IEnumerable<SourcingKind> kinds)
    {
        var counts = Enum.GetValues<SourcingKind>().ToDictionary(k => k, _ => 0);
        foreach (var k in kinds) counts[k]++;
        return counts;
    }

    public static SourcingProfileView Profile(SourcingModel model, Guid customerId)
    {
        var services = model.ProfileOf(customerId);
        var parties = new Dictionary<Guid, PartyView>();
        var views = services.Select(s => ServiceSourcingView.Of(s, model.ProviderId, parties)).ToList();
        return new SourcingProfileView(
            PartyView.Of(model.PartyOf(model.ProviderId), model.ProviderId, customerId),
            PartyView.Of(model.PartyOf(customerId), model.ProviderId, customerId),
            Count(services.Select(s => s.Kind)), services.Count(s => s.Mismatch), parties, views);
    }

    public static SourcingOverviewView Overview(SourcingModel model)
    {
        var all = model.SummariseAll();
        var names = model.Services.ToDictionary(s => s.Id, s => s.Name);
        var byCustomer = all.GroupBy(r => r.CustomerId)
            .Select(g => new CustomerKindsView(g.Key, model.PartyOf(g.Key).Name, g.Count(), Count(g.Select(r => r.Kind))))
            .OrderBy(c => c.CustomerName, StringComparer.Ordinal)
            .ToList();
        var mismatches = all.Where(r => r.Mismatch)
            .Select(r => new MismatchView(r.CustomerId, model.PartyOf(r.CustomerId).Name, r.ServiceId, names[r.ServiceId], r.Kind, r.ClaimedKind!.Value))
            .OrderBy(m => m.CustomerName, StringComparer.Ordinal).ThenBy(m => m.ServiceName, StringComparer.Ordinal)
            .ToList();
        return new SourcingOverviewView(PartyView.Of(model.PartyOf(model.ProviderId), model.ProviderId, null),
            byCustomer.Count, all.Count, Count(all.Select(r => r.Kind)), mismatches, byCustomer);
    }

    public static SourcingMatrix Matrix(SourcingModel model, Guid? customerId)
    {
        var providerId = model.ProviderId;
        PartyView P(Party p) => PartyView.Of(p, providerId, customerId);
        var kinds = model.SummariseAll().GroupBy(r => r.ServiceId).ToDictionary(g => g.Key, g => Count(g.Select(r => r.Kind)));
        var rows = new List<MatrixRow>();
        var used = new HashSet<string>(StringComparer.Ordinal);

        if (customerId is { } customer)
        {
            foreach (var s in model.ProfileOf(customer))
            {
                var facts = model.Services.First(f => f.Id == s.ServiceId);
                used.UnionWith(facts.ProcessKeys);
                rows.Add(new MatrixRow(s.ServiceId, s.ServiceName, facts.Type, facts.Lifecycle, s.Kind, s.ClaimedKind, s.Mismatch,
                    Count([s.Kind]),
                    s.Processes.Select(p => new MatrixCell(p.ProcessKey, true, P(p.Performer), P(p.Accountable), p.Source, p.AssignmentId,
                        p.Activities.Count(a => a.Performer.Id != p.Performer.Id), [])).ToList()));
            }
        }
        else
        {
            foreach (var facts in model.Services.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                used.UnionWith(facts.ProcessKeys);
                var overrides = model.CustomerAssignments(facts.Id).ToList();
                rows.Add(new MatrixRow(facts.Id, facts.Name, facts.Type, facts.Lifecycle, null, null, false,
                    kinds.GetValueOrDefault(facts.Id) ?? Count([]),
                    facts.ProcessKeys.Select(key =>
                    {
                        var wide = model.ServiceWideAssignment(facts.Id, key);
                        var performer = wide is null ? null : model.PartyOf(wide.PerformerId);
                        var activities = model.Catalog.Find(key)?.Activities ?? [];
                        return new MatrixCell(key, true,
                            performer is null ? null : P(performer),
                            wide is null ? null : P(model.PartyOf(wide.AccountableId ?? performer!.OrganizationId)),
                            wide is null ? AssignmentSource.InHouse : AssignmentSource.ServiceWide, wide?.Id,
                            activities.Count(a => model.ServiceWideAssignment(facts.Id, a.Key) is not null),
                            overrides.Where(o => o.ProcessKey == key).Select(o => Override(model, o, P)).ToList());
                    }).ToList()));
            }
        }

        var columns = model.Catalog.All.Where(p => used.Contains(p.Key)).Select(p => new MatrixColumn(p.Key, p.Name, p.Stage)).ToList();
        foreach (var row in rows)
        {
            // Every row gets a cell for every column, so a grid needs no lookups: processes the service lacks are marked.
            var cells = row.Cells.ToDictionary(c => c.ProcessKey, StringComparer.Ordinal);
            ((List<MatrixCell>)row.Cells).Clear();
            ((List<MatrixCell>)row.Cells).AddRange(columns.Select(c => cells.GetValueOrDefault(c.Key) ?? new MatrixCell(c.Key, false, null, null, null, null, 0, [])));
        }
        var byProcess = columns.Select(c => new ProcessRow(c.Key, c.Name, c.Stage, rows
            .Select(r => (Row: r, Cell: r.Cells.First(x => x.ProcessKey == c.Key)))
            .Where(x => x.Cell.InService)
            .Select(x => new ProcessServiceEntry(x.Row.ServiceId, x.Row.ServiceName, x.Cell.Performer, x.Cell.Accountable, x.Cell.Source,
                x.Cell.ActivityOverrides, x.Cell.CustomerOverrides))
            .ToList())).ToList();
        return new SourcingMatrix(P(model.PartyOf(providerId)), customerId is { } id ? P(model.PartyOf(id)) : null, columns, rows, byProcess);
    }

    static CustomerOverrideView Override(SourcingModel model, AssignmentFacts o, Func<Party, PartyView> p)
    {
        var performer = model.PartyOf(o.PerformerId);
        return new CustomerOverrideView(p(model.PartyOf(o.CustomerId!.Value)), p(performer),
            o.ActivityKey is null ? p(model.PartyOf(o.AccountableId ?? performer.OrganizationId)) : null, o.ActivityKey, o.Id);
    }
}
