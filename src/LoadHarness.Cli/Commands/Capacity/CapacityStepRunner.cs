using System.Globalization;
using LoadHarness.Cli.Commands.Run;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Json;
using LoadHarness.Scenarios.Catalog;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// Runs one capacity step as a real run of the scenario through the engine (RunCommandHandler.RunTestAsync: generator CPU,
/// database health, labels, result.json): the scenario's load simulations replaced by <c>KeepConstant(VUs, step)</c> or
/// <c>Inject(rate, 1 s, step)</c>, its WarmUpDuration set to the step's warm-up (the engine runs the load then but
/// records nothing), its thresholds replaced by the gate plus an abortOnFail error guard that stops the step when
/// errors explode. Each step's result.json goes to <c>steps/NN-&lt;load&gt;/</c>.
/// </summary>
internal sealed class CapacityStepRunner(RunCommandHandler engine, RunSettings settings, CapacityPlan plan, ScenarioDefinition scenario, TestDefinition test, TargetSettings target)
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

    /// <summary>
    /// Runs the step (this process's segment of it, when the test is cut into segments) and returns what the search
    /// judges: the step's own result, or, for a segment, the merged result of every segment of the step.
    /// </summary>
    public async Task<(StepObservation Observation, RunResult Result, string RelativePath)> RunAsync(
        CapacityDecision decision, int number, string outFolder, SearchWindow search, CancellationToken cancellationToken)
    {
        var model = plan.Search.Model;

        // Closed model: the step's VUs are the load, so a MaxVUs cap from the config must not cut them.
        var step = (scenario with
            {
                LoadSimulations = [CapacityStep.Simulation(model, decision.Load, plan.StepDuration)],
                Thresholds = [],
                MaxVUs = model == LoadModel.Closed ? null : scenario.MaxVUs,
            })
            .WithWarmUpDuration(plan.WarmUp)
            .WithThresholds([.. Gate, Guard]);
        var relative = StepsFolder + "/" + FolderName(number, model, decision.Load);
        var stepFolder = Path.Combine(outFolder, StepsFolder, FolderName(number, model, decision.Load));
        var segment = settings.Segment;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["capacity.step"] = number.ToString(CultureInfo.InvariantCulture),
            ["capacity.phase"] = decision.Phase.ToString().ToLowerInvariant(),
            ["capacity.load"] = plan.Search.Describe(decision.Load),
        };
        if (search.SearchId is { } id)
        {
            labels[SearchWindow.SearchLabel] = id;
        }

        var (_, _, result) = await engine.RunTestAsync(
            new RunArguments { Quiet = true, NoGate = true, Ci = true },
            settings,
            test with { Scenarios = [step], Thresholds = [] },
            target,
            segment.IsWhole ? stepFolder : Path.Combine(stepFolder, SegmentBarrier.FolderName(segment)),
            null,
            cancellationToken,
            labels).ConfigureAwait(false);
        if (!segment.IsWhole && result.Status != RunStatus.Interrupted)
        {
            result = await SegmentBarrier.MergeAsync(stepFolder, number, search, plan.WarmUp + plan.StepDuration + search.SegmentWait, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            if (segment.From.CompareTo(Fraction.Zero) == 0)
            {
                await RunResultJson.WriteAsync(result, Path.Combine(stepFolder, "result.json"), CancellationToken.None).ConfigureAwait(false);
            }
        }

        // The whole step's result.json, or (a segment interrupted before the merge) this segment's own.
        var path = segment.IsWhole || result.Segments.Count > 1 ? relative + "/result.json" : relative + "/" + SegmentBarrier.FolderName(segment) + "/result.json";
        return (StepMeasurement.Observe(result, scenario.Name, decision.Load, plan.StepDuration, Gate, Guard), result, path);
    }

    /// <summary>
    /// How long past a step's own length a segment waits for the other segments' results, and at the start for every
    /// segment to be here, unless --segment-wait says otherwise.
    /// </summary>
    public static readonly TimeSpan SegmentTimeout = TimeSpan.FromMinutes(2);
}
