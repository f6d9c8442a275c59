namespace LoadHarness.Core.Tests;

/// <summary>A manual clock: timers (Task.Delay, PeriodicTimer) fire only when the test advances time.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<FakeTimer> timers = [];
    private readonly DateTimeOffset origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long now = TimeSpan.TicksPerSecond; // timestamps never 0

    private int fired;

    /// <summary>How many timer callbacks have fired (each wake-up of a sleeping loop is one).</summary>
    public int Fired => Volatile.Read(ref fired);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Volatile.Read(ref now);

    public override DateTimeOffset GetUtcNow() => origin.AddTicks(Volatile.Read(ref now));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward, firing every timer due on the way in order.</summary>
    public void Advance(TimeSpan delta)
    {
        var target = GetTimestamp() + delta.Ticks;
        while (true)
        {
            FakeTimer? next = null;
            lock (gate)
            {
                foreach (var timer in timers)
                {
                    if (timer.DueAt <= target && (next is null || timer.DueAt < next.DueAt))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    Volatile.Write(ref now, target);
                    return;
                }

                Volatile.Write(ref now, Math.Max(now, next.DueAt));
                if (next.Period > 0)
                {
                    next.DueAt += next.Period;
                }
                else
                {
                    timers.Remove(next);
                }
            }

            Interlocked.Increment(ref fired);
            next.Fire();
        }
    }

    /// <summary>Advances in steps, letting the thread pool run continuations between them (a real 1 ms pause).</summary>
    public async Task RunFor(TimeSpan total, TimeSpan step, Func<bool>? until = null)
    {
        for (var t = TimeSpan.Zero; t < total; t += step)
        {
            Advance(step);
            await Task.Delay(1);
            if (until?.Invoke() == true)
            {
                return;
            }
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt;
        public long Period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                DueAt = owner.GetTimestamp() + Math.Max(0, dueTime.Ticks);
                Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
                owner.timers.Add(this);
                return true;
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
