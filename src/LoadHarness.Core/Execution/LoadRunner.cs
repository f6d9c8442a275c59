using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Runs a test: scenario init hooks, every scenario concurrently, a 1 s monitor (observer + abortOnFail), clean
/// hooks, then the final <see cref="RunResult"/> with thresholds judged on final statistics. Cancelling the token
/// interrupts the run: load stops, in-flight iterations get GracefulStop, and the partial result is returned with
/// <see cref="RunStatus.Interrupted"/> (never thrown away).
/// </summary>
public sealed class LoadRunner
{
    /// <summary>Validates, runs and returns the result. Throws <see cref="ArgumentException"/> listing every problem of an invalid test.</summary>
    public async Task<RunResult> RunAsync(TestDefinition test, RunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        var errors = test.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid test:\n  " + string.Join("\n  ", errors), nameof(test));
        }

        var time = options.TimeProvider;
        var environment = options.Environment ?? EnvironmentCapture.Capture();
        var startedUtc = time.GetUtcNow();
        var startTs = time.GetTimestamp();
        var thresholds = test.AllThresholds.ToArray();

        // Open models: compile the iteration path while the init hooks run (a thread of its own), done before any clock starts.
        var warmUp = JitWarmUp.IsNeeded(test.Scenarios) ? Task.Run(() => JitWarmUp.Prepare(test.Scenarios), CancellationToken.None) : Task.FromResult(0);
        foreach (var scenario in test.Scenarios.Where(s => s.Init is not null))
        {
            try
            {
                await scenario.Init!(InitContext(test, scenario, cancellationToken)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                // A target that is down at the start (a refused connection in init) is an outcome, not a crash: nothing
                // runs, and the result says which scenario could not start and why, with an outcome that never holds.
                await warmUp.ConfigureAwait(false);
                return InitFailed(test, options, environment, startedUtc, time.GetUtcNow(), time.GetElapsedTime(startTs).TotalMilliseconds, thresholds, scenario.Name, e);
            }
        }

        await warmUp.ConfigureAwait(false);
        ThreadPoolFloor.Ensure();
        options.LoadStarting?.Invoke();
        var executors = test.Scenarios.Select(s => new ScenarioExecutor(s, options.Segment, time, options.ControlInterval)).ToArray();
        var runTs = time.GetTimestamp();
        var monitor = new RunMonitor(executors, thresholds, options, test, environment, startedUtc, runTs);
        foreach (var executor in executors)
        {
            executor.Collector.BuildsProvisional = monitor.NeedsProvisionalResults;
        }

        var runs = executors.Select(e => Task.Run(() => e.RunAsync(cancellationToken), CancellationToken.None)).ToArray();
        using var monitorStop = new CancellationTokenSource();
        var monitorTask = monitor.RunAsync(monitorStop.Token);
        var results = await Task.WhenAll(runs).ConfigureAwait(false);
        await monitorStop.CancelAsync().ConfigureAwait(false);
        await monitorTask.ConfigureAwait(false);

        foreach (var scenario in test.Scenarios.Where(s => s.Clean is not null))
        {
            try
            {
                await scenario.Clean!(InitContext(test, scenario, CancellationToken.None)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failing clean hook must not throw the run's results away.
                environment = environment with
                {
                    Settings = new Dictionary<string, string>(environment.Settings) { [$"cleanError:{scenario.Name}"] = e.Message },
                };
            }
        }

        var status = monitor.AbortedBy is not null ? RunStatus.Aborted
            : cancellationToken.IsCancellationRequested ? RunStatus.Interrupted
            : RunStatus.Completed;
        var stopReason = monitor.AbortedBy is { } aborted ? $"threshold '{aborted}' crossed (abortOnFail)"
            : status == RunStatus.Interrupted ? "interrupted"
            : executors.Select(e => e.StopReason).FirstOrDefault(r => r is not null);
        var result = BuildResult(test, options, environment, startedUtc, time.GetUtcNow(), time.GetElapsedTime(startTs).TotalMilliseconds, results, status, stopReason)
            with { LoadStartedUtc = startedUtc + time.GetElapsedTime(startTs, RecordingOrigin(executors, runTs)) };
        return result with { Thresholds = ThresholdEvaluator.Evaluate(result, thresholds, monitor.AbortedBy) };
    }

    /// <summary>When the first scenario began recording (after its warm-up): the timeline's second 0.</summary>
    private static long RecordingOrigin(IEnumerable<ScenarioExecutor> executors, long runTs) =>
        executors.Select(e => e.Collector.OriginTimestamp).Where(t => t != 0).DefaultIfEmpty(runTs).Min();

    private static RunResult InitFailed(
        TestDefinition test,
        RunOptions options,
        EnvironmentInfo environment,
        DateTimeOffset startedUtc,
        DateTimeOffset endedUtc,
        double durationMs,
        IReadOnlyList<ThresholdDefinition> thresholds,
        string scenarioName,
        Exception error)
    {
        var reason = $"scenario '{scenarioName}' could not start: init failed: {error.GetType().Name}: {error.Message}";
        var empty = test.Scenarios.Select(s => new ScenarioResult
        {
            Name = s.Name,
            Model = s.Model,
            Stats = new StatsBlock { Latency = LatencyStats.Empty, OkLatency = LatencyStats.Empty },
            Iterations = new IterationCounts(),
            DurationMs = 0,
        }).ToArray();
        var result = BuildResult(test, options, environment, startedUtc, endedUtc, durationMs, empty, RunStatus.Aborted, reason);
        var init = new ThresholdOutcome
        {
            Expression = "init succeeds",
            Scenario = scenarioName,
            Metric = "init",
            Passed = false,
            NoData = true,
            Description = reason,
        };
        return result with { Thresholds = [init, .. ThresholdEvaluator.Evaluate(result, thresholds)] };
    }

    internal static RunResult BuildResult(
        TestDefinition test,
        RunOptions options,
        EnvironmentInfo environment,
        DateTimeOffset startedUtc,
        DateTimeOffset endedUtc,
        double durationMs,
        IReadOnlyList<ScenarioResult> scenarios,
        RunStatus status,
        string? stopReason) => new()
        {
            Test = new TestInfo
            {
                TestSuite = test.TestSuite,
                TestName = test.TestName,
                SessionId = options.SessionId ?? startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8],
                ConfigPath = options.ConfigPath,
                Targets = options.Targets,
                Labels = options.Labels,
            },
            Environment = environment,
            Status = status,
            StopReason = stopReason,
            StartedUtc = startedUtc,
            EndedUtc = endedUtc,
            DurationMs = durationMs,
            Segments = [options.Segment.ToString()],
            Scenarios = scenarios,
        };

    private static ScenarioInitContext InitContext(TestDefinition test, ScenarioDefinition scenario, CancellationToken cancellationToken) =>
        new(scenario.Name, test.CustomSettings.GetValueOrDefault(scenario.Name) ?? ScenarioInitContext.EmptySettings, cancellationToken);
}
