using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steward.Core.Satisfaction;
using Steward.Core.Sourcing;
using Steward.Server.Tests.Infrastructure;
using Steward.Server.Tests.Portfolio;

namespace Steward.Server.Tests.Satisfaction;

/// <summary>
/// A rating is about the parties the sourcing model named when the record was resolved: the
/// performer of the step it was resolved in, the accountable organization and the relationship's
/// kind, stored then and never recomputed, even when the assignments change before the answer.
/// </summary>
public sealed class AttributionStoredTests(SlaApp app) : IClassFixture<SlaApp>
{
    [Fact]
    public async Task The_response_names_the_parties_of_the_resolution_even_after_the_sourcing_changed()
    {
        var w = await SatisfactionWorld.CreateAsync(app);
        var investigated = SatisfactionWorld.Id(await w.ResolvedAsync("Mail does not arrive", investigated: true));
        var diagnosed = SatisfactionWorld.Id(await w.ResolvedAsync("Wrong signature", investigated: false));

        // The customer takes incident management for its e-mail in-house from now on.
        await ProviderBuilder.CreatedAsync<JsonElement>(await w.Manager.PostJsonAsync("/api/v1/sourcing/assignments", new
        {
            serviceId = w.World.ServiceId, customerId = w.World.CustomerId, processKey = "incident-management",
            performerId = w.World.CustomerId, accountableId = w.World.CustomerId,
        }));
        await w.AnswerRecordAsync(investigated, 2, 4, "Slow.");
        await w.AnswerRecordAsync(diagnosed, 5, 10);
        var later = SatisfactionWorld.Id(await w.ResolvedAsync("Calendar gone", investigated: true));

        var stored = await app.AsSystemAsync((db, _) => db.SurveyResponses.AsNoTracking().Where(r => r.SurveyId == w.SurveyId).ToDictionaryAsync(r => r.RecordId!.Value));
        var first = stored[investigated];
        Assert.Equal((w.World.Network.Id, w.World.SupplierId, AgreementType.UnderpinningContract), (first.PerformerId, first.PerformerOrganizationId, first.PerformerAgreement));
        Assert.Equal((w.World.Provider.Id, SourcingKind.ServiceOutsourcing), (first.AccountableId, first.SourcingKind));
        Assert.Equal((w.World.ServiceId, w.World.CustomerId), (first.ServiceId, first.CustomerId));
        var second = stored[diagnosed];
        Assert.Equal((w.World.ServiceDesk.Id, w.World.Provider.Id, AgreementType.OperationalLevelAgreement, w.World.Provider.Id),
            (second.PerformerId, second.PerformerOrganizationId, second.PerformerAgreement, second.AccountableId));

        var afterwards = await app.AsSystemAsync((db, _) => db.SurveyInvitations.AsNoTracking().SingleAsync(i => i.RecordId == later));
        // Later records are the customer's own work: it performs and answers for the process, the provider delivers nothing of it.
        Assert.Equal((w.World.CustomerId, w.World.CustomerId, (AgreementType?)null, SourcingKind.None),
            (afterwards.PerformerId, afterwards.AccountableId, afterwards.PerformerAgreement, afterwards.SourcingKind));

        var report = await w.Manager.GetFromJsonAsync<JsonElement>($"{SatisfactionWorld.Report}?groupBy=party&{SatisfactionWorld.November}", StewardApp.Json);
        var network = report.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("party").GetProperty("performerId").GetGuid() == w.World.Network.Id && r.GetProperty("party").GetProperty("accountableId").GetGuid() == w.World.Provider.Id);
        Assert.Equal((1, 1, 2.0), (network.GetProperty("invitations").GetInt32(), network.GetProperty("responses").GetInt32(), network.GetProperty("meanRating").GetDouble()));
        Assert.Equal("Underpinning contract", network.GetProperty("party").GetProperty("agreementKind").GetString());
        Assert.Equal(w.World.SupplierId, network.GetProperty("party").GetProperty("organizationId").GetGuid());
    }
}
