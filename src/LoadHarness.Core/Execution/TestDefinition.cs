using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Execution;

/// <summary>What to run: NBomber's TestSuite/TestName, the scenarios (run concurrently) and thresholds over everything.</summary>
public sealed record TestDefinition
{
    public string TestSuite { get; init; } = "default";

    public string TestName { get; init; } = "test";

    public required IReadOnlyList<ScenarioDefinition> Scenarios { get; init; }

    /// <summary>Thresholds not attached to a scenario (Scenario null = every scenario together).</summary>
    public IReadOnlyList<ThresholdDefinition> Thresholds { get; init; } = [];

    /// <summary>Per scenario name, its CustomSettings section for init/clean, flattened (missing = empty; see <see cref="ScenarioInitContext.CustomSettings"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> CustomSettings { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>Every threshold: the global ones and those of each scenario.</summary>
    public IEnumerable<ThresholdDefinition> AllThresholds => Thresholds.Concat(Scenarios.SelectMany(s => s.Thresholds));

    /// <summary>Every problem (empty when valid): duplicate names, mixed models, thresholds naming unknown scenarios.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Scenarios.Count == 0)
        {
            errors.Add("no scenario to run");
        }

        foreach (var duplicate in Scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"scenario '{duplicate.Key}' is defined {duplicate.Count()} times");
        }

        foreach (var scenario in Scenarios)
        {
            errors.AddRange(scenario.Validate());
        }

        var names = Scenarios.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var threshold in AllThresholds.Where(t => t.Scenario is not null && !names.Contains(t.Scenario)))
        {
            errors.Add($"threshold '{threshold.Expression}' names scenario '{threshold.Scenario}', which is not in the test");
        }

        return errors;
    }
}
