using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Scenarios;
using LoadHarness.Postgres.Scenarios;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>RunSettings + the catalog + the target → the TestDefinition the engine runs (the config laid over each scenario's defaults).</summary>
internal static class TestDefinitionBuilder
{
    /// <param name="sqlRows">Parameter rows of Sql scenarios read before the run (<see cref="SqlScenarioBinding.CheckAsync"/>), or null to read them in each scenario's init.</param>
    public static TestDefinition Build(RunSettings settings, ScenarioCatalog catalog, TargetSettings target, SqlParameterCache? sqlRows = null)
    {
        var problems = new List<string>();
        var scenarios = new List<ScenarioDefinition>();
        var custom = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var name in settings.TargetScenarios)
        {
            var entry = settings.Find(name);
            try
            {
                var scenario = BuildOne(name, entry, catalog, target, settings, problems, sqlRows);
                if (scenario is not null)
                {
                    scenarios.Add(scenario);
                    custom[name] = LoadHarness.Cli.Configuration.CustomSettings.Flatten(entry?.CustomSettings ?? LoadHarness.Cli.Configuration.CustomSettings.Empty);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                problems.Add($"{entry?.Path ?? name}: {e.Message}");
            }
        }

        var test = new TestDefinition
        {
            TestSuite = settings.TestSuite,
            TestName = settings.TestName,
            Scenarios = scenarios,
            CustomSettings = custom,
        };
        problems.AddRange(problems.Count == 0 ? test.Validate() : []);
        if (problems.Count > 0)
        {
            throw new CliInputException("invalid test:\n  " + string.Join("\n  ", problems));
        }

        return test;
    }

    /// <summary>The load a scenario would run with (for the dry run of <c>list</c>), without building its code.</summary>
    public static ScenarioDefinition PlanOnly(string name, RunSettings settings)
    {
        var placeholder = Scenario.Create(name, _ => Task.FromResult(Response.Ok()));
        var entry = settings.Find(name);
        return entry is null ? DurationScaling.Scale(placeholder, settings.DurationScale) : entry.ApplyTo(placeholder, settings.DurationScale);
    }

    private static ScenarioDefinition? BuildOne(string name, ScenarioSettings? entry, ScenarioCatalog catalog, TargetSettings target, RunSettings settings,
        List<string> problems, SqlParameterCache? sqlRows)
    {
        ScenarioDefinition scenario;
        if (entry?.Http is { } http)
        {
            scenario = HttpScenarioBinding.Create(name, http, target.ApiBaseUrl, entry.Path + ".Http");
        }
        else if (entry?.Sql is { } sql)
        {
            scenario = SqlScenarioBinding.Create(name, sql, target.ConnectionString, entry.Path + ".Sql", sqlRows);
        }
        else if (catalog.TryGet(name, out var descriptor))
        {
            var missing = Missing(descriptor.Requires, target);
            if (missing is not null)
            {
                problems.Add($"scenario '{name}' needs {missing} (set it in the config's Target section, or leave both empty for the embedded default)");
                return null;
            }

            scenario = descriptor.Build(new ScenarioBuildContext
            {
                Target = target,
                CustomSettings = entry?.CustomSettings ?? LoadHarness.Cli.Configuration.CustomSettings.Empty,
                GlobalCustomSettings = settings.GlobalCustomSettings,
            });
        }
        else
        {
            problems.Add($"unknown scenario '{name}'");
            return null;
        }

        return entry is null ? DurationScaling.Scale(scenario, settings.DurationScale) : entry.ApplyTo(scenario, settings.DurationScale);
    }

    private static string? Missing(ScenarioRequirements requires, TargetSettings target) =>
        requires.HasFlag(ScenarioRequirements.Api) && string.IsNullOrWhiteSpace(target.ApiBaseUrl) ? "Target.ApiBaseUrl"
        : requires.HasFlag(ScenarioRequirements.Database) && string.IsNullOrWhiteSpace(target.ConnectionString) ? "Target.ConnectionString"
        : null;
}
