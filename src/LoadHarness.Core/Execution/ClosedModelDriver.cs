using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Execution;

/// <summary>
/// Closed model: keeps the planned number of VUs alive; each loops iteration → think time. VU i runs while
/// i &lt; target. On ramp-down a thinking VU stops at once and an iterating one finishes, up to GracefulStop.
/// IterationsForConstant phases hold their VUs until the shared iteration budget is spent, then the plan resumes.
/// </summary>
internal sealed class ClosedModelDriver : IScenarioDriver
{
    /// <summary>
    /// A VU whose iterations keep completing synchronously (no I/O, no think time) yields its thread after this many in
    /// a row, so it cannot hold a thread-pool thread forever. An iteration that really awaited has already left the
    /// thread: counting only synchronous ones keeps I/O-bound VUs off the thread-pool queue (a yield wakes a worker).
    /// </summary>
    private const int YieldEvery = 256;

    /// <summary>How often VUs leaving on a ramp-down are checked against their GracefulStop.</summary>
    private static readonly TimeSpan StoppingCheck = TimeSpan.FromMilliseconds(100);

    private readonly ScenarioRuntime runtime;
    private readonly List<VuSlot> slots = [];
    private readonly List<(VuSlot Slot, long Since)> stopping = [];
    private readonly long graceTicks;
    private volatile int target;
    private volatile bool stopped;
    private long budget;
    private volatile bool budgetMode;
    private TimeSpan shift;
    private int iterationPhase = -1;
    private TimeSpan iterationPhaseEnteredAt;
    private int nextIterationPhase;

    public ClosedModelDriver(ScenarioRuntime runtime)
    {
        this.runtime = runtime;
        graceTicks = (long)(runtime.Definition.GracefulStop.TotalSeconds * runtime.Time.TimestampFrequency);
    }

    public bool PlanFinished { get; private set; }

    public int Target => target;

    public void Restart(long planOrigin)
    {
        shift = TimeSpan.Zero;
        iterationPhase = -1;
        nextIterationPhase = 0;
        budgetMode = false;
        PlanFinished = false;
    }

    public void Control(long now, TimeSpan planTime)
    {
        if (stopped)
        {
            return;
        }

        var plan = runtime.Plan;
        int newTarget;
        if (iterationPhase >= 0)
        {
            if (Interlocked.Read(ref budget) > 0 || runtime.ActiveVUs > 0)
            {
                ManageStopping(now);
                return;
            }

            // The shared iterations are done: resume the plan where the phase began.
            shift += planTime - iterationPhaseEnteredAt;
            iterationPhase = -1;
            budgetMode = false;
            target = 0; // its VUs have all left; the next SetTarget starts the plan's VUs afresh
        }

        var effective = planTime - shift;
        var phases = plan.Phases;
        while (nextIterationPhase < phases.Count
            && phases[nextIterationPhase].Iterations is null)
        {
            nextIterationPhase++;
        }

        if (nextIterationPhase < phases.Count && effective >= phases[nextIterationPhase].Start)
        {
            var phase = phases[nextIterationPhase++];
            iterationPhase = nextIterationPhase - 1;
            iterationPhaseEnteredAt = planTime;
            var iterations = plan.Segment.Scale(phase.Iterations!.Value);
            var copies = (int)Math.Max(iterations > 0 ? 1 : 0, plan.Segment.Scale((long)phase.To));
            Interlocked.Exchange(ref budget, iterations);
            budgetMode = true;
            newTarget = copies;
        }
        else if (effective >= plan.Duration)
        {
            PlanFinished = true;
            newTarget = 0;
        }
        else
        {
            newTarget = plan.TargetVUsAt(effective);
        }

        SetTarget(newTarget, now);
        ManageStopping(now);
    }

    public TimeSpan? NextControlIn(TimeSpan planTime, TimeSpan limit)
    {
        if (stopped || iterationPhase >= 0)
        {
            return null; // draining, or an iteration budget being spent: watched every control interval
        }

        lock (slots)
        {
            if (stopping.Count > 0)
            {
                limit = TimeSpan.FromTicks(Math.Min(limit.Ticks, StoppingCheck.Ticks)); // ramp-down VUs' GracefulStop
            }
        }

        var plan = runtime.Plan;
        var effective = planTime - shift;
        if (effective >= plan.Duration)
        {
            return null;
        }

        var until = plan.Duration - effective;
        for (var i = nextIterationPhase; i < plan.Phases.Count; i++)
        {
            if (plan.Phases[i].Iterations is not null)
            {
                until = plan.Phases[i].Start - effective;
                break;
            }
        }

        return plan.NextTargetChangeIn(effective, until < limit ? until : limit);
    }

    /// <summary>The planned VUs at plan time t (for the console and the timeline).</summary>
    public double PlannedLoad(TimeSpan planTime) => iterationPhase >= 0 ? target : runtime.Plan.TargetVUsAt(planTime - shift);

    public void RequestStop(long now)
    {
        stopped = true;
        PlanFinished = true;
        SetTarget(0, now);
    }

    public void InterruptAll()
    {
        lock (slots)
        {
            foreach (var slot in slots)
            {
                if (Volatile.Read(ref slot.Running) != 0)
                {
                    slot.Interrupt();
                }
            }
        }
    }

    public void CheckTimeouts(long now, long timeoutTicks)
    {
        lock (slots)
        {
            foreach (var slot in slots)
            {
                if (slot.State == VuState.Iterating)
                {
                    slot.Context.CheckTimeout(now, timeoutTicks);
                }
            }
        }

        ManageStopping(now);
    }

    private void SetTarget(int newTarget, long now)
    {
        var old = target;
        if (newTarget == old)
        {
            return;
        }

        target = newTarget;
        lock (slots)
        {
            if (newTarget > old)
            {
                while (slots.Count < newTarget)
                {
                    slots.Add(new VuSlot(slots.Count, new ScenarioContext(runtime, slots.Count), runtime.Definition.IterationsNeverBlock));
                }

                for (var i = old; i < newTarget; i++)
                {
                    TryStart(slots[i]);
                }
            }
            else
            {
                for (var i = newTarget; i < Math.Min(old, slots.Count); i++)
                {
                    var slot = slots[i];
                    if (slot.State == VuState.Thinking)
                    {
                        slot.Interrupt();
                    }
                    else if (slot.State == VuState.Iterating)
                    {
                        stopping.Add((slot, now));
                    }
                }
            }
        }
    }

    private void ManageStopping(long now)
    {
        lock (slots)
        {
            for (var i = stopping.Count - 1; i >= 0; i--)
            {
                var (slot, since) = stopping[i];
                if (Volatile.Read(ref slot.Running) == 0 || slot.Index < target)
                {
                    stopping.RemoveAt(i);
                }
                else if (now - since > graceTicks)
                {
                    slot.Interrupt();
                    stopping.RemoveAt(i);
                }
            }
        }
    }

    private void TryStart(VuSlot slot)
    {
        if (Interlocked.CompareExchange(ref slot.Running, 1, 0) == 0)
        {
            slot.Context.Revive();
            _ = Task.Run(() => RunVuAsync(slot));
        }
    }

    private bool ShouldRun(VuSlot slot) => !stopped && slot.Index < target;

    private async Task RunVuAsync(VuSlot slot)
    {
        var ctx = slot.Context;
        var definition = runtime.Definition;
        var thinkMin = definition.ThinkTimeMin;
        var thinkSpan = (definition.ThinkTimeMax - definition.ThinkTimeMin).Ticks;
        var time = runtime.Time;
        var thinkTimer = ReferenceEquals(time, TimeProvider.System) ? ThinkTimer.Shared : null;
        runtime.VuBusy();
        try
        {
            while (true)
            {
                if (!slot.Initialized)
                {
                    slot.Initialized = true;
                    await IterationRunner.InitVuAsync(runtime, ctx).ConfigureAwait(false);
                }

                var synchronousRun = 0;
                while (ShouldRun(slot) && !ctx.Interrupted)
                {
                    if (budgetMode && Interlocked.Decrement(ref budget) < 0)
                    {
                        break;
                    }

                    // IterationRunner.RunAsync inlined: the iteration's code is awaited by this frame directly.
                    slot.State = VuState.Iterating;
                    var measuredFrom = IterationRunner.Begin(runtime, ctx, time.GetTimestamp(), 0);
                    var iteration = IterationRunner.Start(runtime, ctx);
                    synchronousRun = iteration.IsCompleted ? synchronousRun + 1 : 0;
                    Response response;
                    try
                    {
                        response = await iteration.ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        response = ctx.FailureFor(e);
                    }

                    IterationRunner.End(runtime, ctx, measuredFrom, response);
                    slot.State = VuState.Thinking;
                    if (!ShouldRun(slot))
                    {
                        break;
                    }

                    if (thinkMin > TimeSpan.Zero || thinkSpan > 0)
                    {
                        var think = thinkSpan > 0 ? thinkMin + TimeSpan.FromTicks(ctx.Random.NextInt64(thinkSpan + 1)) : thinkMin;
                        if (thinkTimer is not null)
                        {
                            if (!await thinkTimer.DelayAsync(slot.Waiter, think, ctx.CancellationToken).ConfigureAwait(false))
                            {
                                break;
                            }
                        }
                        else
                        {
                            try
                            {
                                await Task.Delay(think, time, ctx.CancellationToken).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException)
                            {
                                break;
                            }
                        }
                    }
                    else if (synchronousRun >= YieldEvery)
                    {
                        synchronousRun = 0;
                        await Task.Yield();
                    }
                }

                slot.State = VuState.Idle;
                Volatile.Write(ref slot.Running, 0);
                if (!ShouldRun(slot) || (budgetMode && Interlocked.Read(ref budget) <= 0) || Interlocked.CompareExchange(ref slot.Running, 1, 0) != 0)
                {
                    return;
                }

                ctx.Revive();
            }
        }
        finally
        {
            runtime.VuIdle();
        }
    }

    private enum VuState
    {
        Idle,
        Iterating,
        Thinking,
    }

    private sealed class VuSlot(int index, ScenarioContext context, bool batchedThinkTime)
    {
        public readonly int Index = index;
        public readonly ScenarioContext Context = context;
        public readonly ThinkTimer.Waiter Waiter = new(batchedThinkTime);
        public int Running;
        public volatile VuState State;
        public bool Initialized;

        /// <summary>Cancels the VU's token and ends its think time (the think timer registers on no token).</summary>
        public void Interrupt()
        {
            Context.Interrupt();
            Waiter.Cancel();
        }
    }
}
