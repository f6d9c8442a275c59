using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Open model: starts each planned arrival at its scheduled time whatever the completions. A free VU runs it
/// (VUs are created on demand up to MaxVUs); when none is free the arrival is counted as dropped, never queued.
/// Latency counts from the scheduled start, so a late start is never hidden (no coordinated omission).
/// </summary>
internal sealed class OpenModelDriver : IScenarioDriver
{
    private readonly ScenarioRuntime runtime;
    private readonly Stack<OpenVu> idle = new();
    private readonly List<OpenVu> all = [];
    private readonly int maxVUs;
    private readonly double timestampsPerTick;
    private readonly object planGate = new();
    private readonly OpenModelPacer? pacer;
    private long planOrigin;
    private long nextIndex;
    private volatile bool stopped;

    public OpenModelDriver(ScenarioRuntime runtime, long planOrigin)
    {
        this.runtime = runtime;
        this.planOrigin = planOrigin;
        maxVUs = runtime.Definition.MaxVUs ?? ScenarioDefinition.DefaultOpenModelMaxVUs;
        timestampsPerTick = runtime.Time.TimestampFrequency / (double)TimeSpan.TicksPerSecond;

        // On the real clock a dedicated pacer thread releases each arrival when it is due; an injected clock
        // (tests) keeps the scenario's control tick driving Control, so fake time still decides everything.
        pacer = ReferenceEquals(runtime.Time, TimeProvider.System) ? new OpenModelPacer(this, runtime.Time, runtime.Name) : null;
    }

    public bool PlanFinished => stopped || Volatile.Read(ref nextIndex) >= runtime.Plan.TotalArrivals;

    internal bool Stopped => stopped;

    public void Restart(long planOrigin)
    {
        lock (planGate)
        {
            this.planOrigin = planOrigin;
            Volatile.Write(ref nextIndex, 0);
        }

        pacer?.Wake();
    }

    public void Control(long now, TimeSpan planTime)
    {
        if (pacer is not null)
        {
            pacer.EnsureStarted();
            return;
        }

        lock (planGate)
        {
            ReleaseDue(planTime);
        }
    }

    /// <summary>Pacer: starts every arrival due by <paramref name="now"/>; returns when the next one is due (timestamp), or null when none is left.</summary>
    internal long? ReleaseDue(long now)
    {
        lock (planGate)
        {
            ReleaseDue(runtime.Time.GetElapsedTime(planOrigin, now));
            var index = nextIndex;
            return stopped || index >= runtime.Plan.TotalArrivals ? null : planOrigin + (long)(runtime.Plan.ArrivalTime(index).Ticks * timestampsPerTick);
        }
    }

    private void ReleaseDue(TimeSpan planTime)
    {
        var plan = runtime.Plan;
        var segment = plan.Segment;
        while (!stopped && nextIndex < plan.TotalArrivals)
        {
            var due = plan.ArrivalTime(nextIndex);
            if (due > planTime)
            {
                return;
            }

            if (segment.Owns(nextIndex))
            {
                Start(planOrigin + (long)(due.Ticks * timestampsPerTick));
            }

            Volatile.Write(ref nextIndex, nextIndex + 1);
        }
    }

    public double PlannedLoad(TimeSpan planTime) => runtime.Plan.RateAt(planTime);

    /// <summary>On the real clock the pacer thread starts the arrivals, so the control loop has nothing to do for them.</summary>
    public TimeSpan? NextControlIn(TimeSpan planTime, TimeSpan limit) => pacer is null ? null : limit;

    public void RequestStop(long now)
    {
        stopped = true;
        pacer?.Wake();
    }

    public void InterruptAll()
    {
        lock (all)
        {
            foreach (var vu in all)
            {
                if (vu.Busy)
                {
                    vu.Context.Interrupt();
                }
            }
        }
    }

    public void CheckTimeouts(long now, long timeoutTicks)
    {
        lock (all)
        {
            foreach (var vu in all)
            {
                if (vu.Busy)
                {
                    vu.Context.CheckTimeout(now, timeoutTicks);
                }
            }
        }
    }

    private void Start(long scheduled)
    {
        OpenVu? vu;
        lock (all)
        {
            if (!idle.TryPop(out vu))
            {
                if (all.Count >= maxVUs)
                {
                    vu = null;
                }
                else
                {
                    vu = new OpenVu(this, new ScenarioContext(runtime, all.Count));
                    all.Add(vu);
                }
            }

            if (vu is not null)
            {
                vu.Busy = true;
            }
        }

        if (vu is null)
        {
            runtime.IterationDropped(scheduled);
            return;
        }

        vu.Scheduled = scheduled;
        runtime.VuBusy();
        ThreadPool.UnsafeQueueUserWorkItem(vu, preferLocal: false);
    }

    private void Return(OpenVu vu)
    {
        runtime.VuIdle();
        lock (all)
        {
            vu.Busy = false;
            idle.Push(vu);
        }
    }

    private sealed class OpenVu(OpenModelDriver driver, ScenarioContext context) : IThreadPoolWorkItem
    {
        public readonly ScenarioContext Context = context;
        public long Scheduled;
        public volatile bool Busy;
        private bool initialized;

        public void Execute() => _ = RunAsync();

        private async Task RunAsync()
        {
            var runtime = driver.runtime;
            try
            {
                var scheduled = Scheduled;
                if (!initialized)
                {
                    initialized = true;
                    await IterationRunner.InitVuAsync(runtime, Context).ConfigureAwait(false);

                    // The VU's one-time init (e.g. log in) is not the system's latency: measure from now.
                    scheduled = Math.Max(scheduled, runtime.Time.GetTimestamp());
                }

                Context.Revive();
                var start = runtime.Time.GetTimestamp();
                runtime.IterationStartedLate(Scheduled, start);
                await IterationRunner.RunAsync(runtime, Context, start, scheduled).ConfigureAwait(false);
            }
            finally
            {
                driver.Return(this);
            }
        }
    }
}
