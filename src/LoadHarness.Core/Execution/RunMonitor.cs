using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Once a second: gives the observer a snapshot and judges abortOnFail thresholds on cumulative statistics
/// (each after its delayAbortEval). The first crossing stops every scenario and is remembered as the cause.
/// </summary>
internal sealed class RunMonitor(
    IReadOnlyList<ScenarioExecutor> executors,
    IReadOnlyList<ThresholdDefinition> thresholds,
    RunOptions options,
    TestDefinition test,
    EnvironmentInfo environment,
    DateTimeOffset startedUtc,
    long startTimestamp)
{
    private volatile ThresholdDefinition? abortedBy;

    public ThresholdDefinition? AbortedBy => abortedBy;

    /// <summary>
    /// Whether <see cref="Tick"/> judges thresholds, so it needs each scenario's provisional result (with encoded
    /// histograms) every second; without thresholds to judge, the collectors skip building it.
    /// </summary>
    public bool NeedsProvisionalResults { get; } =
        thresholds.Count > 0 && (options.Observer is not null || (options.AbortOnFail && thresholds.Any(t => t.AbortOnFail)));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var abortable = options.AbortOnFail ? thresholds.Where(t => t.AbortOnFail).ToArray() : [];
        if (options.Observer is null && abortable.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Tick(time.GetElapsedTime(startTimestamp), abortable);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Tick(TimeSpan elapsed, ThresholdDefinition[] abortable)
    {
        IReadOnlyList<ThresholdOutcome> outcomes = NeedsProvisionalResults ? JudgeProvisional(elapsed) : [];
        if (outcomes.Count > 0)
        {
            if (abortedBy is null)
            {
                for (var i = 0; i < thresholds.Count; i++)
                {
                    var t = thresholds[i];
                    if (abortable.Contains(t) && elapsed >= t.DelayAbortEval && !outcomes[i].Passed && !outcomes[i].NoData)
                    {
                        abortedBy = t;
                        foreach (var executor in executors)
                        {
                            executor.RequestStop($"threshold '{t}' crossed (abortOnFail)");
                        }

                        break;
                    }
                }
            }
        }

        options.Observer?.Invoke(new RunSnapshot(
            elapsed,
            executors.Select(e => e.Collector.Snapshot).Where(s => s is not null).Select(s => s!).ToArray(),
            outcomes.Select(o => new ThresholdState(o.Expression, o.Scenario, o.Step, o.Passed, o.Description) { NoData = o.NoData }).ToArray()));
    }

    /// <summary>
    /// Judges the thresholds on every scenario's result so far, holding each collector's gate: provisional results
    /// refer to the live cumulative histograms (no encoding every second), which a collection adds to. Empty until
    /// every scenario has one.
    /// </summary>
    private IReadOnlyList<ThresholdOutcome> JudgeProvisional(TimeSpan elapsed)
    {
        var taken = 0;
        try
        {
            foreach (var executor in executors)
            {
                Monitor.Enter(executor.Collector.Gate);
                taken++;
            }

            var provisional = executors.Select(e => e.Collector.Provisional).ToArray();
            if (!provisional.All(p => p is not null))
            {
                return [];
            }

            var result = LoadRunner.BuildResult(test, options, environment, startedUtc, startedUtc + elapsed, elapsed.TotalMilliseconds, provisional!, RunStatus.Completed, null);
            return ThresholdEvaluator.Evaluate(result, thresholds);
        }
        finally
        {
            for (var i = taken - 1; i >= 0; i--)
            {
                Monitor.Exit(executors[i].Collector.Gate);
            }
        }
    }
}
