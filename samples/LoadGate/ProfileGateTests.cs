using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Scenarios;
using LoadHarness.Cli.Embedded;
using Microsoft.Extensions.Configuration;
using Xunit.Sdk;

namespace LoadGate;

/// <summary>
/// The NBomber habit: a load test as an xUnit test that gates the build. It starts the embedded target (a throwaway
/// PostgreSQL with the sample seeded and the sample API), runs the shipped <c>api_profile</c> scenario (the seed's k6
/// script) on a compressed version of the seed's ramp, and asserts the seed's thresholds.
/// </summary>
public sealed class ProfileGateTests(EmbeddedTargetFixture fixture) : IClassFixture<EmbeddedTargetFixture>
{
    [Fact]
    public async Task Profile_endpoint_holds_the_seeds_thresholds_on_a_short_ramp()
    {
        var profile = ApiProfile()
            // The seed's stages (10 -> 50 -> 100 -> hold -> 0 users), compressed to 15 s and 10 users. The hold is long
            // enough (~600 requests) that a 1 s stall of a shared CI machine (the ~20 requests in flight then) stays
            // under the 5 % a p95 tolerates: the gate judges the build, not the neighbour's load.
            .WithLoadSimulations(Stages.ToSimulations([(TimeSpan.FromSeconds(2), 5), (TimeSpan.FromSeconds(2), 10), (TimeSpan.FromSeconds(10), 10), (TimeSpan.FromSeconds(1), 0)]))
            .WithThinkTime(TimeSpan.FromMilliseconds(200))
            .WithWarmUpDuration(TimeSpan.FromSeconds(3)) // JIT and pools in both processes, unrecorded
            .WithThresholds(
                new ThresholdDefinition("p(95) < 500"),
                new ThresholdDefinition("rate < 0.01"),
                new ThresholdDefinition("checks: rate > 0.95"));

        var result = await RunAsync(profile);

        GateAssert.Passed(result);
        Assert.True(result.Scenarios[0].Stats.OkCount > 50, GateAssert.Describe(result));
    }

    [Fact]
    public async Task A_crossed_threshold_fails_the_test_with_observed_and_limit_in_the_message()
    {
        var profile = ApiProfile()
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromSeconds(2)))
            .WithThinkTime(TimeSpan.FromMilliseconds(200))
            .WithThresholds(new ThresholdDefinition("p(95) < 0.001"), new ThresholdDefinition("rate < 0.01"));

        var result = await RunAsync(profile);

        var failure = Assert.Throws<XunitException>(() => GateAssert.Passed(result));
        Assert.Contains("load gate FAILED: 1 of 2 thresholds crossed", failure.Message, StringComparison.Ordinal);
        Assert.Matches(@"✗ api_profile 'p\(95\) < 0\.001': p\(95\)=[0-9.]+ ms, limit < 0\.001 ms", failure.Message);
        Assert.Matches(@"✓ api_profile 'rate < 0\.01': rate=0, limit < 0\.01", failure.Message);
    }

    private LoadHarness.Core.Scenarios.ScenarioDefinition ApiProfile()
    {
        var catalog = ShippedScenarios.Register(new ScenarioCatalog());
        Assert.True(catalog.TryGet("api_profile", out var descriptor));
        var empty = new ConfigurationBuilder().Build();
        return descriptor.Build(new ScenarioBuildContext
        {
            Target = fixture.Target.Target,
            CustomSettings = new ConfigurationBuilder().AddInMemoryCollection([new("Users", "200")]).Build(),
            GlobalCustomSettings = empty,
        });
    }

    private static async Task<RunResult> RunAsync(LoadHarness.Core.Scenarios.ScenarioDefinition scenario)
    {
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await new LoadRunner().RunAsync(
            new TestDefinition { TestSuite = "load-gate", TestName = "api_profile", Scenarios = [scenario.WithGracefulStop(TimeSpan.FromSeconds(5))] },
            new RunOptions(),
            hardStop.Token);
    }
}
