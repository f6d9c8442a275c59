namespace LoadHarness.Core.Execution;

/// <summary>Follows a scenario's plan: the closed model keeps N VUs looping, the open model starts arrivals on schedule.</summary>
internal interface IScenarioDriver
{
    /// <summary>True once the plan has nothing more to start.</summary>
    bool PlanFinished { get; }

    /// <summary>Re-reads the plan at <paramref name="planTime"/> (called every control tick).</summary>
    void Control(long now, TimeSpan planTime);

    /// <summary>
    /// How long after <paramref name="planTime"/> the driver next needs <see cref="Control"/>, at most
    /// <paramref name="limit"/>; null when it needs it every control interval (its work is not known in advance).
    /// </summary>
    TimeSpan? NextControlIn(TimeSpan planTime, TimeSpan limit);

    /// <summary>After warm-up: the plan starts again from time 0 (measured from <paramref name="planOrigin"/>).</summary>
    void Restart(long planOrigin);

    /// <summary>Stop starting work; in-flight iterations may finish (graceful stop).</summary>
    void RequestStop(long now);

    /// <summary>The graceful period is over: cancel every VU still running.</summary>
    void InterruptAll();

    /// <summary>The timeout watchdog: fires the token of every request running longer than the timeout.</summary>
    void CheckTimeouts(long now, long timeoutTicks);
}
