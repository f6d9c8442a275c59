using LoadHarness.Core.Capacity;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests.Capacity;

/// <summary>A capacity search's result built from latencies recorded into real HdrHistograms (seeded, so deterministic).</summary>
internal static class CapacityResults
{
    /// <summary>A closed-model knee: 50..300 VUs, 300 crossing p(95) &lt; 300 twice, bisection to 275 (held) / 287 (crossed).</summary>
    public static CapacityResult Knee(int seed = 7)
    {
        var random = new Random(seed);
        (int Load, StepPhase Phase)[] plan =
        [
            (50, StepPhase.Ramp), (100, StepPhase.Ramp), (150, StepPhase.Ramp), (200, StepPhase.Ramp), (250, StepPhase.Ramp),
            (300, StepPhase.Ramp), (300, StepPhase.Confirm), (275, StepPhase.Bisect), (287, StepPhase.Bisect), (287, StepPhase.Confirm),
        ];
        var steps = plan.Select((p, i) => Step(i + 1, p.Load, p.Phase, random)).ToArray();
        return new CapacityResult
        {
            Test = new TestInfo { TestSuite = "shop", TestName = "checkout capacity", SessionId = "20250314T092653Z-capacity-1a2b3c4d", ConfigPath = "nbomber-config.json" },
            Environment = new EnvironmentInfo { MachineName = "ci-1", ProcessorCount = 2, OsDescription = "Linux", DotnetVersion = "10.0.0", HarnessVersion = "0.1.0" },
            Scenario = "api_checkout",
            Model = LoadModel.Closed,
            Gate = ["p(95) < 300", "rate < 0.01"],
            Settings = new CapacitySettingsInfo
            {
                Start = 50, Step = 50, MaxLoad = 1000, Resolution = "5%", MaxSteps = 40, StepDurationMs = 30_000, WarmUpMs = 10_000, ErrorExplosionRate = 0.5,
            },
            StartedUtc = Runs.Start,
            EndedUtc = Runs.Start.AddMinutes(7),
            DurationMs = 420_000,
            Steps = steps,
            Answer = new CapacityVerdict
            {
                Outcome = SearchOutcome.KneeFound,
                SustainableStep = 8,
                FirstFailingStep = 10,
                Reason = "the knee lies between 275 VUs (held) and 287 VUs (crossed; resolution 5%)",
                Crossed = ["p(95) < 300"],
            },
            Planning = new PlanningEstimate
            {
                ThinkTimeMs = 1000, IterationsPerSec = steps[7].IterationsPerSec, RequestsPerSec = steps[7].RequestsPerSec, MeanMs = steps[7].MeanMs,
                P95Ms = steps[7].P95Ms, Users = steps[7].IterationsPerSec * (1 + (steps[7].MeanMs / 1000)), IterationsPerSecPer100Users = 100 / (1 + (steps[7].MeanMs / 1000)),
            },
        };
    }

    private static CapacityStepResult Step(int number, int load, StepPhase phase, Random random)
    {
        // The median grows steeply near the knee (p95 ≈ 1.8 × median: ~220 ms at 275 VUs, ~330 ms at 287); throughput flattens towards 700 req/s.
        var medianMs = 5 + (120 * Math.Pow(load / 275.0, 10));
        var histogram = Histograms.Create();
        for (var i = 0; i < 2000; i++)
        {
            var ms = medianMs * Math.Exp(0.35 * Normal(random));
            histogram.RecordValue(Math.Max(1, (long)(ms * 1000)));
        }

        var stats = LatencyStatsCalculator.From(histogram);
        var rps = 700 * (1 - Math.Exp(-load / 150.0));
        var held = stats.P95Ms < 300;
        return new CapacityStepResult
        {
            Number = number,
            Phase = phase,
            Load = load,
            Verdict = held ? StepVerdict.Passed : StepVerdict.Failed,
            Reason = held ? "every gate threshold held" : $"crossed: p(95) < 300 (p(95)={stats.P95Ms:0.#} ms, limit < 300 ms)",
            Requests = (long)(rps * 30),
            RequestsPerSec = rps,
            IterationsPerSec = rps,
            ErrorRate = load >= 300 ? 0.002 : 0,
            MeanMs = stats.MeanMs,
            P50Ms = stats.P50Ms,
            P95Ms = stats.P95Ms,
            P99Ms = stats.P99Ms,
            MaxMs = stats.MaxMs,
            IterationMeanMs = stats.MeanMs,
            GeneratorCpuCores = Math.Round(0.2 + (load / 250.0), 2),
            ProcessorCount = 2,
            ResultPath = $"steps/{number:00}-{load}vus/result.json",
            LatencyHistogram = HistogramCodec.Encode(histogram),
        };
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
