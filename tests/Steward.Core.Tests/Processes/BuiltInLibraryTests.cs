using System.Text.RegularExpressions;
using Steward.Core.Processes;

namespace Steward.Core.Tests.Processes;

public sealed class BuiltInLibraryTests
{
    static readonly string[] Itil3ProcessKeys =
    [
        "strategy-management", "service-portfolio-management", "financial-management", "demand-management",
        "business-relationship-management",
        "design-coordination", "service-catalogue-management", "service-level-management", "availability-management",
        "capacity-management", "it-service-continuity-management", "information-security-management", "supplier-management",
        "transition-planning-and-support", "change-management", "service-asset-and-configuration-management",
        "release-and-deployment-management", "service-validation-and-testing", "change-evaluation", "knowledge-management",
        "event-management", "incident-management", "request-fulfilment", "problem-management", "access-management",
        "seven-step-improvement",
    ];

    static readonly string[] DefaultProcessKeys =
    [
        "incident-management", "request-fulfilment", "problem-management", "change-management",
        "service-asset-and-configuration-management", "release-and-deployment-management", "service-level-management",
        "availability-management", "capacity-management", "it-service-continuity-management",
        "information-security-management", "event-management", "access-management",
    ];

    static readonly string[] Units = ["%", "hours", "days", "count", "score", "currency"];

    public static TheoryData<string, string[]> OperationalActivities => new()
    {
        {
            "incident-management",
            ["identification", "logging", "categorisation", "prioritisation", "initial-diagnosis", "escalation",
             "investigation-and-diagnosis", "resolution-and-recovery", "closure"]
        },
        {
            "request-fulfilment",
            ["receiving-and-logging", "validation", "categorisation", "prioritisation", "authorisation", "fulfilment", "closure"]
        },
        {
            "problem-management",
            ["detection", "logging", "categorisation", "prioritisation", "investigation-and-diagnosis", "workaround",
             "known-error-recording", "resolution", "closure", "major-problem-review"]
        },
        {
            "change-management",
            ["recording-the-request-for-change", "review", "assessment-and-evaluation", "authorisation",
             "planning-and-coordinating-build-and-test", "authorising-deployment", "coordinating-deployment", "review-and-closure"]
        },
    };

    [Fact]
    public void The_library_holds_the_26_itil_v3_processes_in_lifecycle_order()
    {
        var keys = BuiltInLibrary.Processes.Select(p => p.Key);

        Assert.Equal(Itil3ProcessKeys, keys);
    }

    [Fact]
    public void Process_keys_are_unique()
    {
        var keys = BuiltInLibrary.Processes.Select(p => p.Key).ToList();

        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Stages_follow_the_lifecycle_with_five_eight_seven_five_and_one_processes()
    {
        var stages = BuiltInLibrary.Processes.Select(p => p.Stage).ToList();

        Assert.Equal(stages.Order(), stages);
        Assert.Equal([5, 8, 7, 5, 1], Enum.GetValues<LifecycleStage>().Select(s => stages.Count(x => x == s)));
    }

    [Fact]
    public void Every_activity_key_is_well_formed_unique_and_starts_with_its_process_key()
    {
        var pattern = new Regex("^[a-z0-9-]+/[a-z0-9-]+$");

        var activities = BuiltInLibrary.Processes.SelectMany(p => p.Activities.Select(a => (Process: p.Key, a.Key))).ToList();

        Assert.All(activities, a => Assert.StartsWith(a.Process + "/", a.Key, StringComparison.Ordinal));
        Assert.All(activities, a => Assert.Matches(pattern, a.Key));
        Assert.Equal(activities.Count, activities.Select(a => a.Key).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_process_has_five_to_ten_activities()
    {
        var counts = BuiltInLibrary.Processes.Select(p => (p.Key, p.Activities.Count));

        Assert.All(counts, c => Assert.InRange(c.Count, 5, 10));
    }

    [Fact]
    public void Every_process_has_kpis_with_unique_slug_keys_and_a_known_unit()
    {
        var processes = BuiltInLibrary.Processes;

        Assert.All(processes, p =>
        {
            Assert.InRange(p.Kpis.Count, 3, 7);
            Assert.Equal(p.Kpis.Count, p.Kpis.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count());
            Assert.All(p.Kpis, k => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", k.Key));
            Assert.All(p.Kpis, k => Assert.Contains(k.Unit, Units));
        });
    }

    [Theory]
    [MemberData(nameof(OperationalActivities))]
    public void Operational_processes_have_exactly_the_reference_activities_in_order(string processKey, string[] slugs)
    {
        var process = BuiltInLibrary.Find(processKey);

        Assert.NotNull(process);
        Assert.Equal(slugs.Select(s => $"{processKey}/{s}"), process.Activities.Select(a => a.Key));
    }

    [Fact]
    public void The_library_holds_34_practices_14_general_17_service_and_3_technical()
    {
        var practices = BuiltInLibrary.Practices;

        Assert.Equal(34, practices.Count);
        Assert.Equal(34, practices.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(14, practices.Count(p => p.Group == "General management"));
        Assert.Equal(17, practices.Count(p => p.Group == "Service management"));
        Assert.Equal(3, practices.Count(p => p.Group == "Technical management"));
    }

    [Fact]
    public void Every_mapped_practice_and_clause_exists()
    {
        var practiceKeys = BuiltInLibrary.Practices.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var clauseNumbers = BuiltInLibrary.Clauses.Select(c => c.Number).ToHashSet(StringComparer.Ordinal);

        var processes = BuiltInLibrary.Processes;

        Assert.All(processes, p => Assert.NotEmpty(p.Itil4Practices));
        Assert.All(processes, p => Assert.Subset(practiceKeys, p.Itil4Practices.ToHashSet(StringComparer.Ordinal)));
        Assert.All(processes, p => Assert.Subset(clauseNumbers, p.Iso20000Clauses.ToHashSet(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_practice_is_either_mapped_by_a_process_or_listed_as_without_one_but_not_both()
    {
        var mapped = BuiltInLibrary.Processes.SelectMany(p => p.Itil4Practices).ToHashSet(StringComparer.Ordinal);
        var unmapped = BuiltInLibrary.PracticesWithoutItil3Process;

        Assert.All(BuiltInLibrary.Practices, p => Assert.True(mapped.Contains(p.Key) ^ unmapped.Contains(p.Key), p.Key));
        Assert.All(unmapped, key => Assert.Contains(BuiltInLibrary.Practices, p => p.Key == key));
    }

    [Fact]
    public void Clauses_name_their_existing_parent_and_include_the_supplier_subclauses()
    {
        var clauses = BuiltInLibrary.Clauses;
        var numbers = clauses.Select(c => c.Number).ToList();

        Assert.Equal(30, clauses.Count);
        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("8.3.4.1", numbers);
        Assert.Contains("8.3.4.2", numbers);
        Assert.All(clauses.Where(c => c.Number.Count(ch => ch == '.') == 1), c => Assert.Null(c.Parent));
        Assert.All(clauses.Where(c => c.Number.Count(ch => ch == '.') > 1), c =>
        {
            Assert.NotNull(c.Parent);
            Assert.Contains(c.Parent, numbers);
            Assert.StartsWith(c.Parent + ".", c.Number, StringComparison.Ordinal);
        });
        Assert.Equal("8.3.4", clauses.Single(c => c.Number == "8.3.4.1").Parent);
    }

    [Fact]
    public void Change_management_maps_to_change_enablement_and_clause_8_5_1()
    {
        var change = BuiltInLibrary.Find("change-management");

        Assert.NotNull(change);
        Assert.Contains("change-enablement", change.Itil4Practices);
        Assert.Contains("8.5.1", change.Iso20000Clauses);
    }

    [Fact]
    public void Only_the_processes_a_live_service_needs_are_default_for_services()
    {
        var defaults = BuiltInLibrary.Processes.Where(p => p.DefaultForServices).Select(p => p.Key);

        Assert.Equal(DefaultProcessKeys.Order(StringComparer.Ordinal), defaults.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_returns_every_process_by_its_exact_key()
    {
        var processes = BuiltInLibrary.Processes;

        Assert.All(processes, p => Assert.Same(p, BuiltInLibrary.Find(p.Key)));
    }

    [Theory]
    [InlineData("Incident-Management")]
    [InlineData("INCIDENT-MANAGEMENT")]
    [InlineData("incident-management ")]
    [InlineData("incident")]
    [InlineData("service-desk")]
    [InlineData("")]
    public void Find_is_ordinal_and_returns_null_for_unknown_keys(string key)
    {
        var process = BuiltInLibrary.Find(key);

        Assert.Null(process);
    }
}
