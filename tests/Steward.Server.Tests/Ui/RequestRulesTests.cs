using Steward.Core.Common;
using Steward.Core.Portfolio;
using Steward.Server.Portfolio;
using Steward.Server.Ui.Shared;
using Xunit;

namespace Steward.Server.Tests.Ui;

/// <summary>The forms check fields with the attributes of the API's own request records, so the two refuse the same input.</summary>
public sealed class RequestRulesTests
{
    [Theory]
    [InlineData(null, "The Name field is required.")]
    [InlineData("   ", "The Name field is required.")]
    [InlineData("Mail\u0007", "Name must be one line of text without control characters.")]
    [InlineData("Mail", null)]
    public void A_service_name_is_checked_by_the_attributes_of_CreateService(string? name, string? expected) =>
        Assert.Equal(expected, RequestRules.Check(typeof(CreateService), nameof(CreateService.Name), "Name", name));

    [Theory]
    [InlineData("EUR", true)]
    [InlineData("EUX", false)]
    [InlineData("eur", false)]
    public void A_charge_currency_is_an_ISO_4217_code(string code, bool accepted) =>
        Assert.Equal(accepted, RequestRules.Check(typeof(UpdateSubscription), nameof(UpdateSubscription.ChargeCurrency), "The currency", code) is null);

    [Fact]
    public void The_whole_request_check_looks_inside_the_target_rows()
    {
        var sane = new CreateOffering(Guid.NewGuid(), "Gold", null, [new TargetBody("Availability", 99.9m, "%")]);
        var huge = new CreateOffering(Guid.NewGuid(), "Gold", null, [new TargetBody("Availability", 1e13m, "%")]);

        Assert.Null(RequestRules.CheckAll(sane));
        Assert.NotNull(RequestRules.CheckAll(huge));
    }

    [Fact]
    public void The_whole_request_check_refuses_more_outcomes_than_the_API_takes()
    {
        var outcomes = Enumerable.Range(0, PortfolioLimits.MaxOutcomes + 1).Select(i => $"Outcome {i}").ToArray();

        var refused = RequestRules.CheckAll(new UpdateService("Mail", ServiceType.Business, ServiceLifecycle.Live, Outcomes: outcomes));

        Assert.NotNull(refused);
        Assert.Null(RequestRules.CheckAll(new UpdateService("Mail", ServiceType.Business, ServiceLifecycle.Live, Outcomes: outcomes[..^1])));
    }

    [Theory]
    [InlineData("targets[1].unit", "targets", 1)]
    [InlineData("targets[12].name", "targets", 12)]
    [InlineData("outcomes[0]", "targets", null)]
    [InlineData("targetsX", "targets", null)]
    [InlineData(null, "targets", null)]
    public void The_row_a_violation_names_is_read_from_its_field(string? field, string list, int? row) =>
        Assert.Equal(row, Violations.RowOf(new RuleViolation("refused", field), list));

    [Fact]
    public void A_refused_row_is_named_by_its_number_on_screen() =>
        Assert.Equal("Target 2: too long", Violations.Text(new RuleViolation("too long", "targets[1].name"), "targets", "Target"));
}
