using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace LoadHarness.Core.Execution;

/// <summary>
/// The closed model's think time on the system clock: one thread and a queue ordered by due time instead of a
/// <c>Task.Delay</c> per iteration. With tens of thousands of VUs each thinking a second between requests, every
/// Task.Delay allocated a timer and a promise, registered on the VU's token and went through the runtime's timer
/// queue; here a VU's wait is a reusable <see cref="Waiter"/> (nothing allocated) and no token is registered: the
/// driver cancels the waiter itself when it interrupts a thinking VU.
/// <para>
/// Due waiters resume on the thread pool, not on this thread — also with inline completions: resuming them all here
/// put every VU's next request start on one thread, and 50,000 VUs with 1 s think time held ~9 % fewer requests/s
/// (interleaved A/B, raw transport, inline epoll completions). The exception is a tick with a few batched waiters due
/// (<see cref="Resume"/>). Resolution about a millisecond, as Task.Delay's.
/// </para>
/// <para>
/// A waiter made <c>batched</c> (VUs of a scenario whose iterations never block a thread,
/// <see cref="Scenarios.ScenarioDefinition.IterationsNeverBlock"/>) resumes with the other batched waiters due at the
/// same tick, in one work item per core (<see cref="WorkShares"/>) instead of one each: at 50,000 VUs that is ~2,000
/// work items a second instead of 50,000.
/// </para>
/// </summary>
internal sealed class ThinkTimer
{
    private static readonly Lazy<ThinkTimer> SharedTimer = new(() => new ThinkTimer());

    /// <summary>
    /// Batched waiters due at one tick that resume on this thread instead of the pool: at 100 VUs with 1 s think time
    /// each resumed alone, and waking a pool thread for it was ~4 of the ~13 futex calls a request cost.
    /// </summary>
    internal const int InlineBatch = 4;

    private readonly object gate = new();
    private readonly PriorityQueue<(Waiter Waiter, long Sequence), long> queue = new();

    // Waits queued in the order they fall due: with one think time for every VU (the common case: "1s") each new wait
    // is due no earlier than the last, and goes here in O(1) instead of sifting through a heap of 50,000 (its MoveDown
    // was ~1.7 % of a 50,000-VU run's CPU). A wait due earlier than the last one queued (a random think range, or two
    // threads racing to the lock) goes in the heap; the loop takes what is due from both, in due order (NextDue).
    private readonly Queue<(Waiter Waiter, long Sequence, long DueAt)> inOrder = new();
    private long inOrderLast = long.MinValue;
    private readonly List<(Waiter Waiter, long Sequence)> due = [];
    private readonly List<(Action<object?> Action, object? State)> batch = [];
    private long sleepingUntil = long.MaxValue;

    internal ThinkTimer()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "loadharness-think" };
        thread.UnsafeStart();
    }

    public static ThinkTimer Shared => SharedTimer.Value;

    /// <summary>
    /// Waits <paramref name="delay"/> on <paramref name="waiter"/> (one wait at a time per waiter): true when it
    /// elapsed, false when <see cref="Waiter.Cancel"/> ended it or <paramref name="token"/> was already canceled.
    /// </summary>
    public ValueTask<bool> DelayAsync(Waiter waiter, TimeSpan delay, CancellationToken token)
    {
        var dueAt = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        var sequence = waiter.Arm();
        var version = waiter.Version;
        lock (gate)
        {
            if (inOrder.Count == 0 || dueAt >= inOrderLast)
            {
                inOrder.Enqueue((waiter, sequence, dueAt));
                inOrderLast = dueAt;
            }
            else
            {
                queue.Enqueue((waiter, sequence), dueAt);
            }

            if (dueAt < sleepingUntil)
            {
                Monitor.Pulse(gate);
            }
        }

        // A cancel that came before the wait was queued found nothing to end: the token tells.
        if (token.IsCancellationRequested)
        {
            waiter.Cancel();
        }

        return new ValueTask<bool>(waiter, version);
    }

    private void Loop()
    {
        while (true)
        {
            lock (gate)
            {
                var now = Stopwatch.GetTimestamp();
                long next;
                while ((next = NextDue(out var fromHeap)) <= now)
                {
                    if (fromHeap)
                    {
                        due.Add(queue.Dequeue());
                    }
                    else
                    {
                        var (waiter, sequence, _) = inOrder.Dequeue();
                        due.Add((waiter, sequence));
                    }
                }

                if (due.Count == 0)
                {
                    sleepingUntil = next;
                    var ms = next == long.MaxValue ? Timeout.Infinite : WaitMs(next - now);
                    Monitor.Wait(gate, ms);
                    sleepingUntil = long.MinValue;
                    continue;
                }
            }

            foreach (var (waiter, sequence) in due)
            {
                if (!waiter.Batched)
                {
                    waiter.Elapse(sequence);
                }
                else if (waiter.IsArmedWith(sequence)) // false for a stale entry (a canceled wait's): skipped
                {
                    waiter.DueSequence = sequence;
                    batch.Add((Waiter.ElapseDue, waiter));
                }
            }

            due.Clear();
            Resume(batch);
        }
    }

    /// <summary>
    /// When the earlier of the two queues' heads is due (<see cref="long.MaxValue"/>: both empty), and whether it is the
    /// heap's: the loop takes due waits from both in due order, also within one tick.
    /// </summary>
    private long NextDue(out bool fromHeap)
    {
        var inOrderDue = inOrder.TryPeek(out var first) ? first.DueAt : long.MaxValue;
        var heapDue = queue.TryPeek(out _, out var dueAt) ? dueAt : long.MaxValue;
        fromHeap = heapDue < inOrderDue;
        return fromHeap ? heapDue : inOrderDue;
    }

    /// <summary>
    /// The milliseconds to sleep toward a wait due in <paramref name="ticks"/> (Stopwatch ticks), rounded up: rounded down
    /// (0.9 ms → a 1 ms floor, 1.7 ms → 1 ms) the timer woke before the wait was due as often as not and slept again for
    /// it: two wake-ups for one VU at tens or hundreds of VUs, where each tick has one due. Up to 1 ms later instead.
    /// </summary>
    internal static int WaitMs(long ticks) =>
        (int)Math.Clamp((ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency, 1, int.MaxValue);

    /// <summary>
    /// Resumes the batched waiters due at one tick and clears the batch: more than <see cref="InlineBatch"/> in shares on
    /// the pool (<see cref="WorkShares"/>); a few (a test of tens or hundreds of VUs) here, on the calling thread,
    /// without waking a pool thread for each — their iterations never block a thread, and sending a request takes
    /// microseconds.
    /// </summary>
    internal static void Resume(List<(Action<object?> Action, object? State)> batch)
    {
        if (batch.Count > InlineBatch)
        {
            WorkShares.Release(batch);
            return;
        }

        foreach (var (action, state) in batch)
        {
            action(state);
        }

        batch.Clear();
    }

    /// <summary>One VU's think-time wait, reused for every iteration.</summary>
    internal sealed class Waiter : IValueTaskSource<bool>
    {
        /// <summary>Ends a batched waiter's wait (its <see cref="DueSequence"/>) inside its share's work item.</summary>
        public static readonly Action<object?> ElapseDue = static state =>
        {
            var waiter = (Waiter)state!;
            waiter.Elapse(waiter.DueSequence);
        };

        private const long Idle = 0, Waiting = 1, Completed = 2;

        private ManualResetValueTaskSourceCore<bool> core;

        // The wait's sequence number (a stale queue entry must not end a later wait) and its state, in one word.
        private long word;

        /// <param name="batched">
        /// Resume inside a shared work item with the other batched waiters due at the same tick (iterations that never
        /// block a thread); false: each resumes in a work item of its own.
        /// </param>
        public Waiter(bool batched = false)
        {
            Batched = batched;
            core.RunContinuationsAsynchronously = !batched;
        }

        public bool Batched { get; }

        /// <summary>The sequence the timer found due (set by the timer's thread before it queues <see cref="ElapseDue"/>).</summary>
        internal long DueSequence { get; set; }

        public short Version => core.Version;

        /// <summary>Ends a wait in progress (result false); the VU resumes on the thread pool, never on the caller's thread.</summary>
        public void Cancel()
        {
            var current = Volatile.Read(ref word);
            if ((current & 3) == Waiting && Interlocked.CompareExchange(ref word, (current & ~3L) | Completed, current) == current)
            {
                if (Batched)
                {
                    ThreadPool.UnsafeQueueUserWorkItem(static w => w.core.SetResult(false), this, preferLocal: false);
                }
                else
                {
                    core.SetResult(false);
                }
            }
        }

        /// <summary>Whether <paramref name="armed"/> is the wait in progress.</summary>
        internal bool IsArmedWith(long armed) => Volatile.Read(ref word) == armed;

        public bool GetResult(short token)
        {
            var elapsed = core.GetResult(token);
            Volatile.Write(ref word, (word & ~3L) | Idle);
            return elapsed;
        }

        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags);

        internal long Arm()
        {
            core.Reset();
            var armed = ((word >> 2) + 1) << 2 | Waiting;
            Volatile.Write(ref word, armed);
            return armed;
        }

        internal void Elapse(long armed)
        {
            if (Interlocked.CompareExchange(ref word, (armed & ~3L) | Completed, armed) == armed)
            {
                core.SetResult(true);
            }
        }
    }
}
