using HdrHistogram;
using LoadHarness.Cli.Commands.Run;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Capacity;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>
/// One step's RunResult → what the search judges (<see cref="StepObservation"/>) and what the report shows
/// (<see cref="CapacityStepResult"/>). Only the scenario under search counts; its requests are its steps' requests (or
/// its iterations when it has no steps), exactly as the thresholds count them. Rates are per second of the measured
/// part as planned (or as run, when it stopped early): the requests counted are those started in it, and the drain
/// after it (in-flight requests finishing, as long as the latency) would otherwise dilute a short step's rate.
/// </summary>
internal static class StepMeasurement
{
    public static StepObservation Observe(RunResult result, string scenario, int load, TimeSpan measured, IReadOnlyList<ThresholdDefinition> gate, ThresholdDefinition guard)
    {
        var s = result.Scenarios.Single(x => x.Name == scenario);
        var (blocks, all) = Requests(s);
        var latency = all.TotalCount > 0 ? LatencyStatsCalculator.From(all) : LatencyStats.Empty;
        var requests = blocks.Sum(b => b.RequestCount);
        var fails = blocks.Sum(b => b.FailCount);
        var seconds = Seconds(s, measured);
        return new StepObservation
        {
            Load = load,
            Gate = ThresholdEvaluator.Evaluate(result, gate),
            Requests = requests,
            RequestsPerSec = seconds > 0 ? requests / seconds : 0,
            ErrorRate = requests == 0 ? 0 : (double)fails / requests,
            MeanMs = latency.MeanMs,
            P95Ms = latency.P95Ms,
            P99Ms = latency.P99Ms,
            // A merged step has its thresholds judged again (no AbortedRun mark); its stop reason still names the guard.
            Aborted = result.Thresholds.Any(t => t.AbortedRun && t.Expression == guard.Expression && t.Scenario == scenario)
                || (result.Status == RunStatus.Aborted && (result.StopReason?.Contains($"'{guard}'", StringComparison.Ordinal) ?? false)),
            Interrupted = result.Status == RunStatus.Interrupted,
            GeneratorCpuCores = result.Environment.GeneratorCpuCores,
            ProcessorCount = result.Environment.ProcessorCount,
            StartLatenessP95Ms = s.StartLateness?.P95Ms,
            IterationsStarted = s.Iterations.Started,
            IterationsDropped = s.Iterations.Dropped,
            ThreadPoolQueuePeak = (long?)SeriesMax(result, GeneratorStallSampler.QueueSeries),
            StallMaxMs = SeriesMax(result, GeneratorStallSampler.StallSeries),
        };
    }

    private static double? SeriesMax(RunResult result, string name) =>
        result.Series.FirstOrDefault(x => x.Name == name) is { Points.Count: > 0 } series ? series.Points.Max(p => p.Value) : null;

    /// <summary>The report's row for a judged step; <paramref name="resultPath"/> is relative to capacity.json.</summary>
    public static CapacityStepResult Row(StepRecord step, RunResult result, string scenario, TimeSpan measured, string resultPath)
    {
        var s = result.Scenarios.Single(x => x.Name == scenario);
        var (_, all) = Requests(s);
        var latency = all.TotalCount > 0 ? LatencyStatsCalculator.From(all) : LatencyStats.Empty;
        var o = step.Observation;
        var seconds = Seconds(s, measured);
        return new CapacityStepResult
        {
            Number = step.Number,
            Phase = step.Phase,
            Load = step.Load,
            Verdict = step.Judgement.Verdict,
            Reason = step.Judgement.Reason,
            Status = result.Status,
            Requests = o.Requests,
            RequestsPerSec = o.RequestsPerSec,
            IterationsPerSec = seconds > 0 ? s.Iterations.Completed / seconds : 0,
            ErrorRate = o.ErrorRate,
            MeanMs = latency.MeanMs,
            P50Ms = latency.P50Ms,
            P95Ms = latency.P95Ms,
            P99Ms = latency.P99Ms,
            MaxMs = latency.MaxMs,
            IterationMeanMs = s.Stats.Latency.MeanMs,
            GeneratorCpuCores = o.GeneratorCpuCores,
            ProcessorCount = o.ProcessorCount,
            StartLatenessP95Ms = o.StartLatenessP95Ms,
            Dropped = o.IterationsDropped,
            Gate = o.Gate,
            ResultPath = resultPath,
            LatencyHistogram = all.TotalCount > 0 ? HistogramCodec.Encode(all) : null,
        };
    }

    private static double Seconds(ScenarioResult scenario, TimeSpan measured) => Math.Min(measured.TotalSeconds, scenario.DurationMs / 1000);

    private static (StatsBlock[] Blocks, LongHistogram All) Requests(ScenarioResult scenario)
    {
        var blocks = scenario.RequestStats().ToArray();
        var all = Histograms.Create();
        foreach (var block in blocks)
        {
            all.Add(HistogramCodec.DecodeOrEmpty(block.OkHistogram));
            all.Add(HistogramCodec.DecodeOrEmpty(block.FailHistogram));
        }

        return (blocks, all);
    }
}
