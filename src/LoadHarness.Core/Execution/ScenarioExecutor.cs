using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Runs one scenario: a single control loop on the injected clock that lets the driver follow the plan, fires
/// request timeouts, collects the 1 s interval, and on the end or a stop request gives in-flight iterations
/// GracefulStop before interrupting them. The loop sleeps until its next piece of work is due (the next step of a
/// ramp, the next second, the next timeout check, at most 1 s; a stop request wakes it), not on a fixed tick:
/// on a steady plan it wakes a few times a second instead of 100, which is most of an idle run's CPU. It falls
/// back to the control interval (10 ms) while draining and where a driver cannot say when it needs it.
/// </summary>
internal sealed class ScenarioExecutor
{
    private readonly ScenarioRuntime runtime;
    private readonly IScenarioDriver driver;
    private readonly TimeSpan controlInterval;
    private readonly long secondTicks;
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(1);

    /// <summary>How long the end waits for interrupted VUs to record their last samples.</summary>
    private static readonly TimeSpan InterruptSettle = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource wakeUp = new();
    private volatile string? stopReason;
    private int stopRequested;

    public ScenarioExecutor(ScenarioDefinition definition, ExecutionSegment segment, TimeProvider time, TimeSpan controlInterval)
    {
        var plan = LoadPlan.Create(definition.LoadSimulations, segment, definition.Model == LoadModel.Closed ? definition.MaxVUs : null);
        runtime = new ScenarioRuntime(definition, plan, time);
        Collector = new ScenarioCollector(runtime);
        driver = plan.Model == LoadModel.Closed ? new ClosedModelDriver(runtime) : new OpenModelDriver(runtime, time.GetTimestamp());
        this.controlInterval = controlInterval;
        secondTicks = time.TimestampFrequency;
    }

    public string Name => runtime.Name;

    public ScenarioCollector Collector { get; }

    public ScenarioDefinition Definition => runtime.Definition;

    /// <summary>Why the scenario stopped early (MaxFailCount, abort, interrupt), else null.</summary>
    public string? StopReason => stopReason;

    /// <summary>Asks the scenario to stop starting work; in-flight iterations get GracefulStop.</summary>
    public void RequestStop(string reason)
    {
        if (Interlocked.Exchange(ref stopRequested, 1) == 0)
        {
            stopReason = reason;
            _ = wakeUp.CancelAsync(); // the control loop's sleep ends now, on a pool thread, not the caller's
        }
    }

    public async Task<ScenarioResult> RunAsync(CancellationToken cancellationToken)
    {
        var time = runtime.Time;
        var definition = runtime.Definition;
        var start = time.GetTimestamp();
        var warmUpTicks = (long)(definition.WarmUpDuration.TotalSeconds * secondTicks);
        var warming = warmUpTicks > 0;
        var planOrigin = start;
        driver.Restart(planOrigin);
        if (!warming)
        {
            BeginRecording(start);
        }

        var nextCollect = start + secondTicks;
        var timeoutTicks = definition.RequestTimeout == Timeout.InfiniteTimeSpan ? long.MaxValue : (long)(definition.RequestTimeout.TotalSeconds * secondTicks);
        // Timeouts are checked every 1/20 of the timeout (10-500 ms): a timed-out request is cut within 5 % of it.
        var timeoutCheckEvery = timeoutTicks == long.MaxValue ? long.MaxValue
            : Math.Clamp(timeoutTicks / 20, secondTicks / 100, secondTicks / 2);
        var nextTimeoutCheck = start;
        long? drainSince = null;
        var graceTicks = (long)(definition.GracefulStop.TotalSeconds * secondTicks);
        var settleTicks = (long)(InterruptSettle.TotalSeconds * secondTicks);
        long? interruptedAt = null;
        using var registration = cancellationToken.Register(() => RequestStop("interrupted"));
        while (true)
        {
            var now = time.GetTimestamp();
            if (warming && now - start >= warmUpTicks)
            {
                warming = false;
                planOrigin = now;
                driver.Restart(planOrigin);
                BeginRecording(now);
                nextCollect = now + secondTicks;
            }

            var planTime = time.GetElapsedTime(planOrigin, now);
            if (drainSince is null)
            {
                if (Volatile.Read(ref stopRequested) != 0)
                {
                    driver.RequestStop(now);
                }
                else
                {
                    driver.Control(now, planTime);
                }

                if (driver.PlanFinished && !warming)
                {
                    driver.RequestStop(now);
                    drainSince = now;
                }
            }

            if (timeoutTicks != long.MaxValue && now >= nextTimeoutCheck)
            {
                nextTimeoutCheck = now + timeoutCheckEvery;
                driver.CheckTimeouts(now, timeoutTicks);
            }

            if (!warming && now >= nextCollect)
            {
                Collector.Collect(now, PlannedLoad(planTime), warmingUp: warming, finished: false);
                nextCollect += secondTicks * Math.Max(1, ((now - nextCollect) / secondTicks) + 1);
                CheckMaxFailCount();
            }

            if (drainSince is { } since)
            {
                if (runtime.ActiveVUs == 0)
                {
                    break;
                }

                if (interruptedAt is { } at)
                {
                    if (now - at > settleTicks)
                    {
                        break; // code that ignores its token: its samples are not waited for longer
                    }
                }
                else if (now - since > graceTicks)
                {
                    // The interrupted VUs record their unanswered requests on their own threads: the final
                    // collection waits for them (ActiveVUs 0 above), at most InterruptSettle.
                    driver.InterruptAll();
                    interruptedAt = now;
                }
            }

            now = time.GetTimestamp();
            var wait = drainSince is not null ? controlInterval
                : driver.NextControlIn(time.GetElapsedTime(planOrigin, now), MaxWait) ?? controlInterval;
            wait = Earlier(wait, warming ? start + warmUpTicks : nextCollect, now);
            if (timeoutTicks != long.MaxValue)
            {
                wait = Earlier(wait, nextTimeoutCheck, now);
            }

            var token = Volatile.Read(ref stopRequested) == 0 ? wakeUp.Token : CancellationToken.None;
            await Task.Delay(wait < MinWait ? MinWait : wait, time, token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var end = time.GetTimestamp();
        var planEnd = time.GetElapsedTime(planOrigin, end);
        if (Collector.OriginTimestamp == 0)
        {
            BeginRecording(end);
        }

        Collector.Collect(end, PlannedLoad(planEnd), warmingUp: false, finished: true);
        return Collector.Provisional!;
    }

    private TimeSpan Earlier(TimeSpan wait, long dueTimestamp, long now)
    {
        var until = runtime.Time.GetElapsedTime(now, dueTimestamp);
        return until < wait ? until : wait;
    }

    private void BeginRecording(long now)
    {
        runtime.StartRecording(now);
        Collector.Start(now);
    }

    private double PlannedLoad(TimeSpan planTime) => driver switch
    {
        ClosedModelDriver closed => closed.PlannedLoad(planTime),
        OpenModelDriver open => open.PlannedLoad(planTime),
        _ => 0,
    };

    private void CheckMaxFailCount()
    {
        var max = runtime.Definition.MaxFailCount;
        if (max > 0 && runtime.FailuresLive() > max)
        {
            RequestStop($"scenario '{Name}' exceeded MaxFailCount ({max})");
        }
    }
}
