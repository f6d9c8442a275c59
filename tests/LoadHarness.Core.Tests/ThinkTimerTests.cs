using System.Diagnostics;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Tests;

/// <summary>The closed model's think timer on the real clock (its own thread, no Task.Delay).</summary>
public sealed class ThinkTimerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wait_elapses_after_its_delay_and_resumes_on_the_pool_or_alone_on_the_timer(bool batched)
    {
        var waiter = new ThinkTimer.Waiter(batched);
        var started = Stopwatch.StartNew();

        var elapsed = await ObserveAsync(ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromMilliseconds(80), CancellationToken.None));

        Assert.True(elapsed.Result);
        Assert.InRange(started.ElapsedMilliseconds, 78, 30_000);
        // Not batched: on the pool. Batched and alone at its tick: on the timer's thread (a pool thread woken for one VU
        // cost more than the VU's send).
        Assert.Equal(batched ? "loadharness-think" : null, elapsed.OnPool ? null : elapsed.Thread);
        Assert.Equal(!batched, elapsed.OnPool);
    }

    [Fact]
    public async Task A_few_due_waiters_resume_on_the_calling_thread_and_more_in_shares_on_the_pool()
    {
        var caller = Environment.CurrentManagedThreadId;
        var few = Enumerable.Range(0, ThinkTimer.InlineBatch).Select(_ => new Ran()).ToArray();
        var batch = few.Select(r => ((Action<object?>)Ran.Run, (object?)r)).ToList();

        ThinkTimer.Resume(batch);

        Assert.Empty(batch);
        Assert.All(few, r => Assert.Equal(caller, r.Thread)); // done before Resume returned, on this thread

        var many = Enumerable.Range(0, ThinkTimer.InlineBatch + 1).Select(_ => new Ran()).ToArray();
        batch = [.. many.Select(r => ((Action<object?>)Ran.Run, (object?)r))];
        ThinkTimer.Resume(batch);

        Assert.Empty(batch);
        await Task.WhenAll(many.Select(r => r.Done.Task)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(many, r => Assert.True(r.OnPool));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancel_ends_a_long_wait_at_once_and_its_stale_entry_does_not_end_the_next_wait(bool batched)
    {
        var waiter = new ThinkTimer.Waiter(batched);
        var first = ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromMilliseconds(150), CancellationToken.None);
        waiter.Cancel();

        // An elapsed wait reads true: false is the cancel, whatever the machine's speed.
        Assert.False(await first);

        // The first wait's entry comes due at 150 ms; the second wait (60 s) must not end with it.
        var second = ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromSeconds(60), CancellationToken.None).AsTask();
        await Task.Delay(600);
        Assert.False(second.IsCompleted);
        waiter.Cancel();
        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_token_canceled_before_the_wait_ends_it_and_a_cancel_after_the_end_changes_nothing(bool batched)
    {
        var waiter = new ThinkTimer.Waiter(batched);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.False(await ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromSeconds(30), cts.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.True(await ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromMilliseconds(10), CancellationToken.None));
        waiter.Cancel();
        Assert.True(await ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromMilliseconds(10), CancellationToken.None));
    }

    [Fact]
    public async Task A_shorter_wait_queued_while_the_timer_sleeps_toward_a_later_one_is_not_held_back()
    {
        var late = new ThinkTimer.Waiter();
        var early = new ThinkTimer.Waiter();
        var lateWait = ThinkTimer.Shared.DelayAsync(late, TimeSpan.FromSeconds(20), CancellationToken.None).AsTask();
        await Task.Delay(50);
        var started = Stopwatch.StartNew();

        Assert.True(await ThinkTimer.Shared.DelayAsync(early, TimeSpan.FromMilliseconds(30), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"{started.ElapsedMilliseconds} ms: held back by the 20 s wait");
        late.Cancel();
        Assert.False(await lateWait);
    }

    [Theory]
    [InlineData(1, 1)] // a tick short of due: not 0 (a busy loop), 1 ms
    [InlineData(900, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_001, 2)] // just over a millisecond: 2, never 1 (the timer would wake before the wait is due)
    [InlineData(1_700, 2)]
    [InlineData(1_000_000, 1_000)]
    public void The_timer_sleeps_whole_milliseconds_rounded_up_so_it_never_wakes_before_a_wait_is_due(int microseconds, int expectedMs)
    {
        var ticks = Math.Max(1, (long)microseconds * Stopwatch.Frequency / 1_000_000);

        Assert.Equal(expectedMs, ThinkTimer.WaitMs(ticks));
    }

    [Fact]
    public async Task Waits_queued_out_of_due_order_elapse_in_due_order_each_after_its_own_delay()
    {
        // 300 and 400 ms are due after the last queued: the in-order queue; 100 and 200 ms are due earlier: the heap.
        // A timer of the test's own with batched waiters: at most 4 are due at any tick, so each resumes on the timer's
        // thread as the timer elapses it, and the order below is the timer's, even if a stall makes several due at once.
        var timer = new ThinkTimer();
        int[] delays = [300, 100, 200, 400];
        var order = new List<(int Ms, long At, string? Thread)>();
        var started = Stopwatch.StartNew();
        var waits = delays.Select(async ms =>
        {
            Assert.True(await timer.DelayAsync(new ThinkTimer.Waiter(batched: true), TimeSpan.FromMilliseconds(ms), CancellationToken.None).ConfigureAwait(false));
            lock (order)
            {
                order.Add((ms, started.ElapsedMilliseconds, System.Threading.Thread.CurrentThread.Name));
            }
        }).ToArray();

        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(order, e => Assert.True(e.At >= e.Ms, $"the {e.Ms} ms wait ended after {e.At} ms"));
        Assert.All(order, e => Assert.Equal("loadharness-think", e.Thread));
        Assert.Equal([100, 200, 300, 400], order.Select(e => e.Ms));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_closed_model_on_the_system_clock_thinks_between_iterations(bool neverBlock)
    {
        // 4 VUs, 300 ms think time, 1.5 s: at most 4 × (1.5 / 0.3 + 1) iterations (without think time: thousands). No
        // lower bound beyond one each: a stalled machine runs fewer, never more.
        var result = await RunAsync(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1.5), neverBlock);

        Assert.InRange(Assert.Single(result.Scenarios).Iterations.Completed, 4, 24);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ramping_down_ends_the_think_time_of_vus_at_once(bool neverBlock)
    {
        // Each VU runs one iteration, then would think 20 s: the ramp to 0 VUs at 1 s interrupts them.
        var started = Stopwatch.StartNew();

        var result = await RunAsync(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(1), neverBlock);

        Assert.Equal(4, Assert.Single(result.Scenarios).Iterations.Completed);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(15), $"run took {started.Elapsed.TotalSeconds:0.0} s: the 20 s think time was not interrupted");
    }

    [Fact]
    public async Task Batched_waiters_due_together_resume_on_the_pool_and_a_cancel_never_resumes_on_the_canceling_thread()
    {
        var waiters = Enumerable.Range(0, 500).Select(_ => new ThinkTimer.Waiter(batched: true)).ToArray();
        var waits = waiters.Select(w => ObserveAsync(ThinkTimer.Shared.DelayAsync(w, TimeSpan.FromMilliseconds(50), CancellationToken.None))).ToArray();

        var results = await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        // Due together: on the pool; a waiter alone at its tick (the queue was filled over more than one) on the timer's thread.
        Assert.All(results, r => Assert.True(r.Result && (r.OnPool || r.Thread == "loadharness-think"), $"resumed on {r.Thread}"));

        // The cancel's continuation is queued: on the canceling thread it could only run after Cancel returned.
        var waiter = waiters[0];
        var canceling = false;
        var cancelingThread = 0;
        var resumed = Resume(ThinkTimer.Shared.DelayAsync(waiter, TimeSpan.FromSeconds(60), CancellationToken.None));
        await Task.Run(() =>
        {
            cancelingThread = Environment.CurrentManagedThreadId;
            canceling = true;
            waiter.Cancel();
            canceling = false;
        });
        var (result, thread, duringCancel) = await resumed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(result);
        Assert.False(thread == cancelingThread && duringCancel, "the VU resumed inside Cancel, on the canceling thread");

        async Task<(bool Result, int Thread, bool DuringCancel)> Resume(ValueTask<bool> wait)
        {
            var elapsed = await wait.ConfigureAwait(false);
            return (elapsed, Environment.CurrentManagedThreadId, Volatile.Read(ref canceling));
        }
    }

    private static async Task<RunResult> RunAsync(TimeSpan think, TimeSpan hold, bool neverBlock = false)
    {
        var scenario = Scenario.Create("think", _ => Task.FromResult(Response.Ok()))
            .WithThinkTime(think)
            .WithLoadSimulations(LoadSimulation.KeepConstant(4, hold), LoadSimulation.RampingConstant(0, TimeSpan.FromMilliseconds(100))) with
        {
            IterationsNeverBlock = neverBlock,
        };
        var test = new TestDefinition { TestName = "t", Scenarios = [scenario] };
        var env = new EnvironmentInfo { MachineName = "m", ProcessorCount = 2, OsDescription = "os", DotnetVersion = ".NET", HarnessVersion = "1" };
        var result = await new LoadRunner().RunAsync(test, new RunOptions { Environment = env }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Completed, result.Status);
        return result;
    }

    private static async Task<(bool Result, bool OnPool, string? Thread)> ObserveAsync(ValueTask<bool> wait)
    {
        var result = await wait.ConfigureAwait(false);
        return (result, System.Threading.Thread.CurrentThread.IsThreadPoolThread, System.Threading.Thread.CurrentThread.Name);
    }

    private sealed class Ran
    {
        public static readonly Action<object?> Run = static state =>
        {
            var ran = (Ran)state!;
            ran.Thread = Environment.CurrentManagedThreadId;
            ran.OnPool = System.Threading.Thread.CurrentThread.IsThreadPoolThread;
            ran.Done.TrySetResult();
        };

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Thread { get; private set; }

        public bool OnPool { get; private set; }
    }
}
