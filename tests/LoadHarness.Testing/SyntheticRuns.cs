using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Testing;

/// <summary>What a synthetic run looks like: a seeded latency distribution, a ramp of requests per second, a planted change.</summary>
public sealed record SyntheticRun
{
    public int Seed { get; init; } = 1;

    public string Scenario { get; init; } = "api_orders";

    /// <summary>Seconds of load (a ramp over the first third, then flat).</summary>
    public int Seconds { get; init; } = 60;

    public double PeakRps { get; init; } = 50;

    public double MedianMs { get; init; } = 20;

    /// <summary>Log-normal spread of the latencies.</summary>
    public double Sigma { get; init; } = 0.5;

    /// <summary>Every latency times this (a planted slowdown of 1.5 is +50 %).</summary>
    public double Factor { get; init; } = 1;

    /// <summary>Every latency plus this, ms (a fixed delay).</summary>
    public double ShiftMs { get; init; }

    /// <summary>Share of requests that get an extra uniform 0..<see cref="TailMs"/> (a heavy tail).</summary>
    public double TailShare { get; init; }

    public double TailMs { get; init; }

    public double ErrorRate { get; init; }

    /// <summary>Requests per second times this (a throughput drop of 0.7 is -30 %).</summary>
    public double RpsFactor { get; init; } = 1;

    public IReadOnlyList<string> Thresholds { get; init; } = ["p(95) < 500", "rate < 0.01"];

    public string? Build { get; init; }

    public string? Commit { get; init; } = "4c5307f0a1b2c3d4e5f60718293a4b5c6d7e8f90";

    public DateTimeOffset StartedUtc { get; init; } = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<ReportSection> Sections { get; init; } = [];
}

/// <summary>
/// Results built from seeded latencies recorded into real HdrHistograms, per second and overall, one scenario with one
/// step ("get"), judged by the engine's own threshold evaluator: for compare and trend tests with known shifts.
/// </summary>
public static class SyntheticRuns
{
    public static RunResult Build(SyntheticRun spec)
    {
        var random = new Random(spec.Seed);
        var ok = Histograms.Create();
        var fail = Histograms.Create();
        var second = new LongHistogram(1, 60_000_000, 2);
        var timeline = new List<IntervalPoint>();
        var plan = new List<PlanPoint>();
        long failures = 0;
        var ramp = Math.Max(1, spec.Seconds / 3);
        for (var t = 0; t < spec.Seconds; t++)
        {
            var planned = spec.PeakRps * Math.Min(1, (t + 1) / (double)ramp);
            plan.Add(new PlanPoint(t, Math.Round(planned, 3)));
            var count = (int)Math.Round(planned * spec.RpsFactor);
            second.Reset();
            long secondFails = 0;
            for (var i = 0; i < count; i++)
            {
                var ms = (LogNormal(random, spec.MedianMs, spec.Sigma) * spec.Factor) + spec.ShiftMs;
                if (spec.TailShare > 0 && random.NextDouble() < spec.TailShare)
                {
                    ms += random.NextDouble() * spec.TailMs;
                }

                var micros = Math.Clamp((long)(ms * 1000), 1, 60_000_000);
                var failed = random.NextDouble() < spec.ErrorRate;
                (failed ? fail : ok).RecordValue(micros);
                second.RecordValue(micros);
                secondFails += failed ? 1 : 0;
            }

            failures += secondFails;
            var l = LatencyStatsCalculator.From(second);
            timeline.Add(new IntervalPoint
            {
                TimeSec = t + 1 + (random.NextDouble() * 0.01),
                ActiveVUs = (int)Math.Round(planned),
                Started = count,
                Completed = count,
                Requests = count,
                Ok = count - secondFails,
                Fail = secondFails,
                Rps = count,
                ErrorRate = count == 0 ? 0 : (double)secondFails / count,
                P50Ms = l.P50Ms,
                P75Ms = l.P75Ms,
                P95Ms = l.P95Ms,
                P99Ms = l.P99Ms,
                MaxMs = l.MaxMs,
                MeanMs = l.MeanMs,
            });
        }

        plan.Add(new PlanPoint(spec.Seconds, plan[^1].Value));
        var codes = new Dictionary<string, long> { ["200"] = ok.TotalCount };
        if (fail.TotalCount > 0)
        {
            codes["500"] = fail.TotalCount;
        }

        var stats = StatsBuilder.Build(ok, fail, spec.Seconds, ok.TotalCount * 1024, 0, codes,
            failures == 0 ? [] : [new ErrorKindCount { Kind = "status 500", Count = failures, FirstMessage = "Internal Server Error" }]);
        var scenario = new ScenarioResult
        {
            Name = spec.Scenario,
            Model = LoadModel.Closed,
            Stats = stats,
            Steps = [new StepResult { Name = "get", Stats = stats, Timeline = timeline }],
            Iterations = new IterationCounts { Started = stats.RequestCount, Completed = stats.RequestCount },
            Timeline = timeline,
            PlannedLoad = plan,
            DurationMs = spec.Seconds * 1000.0,
            PeakVUs = (int)spec.PeakRps,
        };
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.Build is { } build)
        {
            labels["build"] = build;
        }

        var run = new RunResult
        {
            Test = new TestInfo { TestSuite = "synthetic", TestName = "compare", SessionId = $"synthetic-{spec.Seed}", Labels = labels },
            Environment = new EnvironmentInfo
            {
                MachineName = "ci-runner-1", ProcessorCount = 2, OsDescription = "Linux", DotnetVersion = "10.0.0", HarnessVersion = "0.1.0", GitCommit = spec.Commit,
            },
            Status = RunStatus.Completed,
            StartedUtc = spec.StartedUtc,
            EndedUtc = spec.StartedUtc.AddSeconds(spec.Seconds),
            DurationMs = spec.Seconds * 1000.0,
            Scenarios = [scenario],
            Sections = spec.Sections,
        };
        return run with { Thresholds = ThresholdEvaluator.Evaluate(run, spec.Thresholds.Select(e => new ThresholdDefinition(e, spec.Scenario))) };
    }

    private static double LogNormal(Random random, double medianMs, double sigma)
    {
        var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return medianMs * Math.Exp(sigma * z);
    }
}
