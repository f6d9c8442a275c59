using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests.Capacity;

/// <summary>
/// A system under test as a table: load (and the how-many-th run of that load) → what a step would measure. Drives a
/// <see cref="CapacitySearch"/> to its end, as the command does with real runs.
/// </summary>
internal sealed class SimulatedSystem(Func<int, int, StepObservation> measure)
{
    public const double GateP95Ms = 300;

    private readonly Dictionary<int, int> runs = [];

    public List<(int Load, StepPhase Phase)> Ran { get; } = [];

    /// <summary>A system whose p95 (ms) is a function of the load; no errors, an idle generator.</summary>
    public static SimulatedSystem Latency(Func<int, int, double> p95) =>
        new((load, run) => Observation(load, p95(load, run)));

    public static StepObservation Observation(int load, double p95, double errorRate = 0, double cpuCores = 0.2) => new()
    {
        Load = load,
        Gate = [Gate(p95)],
        Requests = load * 30L,
        RequestsPerSec = load,
        ErrorRate = errorRate,
        P95Ms = p95,
        P99Ms = p95 * 1.2,
        GeneratorCpuCores = cpuCores,
        ProcessorCount = 2,
        IterationsStarted = load * 30L,
    };

    public static ThresholdOutcome Gate(double p95) => new()
    {
        Expression = "p(95) < 300",
        Metric = "p(95)",
        Observed = p95,
        Passed = p95 < GateP95Ms,
        Description = string.Create(CultureInfo.InvariantCulture, $"p(95)={p95:0.#} ms, limit < 300 ms"),
    };

    public CapacityAnswer Search(CapacitySearchOptions options)
    {
        var search = new CapacitySearch(options);
        var decision = search.Start();
        while (!decision.IsFinished)
        {
            Assert.True(Ran.Count < 100, "the search must end");
            Assert.InRange(decision.Load, 1, options.MaxLoad);
            Ran.Add((decision.Load, decision.Phase));
            var run = runs[decision.Load] = runs.GetValueOrDefault(decision.Load) + 1;
            decision = search.Next(measure(decision.Load, run));
        }

        Assert.Equal(Ran.Count, search.Steps.Count);
        return decision.Answer!;
    }
}
