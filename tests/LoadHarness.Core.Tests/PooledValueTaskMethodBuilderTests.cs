using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using LoadHarness.Core.Execution;

namespace LoadHarness.Core.Tests;

/// <summary>The hot path's async method builder: results, errors, and boxes shared by calls in flight at once.</summary>
public sealed class PooledValueTaskMethodBuilderTests
{
    [Fact]
    public async Task A_call_that_never_suspends_returns_its_value_or_its_error_without_a_box()
    {
        var value = Twice(21, gate: null);
        Assert.True(value.IsCompletedSuccessfully);
        Assert.Equal(42, await value);

        var failed = Twice(-1, gate: null);
        Assert.True(failed.IsFaulted);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => failed.AsTask());
        Assert.Equal("value", error.ParamName);

        var untyped = Nothing(gate: null);
        Assert.True(untyped.IsCompletedSuccessfully);
        await untyped;
    }

    [Fact]
    public async Task Calls_in_flight_at_once_each_get_their_own_result_and_error_round_after_round()
    {
        for (var round = 0; round < 3; round++)
        {
            var gates = Enumerable.Range(0, 200).Select(_ => new Gate()).ToArray();
            var calls = gates.Select((gate, i) => i % 10 == 9 ? Twice(-i, gate) : Twice(i + round * 1000, gate)).ToArray();
            Assert.All(calls, c => Assert.False(c.IsCompleted));

            // Completed from pool threads in reverse order: each box's continuation runs where its gate opens.
            await Task.WhenAll(gates.Reverse().Select(g => Task.Run(g.Open)));

            for (var i = 0; i < calls.Length; i++)
            {
                if (i % 10 == 9)
                {
                    await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => calls[i].AsTask());
                }
                else
                {
                    Assert.Equal(2 * (i + round * 1000), await calls[i]);
                }
            }
        }
    }

    [Fact]
    public async Task A_method_returning_ValueTask_completes_and_fails_after_suspending()
    {
        var gate = new Gate();
        var call = Nothing(gate);
        Assert.False(call.IsCompleted);
        gate.Open();
        await call;

        var failing = new Gate();
        var fails = Nothing(failing, fail: true);
        failing.Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => fails.AsTask());
    }

    [Fact]
    public async Task Boxes_of_calls_in_flight_at_once_are_reused_instead_of_allocated_again()
    {
        const int inFlight = 500;
        var gates = Enumerable.Range(0, inFlight).Select(_ => new Gate()).ToArray();
        await RoundAsync(); // the first round fills the pool

        var created = Interlocked.Read(ref PooledBoxes.Created);
        await RoundAsync();

        // The runtime's pooling builder keeps one box per thread and per core: it would create ~498 here.
        Assert.Equal(created, Interlocked.Read(ref PooledBoxes.Created));

        async Task RoundAsync()
        {
            var calls = new ValueTask<int>[inFlight];
            for (var i = 0; i < inFlight; i++)
            {
                gates[i].Reset();
                calls[i] = Twice(i, gates[i]);
            }

            for (var i = 0; i < inFlight; i++)
            {
                gates[i].Open(); // on this thread: continuations run here, reads return the boxes
            }

            for (var i = 0; i < inFlight; i++)
            {
                Assert.Equal(2 * i, await calls[i]);
            }
        }
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private static async ValueTask<int> Twice(int value, Gate? gate)
    {
        if (gate is not null)
        {
            await gate.WaitAsync();
        }

        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value * 2;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder))]
    private static async ValueTask Nothing(Gate? gate, bool fail = false)
    {
        if (gate is not null)
        {
            await gate.WaitAsync();
        }

        if (fail)
        {
            throw new InvalidOperationException("failed after the await");
        }
    }

    /// <summary>An awaitable that completes when opened, reusable after <see cref="Reset"/> (allocates nothing per wait).</summary>
    private sealed class Gate : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> core;

        public ValueTask WaitAsync() => new(this, core.Version);

        public void Open() => core.SetResult(true);

        public void Reset() => core.Reset();

        public void GetResult(short token) => core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags);
    }
}
