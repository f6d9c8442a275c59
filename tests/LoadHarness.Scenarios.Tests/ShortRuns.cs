using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Scenarios.Tests;

/// <summary>Builds shipped scenarios by name and runs them briefly through <see cref="LoadRunner"/>.</summary>
internal static class ShortRuns
{
    public static readonly ScenarioCatalog Catalog = ShippedScenarios.Register(new ScenarioCatalog());

    public static ScenarioDefinition Build(string name, TargetSettings target, params (string Key, string Value)[] customSettings)
    {
        Assert.True(Catalog.TryGet(name, out var descriptor), $"'{name}' is not registered");
        return descriptor.Build(new ScenarioBuildContext
        {
            Target = target,
            CustomSettings = Config(customSettings),
            GlobalCustomSettings = Config(("SeedUsers", EmbeddedTargetFixture.SeedUsers.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        });
    }

    /// <summary>Runs the scenarios together: <paramref name="vus"/> VUs each for <paramref name="duration"/>, short think time.</summary>
    public static Task<RunResult> RunAsync(IEnumerable<ScenarioDefinition> scenarios, TimeSpan duration, int vus = 3, TimeSpan? thinkTime = null)
    {
        var test = new TestDefinition
        {
            TestSuite = "scenarios-tests",
            TestName = "short",
            Scenarios = scenarios.Select(s => s
                .WithLoadSimulations(LoadSimulation.KeepConstant(vus, duration))
                .WithThinkTime(thinkTime ?? TimeSpan.FromMilliseconds(100))
                .WithGracefulStop(TimeSpan.FromSeconds(5))
                .WithRequestTimeout(TimeSpan.FromSeconds(10))).ToArray(),
        };
        using var hardStop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));
        return new LoadRunner().RunAsync(test, new RunOptions(), hardStop.Token);
    }

    public static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>A readable summary of a scenario's outcome for assertion messages.</summary>
    public static string Describe(ScenarioResult scenario) =>
        $"{scenario.Name}: {scenario.Stats.OkCount} ok / {scenario.Stats.FailCount} failed; steps [{string.Join(", ", scenario.Steps.Select(s => $"{s.Name} {s.Stats.OkCount}/{s.Stats.FailCount}"))}]; "
        + $"errors [{string.Join(", ", scenario.Steps.SelectMany(s => s.Stats.Errors).Concat(scenario.Stats.Errors).Select(e => $"{e.Kind} x{e.Count}: {e.FirstMessage}"))}]; "
        + $"checks [{string.Join(", ", scenario.Checks.Select(c => $"{c.Name} {c.Passes}/{c.Passes + c.Fails}"))}]";
}
