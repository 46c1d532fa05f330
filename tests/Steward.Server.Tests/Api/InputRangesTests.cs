using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Steward.Core.Identity;
using Steward.Server.Tests.Infrastructure;

namespace Steward.Server.Tests.Api;

/// <summary>
/// Dates, instants and durations from outside are checked where they enter (1900-01-01 to
/// 8999-12-31; durations up to P36500D), so that nothing computed from them leaves NodaTime's
/// calendar: out of range is a 400 naming the field, never an OverflowException's 500.
/// </summary>
public sealed class InputRangesTests(StewardApp app) : IClassFixture<StewardApp>
{
    const string Reports = "/api/v1/reports";

    static async Task<string> OnlyErrorFieldAsync(HttpResponseMessage response) => (await RefusalAsync(response)).Field;

    /// <summary>The one field a 400 problem names, and what it says of it.</summary>
    static async Task<(string Field, string Message)> RefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("errors").EnumerateObject());
        return (error.Name, error.Value[0].GetString()!);
    }

    [Theory]
    [InlineData("/api/v1/audit?from=1899-12-31T23:59:59Z", "from")]
    [InlineData("/api/v1/audit?to=9000-01-01T00:00:00Z", "to")]
    [InlineData(Reports + "/backlog?to=9999-12-31T23:59:59Z", "to")]
    [InlineData(Reports + "/backlog?to=9999-12-31", "to")]
    [InlineData(Reports + "/response-times?from=0001-01-01&to=0001-01-10", "from")]
    [InlineData(Reports + "/sla-compliance?from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z", "from")]
    [InlineData(Reports + "/parties?from=1899-12-25&to=1900-01-05", "from")]
    public async Task An_instant_or_date_out_of_range_in_the_query_is_a_400_naming_the_parameter(string url, string field)
    {
        var response = await app.Admin.GetAsync(url);

        Assert.Equal(field, await OnlyErrorFieldAsync(response));
    }

    [Theory]
    [InlineData("to=9999-12-31T23:59:59Z")]
    [InlineData("to=9999-12-31")]
    [InlineData("to=9999-12-31&format=xlsx")]
    public async Task The_backlog_report_near_the_end_of_the_calendar_is_a_400_not_a_500(string query)
    {
        var response = await app.Admin.GetAsync($"{Reports}/backlog?{query}");

        Assert.Equal("to", await OnlyErrorFieldAsync(response));
    }

    [Theory]
    [InlineData("from=1900-01-01&to=1900-01-31&zone=America/New_York")]
    [InlineData("from=8999-12-01&to=8999-12-31&zone=Pacific/Kiritimati")]
    [InlineData("to=8999-12-31T23:59:59Z&zone=Pacific/Kiritimati")]
    public async Task Every_report_answers_at_both_ends_of_the_accepted_range(string period)
    {
        foreach (var report in new[] { "backlog", "response-times", "sla-compliance", "parties" })
            foreach (var format in new[] { "json", "xlsx" })
            {
                var response = await app.Admin.GetAsync($"{Reports}/{report}?{period}&format={format}");

                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{report} {period} {format}: {(int)response.StatusCode}");
            }
    }

    [Fact]
    public async Task A_date_out_of_range_in_a_body_is_a_400_naming_the_field()
    {
        var (person, _) = await app.AddPersonAsync(await app.AdminOrganizationIdAsync(), Roles.Agent);

        var late = await app.Admin.PostJsonAsync("/api/v1/cost-rates", new { hourlyAmount = 80, currency = "EUR", validFrom = "9999-12-31", personId = person.Id });
        var early = await app.Admin.PostJsonAsync("/api/v1/cost-rates", new { hourlyAmount = 80, currency = "EUR", validFrom = "1899-12-31", personId = person.Id });
        var first = await app.Admin.PostJsonAsync("/api/v1/cost-rates", new { hourlyAmount = 80, currency = "EUR", validFrom = "1900-01-01", personId = person.Id });

        Assert.Equal(("validFrom", "A date must lie from 1900-01-01 to 8999-12-31."), await RefusalAsync(late));
        Assert.Equal("validFrom", await OnlyErrorFieldAsync(early));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
    }

    [Fact]
    public async Task An_instant_out_of_range_in_a_body_is_a_400_naming_the_field()
    {
        var response = await app.Admin.PostJsonAsync("/api/v1/me/tokens", new { name = "far future", expiresAt = "9999-12-31T23:59:59Z" });

        Assert.Equal(("expiresAt", "An instant must lie from 1900-01-01T00:00:00Z to before 9000-01-01T00:00:00Z."), await RefusalAsync(response));
    }

    [Fact]
    public async Task A_duration_longer_than_any_sla_target_is_a_400_in_the_query_and_in_the_body()
    {
        var calendar = await app.Admin.PostJsonAsync("/api/v1/sla/calendars", new
        {
            name = "Ranges " + Guid.NewGuid().ToString("N")[..6], timeZone = "Europe/London",
            weeklyHours = new[] { new { day = "Monday", start = "09:00", end = "17:00" } },
        });
        var id = (await calendar.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var inQuery = await app.Admin.GetAsync($"/api/v1/sla/calendars/{id}/due?start=2026-12-01T09:00:00Z&duration=PT99999999999999H");
        var inBody = await app.Admin.PostJsonAsync("/api/v1/sla/policies", new { name = "Forever", targets = new[] { new { priority = 3, resolution = "P2147483647W" } } });

        Assert.Equal("duration", await OnlyErrorFieldAsync(inQuery));
        Assert.Equal("targets[0].resolution", await OnlyErrorFieldAsync(inBody));
    }

    /// <summary>
    /// The attributes of a body's list items are checked as the body's own are (the validation
    /// generator skips array element types unless they are marked [ValidatableType]), and the
    /// problem names each step of the path in camelCase.
    /// </summary>
    [Fact]
    public async Task A_number_out_of_range_inside_a_list_is_a_400_naming_its_camel_case_path()
    {
        var provider = await Portfolio.ProviderBuilder.StartAsync(app);
        var service = await provider.ServiceAsync("Ranges " + Portfolio.ProviderBuilder.Unique(), "incident-management");

        var policy = await app.Admin.PostJsonAsync("/api/v1/sla/policies", new { name = "Priority nine", targets = new[] { new { priority = 9, resolution = "PT8H" } } });
        var offering = await provider.Manager.PostJsonAsync("/api/v1/offerings",
            new { serviceId = service.Id, name = "Huge", targets = new[] { new { name = "Availability", target = 1e13m, unit = "%" } } });

        Assert.Equal("targets[0].priority", await OnlyErrorFieldAsync(policy));
        Assert.Equal("targets[0].target", await OnlyErrorFieldAsync(offering));
    }

    /// <summary>The validation generator finds a body's own type, but a type nested in it only when marked.</summary>
    [Fact]
    public void Every_nested_type_of_a_request_body_with_validation_attributes_is_marked_for_the_validation_generator()
    {
        var bodies = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType).OfType<Type>().Distinct().ToList();

        var nested = bodies.SelectMany(b => NestedTypes(b, [])).Distinct().ToList();
        Assert.Contains(typeof(Steward.Server.Requests.FormFieldBody), nested);

        var unmarked = nested
            .Where(t => t.GetProperties().Any(p => p.GetCustomAttributes<System.ComponentModel.DataAnnotations.ValidationAttribute>().Any()))
            .Where(t => !t.GetCustomAttributes().Any(a => a.GetType().Name == "ValidatableTypeAttribute"))
            .Select(t => t.Name).ToList();

        Assert.Empty(unmarked);
    }

    static IEnumerable<Type> NestedTypes(Type type, HashSet<Type> seen) =>
        !seen.Add(type) ? [] : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
            .SelectMany(t => t.IsArray ? [t.GetElementType()!] : t.IsGenericType ? t.GetGenericArguments() : [t])
            .Where(t => t.Namespace?.StartsWith("Steward", StringComparison.Ordinal) == true && t.IsClass)
            .SelectMany(t => NestedTypes(t, seen).Prepend(t));

    /// <summary>
    /// Only <see cref="Instant"/>, <see cref="LocalDate"/> and <see cref="Duration"/> have
    /// converters that check their range (ServerSetup.ConfigureJson); a request taking another
    /// NodaTime type would let its values in unchecked.
    /// </summary>
    [Fact]
    public void Every_NodaTime_value_a_request_body_takes_is_of_a_type_whose_range_is_checked()
    {
        Type[] checkedTypes = [typeof(Instant), typeof(LocalDate), typeof(Duration)];
        var bodies = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType).OfType<Type>().Distinct().ToList();
        Assert.NotEmpty(bodies);

        var unguarded = bodies.SelectMany(b => NodaTimeMembers(b, [])).Where(m => !checkedTypes.Contains(m.Type)).Select(m => m.Path).ToList();

        Assert.Empty(unguarded);
    }

    static IEnumerable<(string Path, Type Type)> NodaTimeMembers(Type type, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) type = type.GetElementType()!;
        else if (type.IsGenericType) return type.GetGenericArguments().SelectMany(t => NodaTimeMembers(t, seen));
        if (type.Namespace == typeof(Instant).Namespace) return [(type.Name, type)];
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("Steward", StringComparison.Ordinal) != true || !seen.Add(type))
            return [];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => NodaTimeMembers(p.PropertyType, seen).Select(m => ($"{type.Name}.{p.Name}", m.Type)));
    }
}
