using System.Globalization;
using LoadHarness.Cli.Run;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Catalog;
using LoadHarness.Core.Configuration;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// Runs one capacity step as a real run of the scenario through the engine (RunVerb.RunTestAsync: generator CPU,
/// database health, labels, result.json): the scenario's load simulations replaced by <c>KeepConstant(VUs, step)</c> or
/// <c>Inject(rate, 1 s, step)</c>, its WarmUpDuration set to the step's warm-up (the engine runs the load then but
/// records nothing), its thresholds replaced by the gate plus an abortOnFail error guard that stops the step when
/// errors explode. Each step's result.json goes to <c>steps/NN-&lt;load&gt;/</c>.
/// </summary>
internal sealed class CapacityStepRunner(RunVerb engine, RunSettings settings, CapacityPlan plan, ScenarioDefinition scenario, TestDefinition test, TargetSettings target)
{
    public const string StepsFolder = "steps";

    /// <summary>The gate, scoped to the scenario.</summary>
    public IReadOnlyList<ThresholdDefinition> Gate { get; } = (plan.Gate is { } expressions
            ? expressions.Select(e => new ThresholdDefinition(e, scenario.Name))
            : scenario.Thresholds.Count > 0 ? scenario.Thresholds : CapacityPlan.DefaultGate.Select(e => new ThresholdDefinition(e, scenario.Name)))
        .ToArray();

    /// <summary>Stops a step whose error rate reaches the explosion rate, judged from a few seconds into its measured part.</summary>
    public ThresholdDefinition Guard { get; } = new(
        string.Create(CultureInfo.InvariantCulture, $"rate < {plan.Search.ErrorExplosionRate:0.###}"),
        scenario.Name,
        abortOnFail: true,
        delayAbortEval: plan.WarmUp + TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, plan.StepDuration.Ticks / 3)));

    public static string FolderName(int number, LoadModel model, int load) =>
        string.Create(CultureInfo.InvariantCulture, $"{number:00}-{load}{(model == LoadModel.Closed ? "vus" : "ips")}");

    public async Task<(StepObservation Observation, RunResult Result, string RelativePath)> RunAsync(
        CapacityDecision decision, int number, string outFolder, CancellationToken cancellationToken)
    {
        var model = plan.Search.Model;
        var simulation = model == LoadModel.Closed
            ? LoadSimulation.KeepConstant(decision.Load, plan.StepDuration)
            : LoadSimulation.Inject(decision.Load, TimeSpan.FromSeconds(1), plan.StepDuration);

        // Closed model: the step's VUs are the load, so a MaxVUs cap from the config must not cut them.
        var step = (scenario with { LoadSimulations = [simulation], Thresholds = [], MaxVUs = model == LoadModel.Closed ? null : scenario.MaxVUs })
            .WithWarmUpDuration(plan.WarmUp)
            .WithThresholds([.. Gate, Guard]);
        var relative = StepsFolder + "/" + FolderName(number, model, decision.Load);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["capacity.step"] = number.ToString(CultureInfo.InvariantCulture),
            ["capacity.phase"] = decision.Phase.ToString().ToLowerInvariant(),
            ["capacity.load"] = plan.Search.Describe(decision.Load),
        };
        var (_, _, result) = await engine.RunTestAsync(
            new RunArguments { Quiet = true, NoGate = true, Ci = true },
            settings,
            test with { Scenarios = [step], Thresholds = [] },
            target,
            Path.Combine(outFolder, StepsFolder, FolderName(number, model, decision.Load)),
            null,
            cancellationToken,
            labels).ConfigureAwait(false);
        return (StepMeasurement.Observe(result, scenario.Name, decision.Load, Gate, Guard), result, relative + "/result.json");
    }
}
