using HdrHistogram;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Turns a scenario's recorders into its 1 s timeline and, after each interval, publishes an immutable
/// provisional <see cref="ScenarioResult"/> (for the abort-on-fail monitor) and a <see cref="ScenarioSnapshot"/>
/// (for the console). Runs only on the scenario's control loop.
/// </summary>
internal sealed class ScenarioCollector
{
    private readonly ScenarioRuntime runtime;
    private readonly List<IntervalPoint> timeline = [];
    private readonly Dictionary<StepRecorder, List<IntervalPoint>> stepTimelines = [];
    private readonly LongHistogram pointScratch = Histograms.Create();
    private long lastTimestamp;
    private long lastStarted;
    private long lastCompleted;
    private long lastDropped;

    public ScenarioCollector(ScenarioRuntime runtime) => this.runtime = runtime;

    public long OriginTimestamp { get; private set; }

    /// <summary>
    /// The latest result so far. Before the last interval it refers to the live cumulative histograms (not encoded):
    /// read it only while holding <see cref="Gate"/>, which every collection holds.
    /// </summary>
    public ScenarioResult? Provisional { get; private set; }

    /// <summary>Held by <see cref="Collect"/>; the run's monitor holds it while it judges <see cref="Provisional"/>.</summary>
    public object Gate { get; } = new();

    /// <summary>
    /// Build <see cref="Provisional"/> at every collection (statistics and the live histograms, nothing encoded); off
    /// when nothing judges thresholds during the run, then it is built only when the scenario finishes.
    /// </summary>
    public bool BuildsProvisional { get; set; } = true;

    public ScenarioSnapshot? Snapshot { get; private set; }

    public void Start(long timestamp)
    {
        OriginTimestamp = timestamp;
        lastTimestamp = timestamp;
    }

    public double ElapsedSec(long now) => runtime.Time.GetElapsedTime(OriginTimestamp, now).TotalSeconds;

    /// <summary>Closes the interval ending at <paramref name="now"/>.</summary>
    public void Collect(long now, double plannedLoad, bool warmingUp, bool finished)
    {
        lock (Gate)
        {
            CollectLocked(now, plannedLoad, warmingUp, finished);
        }
    }

    private void CollectLocked(long now, double plannedLoad, bool warmingUp, bool finished)
    {
        var intervalSec = runtime.Time.GetElapsedTime(lastTimestamp, now).TotalSeconds;
        lastTimestamp = now;
        var timeSec = ElapsedSec(now);
        var (started, completed) = runtime.IterationTotals();
        var dropped = runtime.Dropped;
        var (ok, fail) = runtime.Iterations.CollectInterval();
        runtime.StartLateness?.Collect();
        var point = Point(ok, fail, timeSec, intervalSec) with
        {
            ActiveVUs = runtime.ActiveVUs,
            TargetRate = runtime.Plan.Model == LoadModel.Open ? plannedLoad : 0,
            Started = started - lastStarted,
            Completed = completed - lastCompleted,
            Dropped = dropped - lastDropped,
        };
        (lastStarted, lastCompleted, lastDropped) = (started, completed, dropped);
        if (intervalSec > 1e-6 || finished)
        {
            timeline.Add(point);
        }

        foreach (var step in runtime.Steps)
        {
            var (stepOk, stepFail) = step.CollectInterval();
            if (!stepTimelines.TryGetValue(step, out var list))
            {
                stepTimelines[step] = list = [];
            }

            if (intervalSec > 1e-6 || finished)
            {
                list.Add(Point(stepOk, stepFail, timeSec, intervalSec));
            }
        }

        if (BuildsProvisional || finished)
        {
            Provisional = BuildResult(timeSec, finished);
        }

        var (totalRequests, totalFailures) = Totals();
        Snapshot = new ScenarioSnapshot
        {
            Name = runtime.Name,
            Elapsed = TimeSpan.FromSeconds(timeSec),
            Total = runtime.Plan.Duration,
            IsWarmingUp = warmingUp,
            IsFinished = finished,
            ActiveVUs = runtime.ActiveVUs,
            PlannedLoad = plannedLoad,
            Rps = point.Rps,
            P95Ms = point.P95Ms,
            ErrorRate = point.ErrorRate,
            TotalRequests = totalRequests,
            TotalFailures = totalFailures,
            Dropped = dropped,
        };
    }

    /// <summary>The scenario's result so far (final when called after the last interval with every VU done).</summary>
    public ScenarioResult BuildResult(double durationSec, bool final)
    {
        var (started, completed) = runtime.IterationTotals();
        return new ScenarioResult
        {
            Name = runtime.Name,
            Model = runtime.Plan.Model,
            Stats = runtime.Iterations.BuildStats(durationSec, final),
            Steps = runtime.Steps.Select(s => new StepResult
            {
                Name = s.Name,
                Stats = s.BuildStats(durationSec, final),
                Timeline = stepTimelines.TryGetValue(s, out var list) ? list.ToArray() : [],
            }).ToArray(),
            Iterations = new IterationCounts { Started = started, Completed = completed, Dropped = runtime.Dropped },
            Timeline = timeline.ToArray(),
            PlannedLoad = runtime.Plan.Sample(TimeSpan.FromSeconds(1)),
            Checks = runtime.Checks.ToResults(),
            DurationMs = durationSec * 1000,
            PeakVUs = runtime.PeakVUs,
            StartLateness = runtime.StartLateness is { } lateness ? LatencyStatsCalculator.From(lateness.Cumulative) : null,
        };
    }

    /// <summary>Requests and failures so far: of the steps when there are any, else of the iterations (as the result's totals).</summary>
    private (long Requests, long Failures) Totals()
    {
        var steps = runtime.Steps;
        long requests = 0, failures = 0;
        foreach (var recorder in steps.Count == 0 ? [runtime.Iterations] : steps)
        {
            requests += recorder.OkCumulative.TotalCount + recorder.FailCumulative.TotalCount;
            failures += recorder.FailCumulative.TotalCount;
        }

        return (requests, failures);
    }

    private IntervalPoint Point(HistogramBase ok, HistogramBase fail, double timeSec, double intervalSec)
    {
        var all = pointScratch;
        all.Reset();
        all.Add(ok);
        all.Add(fail);
        var requests = all.TotalCount;
        return new IntervalPoint
        {
            TimeSec = Math.Round(timeSec, 3),
            IntervalSec = Math.Round(intervalSec, 3),
            Requests = requests,
            Ok = ok.TotalCount,
            Fail = fail.TotalCount,
            Rps = intervalSec > 0 ? requests / intervalSec : 0,
            ErrorRate = requests == 0 ? 0 : (double)fail.TotalCount / requests,
            P50Ms = LatencyStatsCalculator.Percentile(all, 50),
            P75Ms = LatencyStatsCalculator.Percentile(all, 75),
            P95Ms = LatencyStatsCalculator.Percentile(all, 95),
            P99Ms = LatencyStatsCalculator.Percentile(all, 99),
            MaxMs = requests == 0 ? 0 : all.GetMaxValue() / 1000.0,
            MeanMs = requests == 0 ? 0 : Math.Round(all.GetMean() / 1000.0, 3),
        };
    }
}
