using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace LoadHarness.Core.Execution;

/// <summary>
/// An async method builder for <see cref="ValueTask{TResult}"/> methods on the load's hot path
/// (<c>[AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder&lt;&gt;))]</c>): an invocation that suspends takes its box
/// (the state machine and the promise the caller awaits) from a pool shared by every thread, and gives it back when
/// the caller has read the result.
/// <para>
/// The runtime's <see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/> keeps one box per thread and one per core.
/// That is plenty for a server, where a request's awaits mostly finish on the thread that started them, and nothing
/// for a load generator, where thousands of requests are in flight at once and each finishes on another thread (the
/// response arrives on the epoll thread; the next request starts on a pool thread after its think time): measured at
/// 50,000 VUs with 1 s think time (2 cores), nearly every request allocated two new boxes (~560 B), 35 MB/s in all, a
/// gen0 collection every 0.6 s pausing the whole generator 10–40 ms, a large share of its latency spikes. Here the
/// pool grows to the largest number in flight at once (up to <see cref="MaxPooled"/> per method) and stays there.
/// </para>
/// <para>
/// Unlike the runtime's builders it does not flow the <see cref="ExecutionContext"/> across the method's own awaits:
/// code after an await does not see <see cref="AsyncLocal{T}"/> values set before it. It is for the harness's own
/// transport and step code, which uses none; a caller's context is its own builder's business and is unaffected.
/// </para>
/// </summary>
[StructLayout(LayoutKind.Auto)]
public struct PooledValueTaskMethodBuilder<TResult>
{
    /// <summary>Boxes kept per async method at most: its peak concurrency up to here, ~300 B each.</summary>
    public const int MaxPooled = 1 << 16;

    private PooledBox<TResult>? box;
    private Exception? exception;
    private TResult result;

    public static PooledValueTaskMethodBuilder<TResult> Create() => default;

    /// <summary>The method's promise: its result when it finished without suspending, else its box.</summary>
    public ValueTask<TResult> Task =>
        box is { } b ? new ValueTask<TResult>(b, b.Version)
        : exception is { } e ? ValueTask.FromException<TResult>(e)
        : new ValueTask<TResult>(result);

    /// <summary>The promise as a non-generic <see cref="ValueTask"/> (<see cref="PooledValueTaskMethodBuilder"/>).</summary>
    internal readonly ValueTask UntypedTask =>
        box is { } b ? new ValueTask(b, b.Version)
        : exception is { } e ? ValueTask.FromException(e)
        : default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
        // Only boxed state machines call this (never on this runtime's value-type state machines).
    }

    public void SetResult(TResult value)
    {
        if (box is null)
        {
            result = value;
        }
        else
        {
            box.SetResult(value);
        }
    }

    public void SetException(Exception error)
    {
        if (box is null)
        {
            exception = error;
        }
        else
        {
            box.SetException(error);
        }
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    private PooledBox<TResult> BoxFor<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        if (box is { } existing)
        {
            return existing; // already running from its box: stateMachine is the box's own copy
        }

        var rented = PooledBox<TResult, TStateMachine>.Rent();
        box = rented; // this builder is a field of stateMachine: set it before the copy, so the copy points at its box
        rented.StateMachine = stateMachine;
        return rented;
    }
}

/// <summary>
/// <see cref="PooledValueTaskMethodBuilder{TResult}"/> for methods returning <see cref="ValueTask"/>.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public struct PooledValueTaskMethodBuilder
{
    private PooledValueTaskMethodBuilder<bool> inner;

    public static PooledValueTaskMethodBuilder Create() => default;

    public ValueTask Task => inner.UntypedTask;

    public void Start<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine => stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
        // As the generic builder's.
    }

    public void SetResult() => inner.SetResult(true);

    public void SetException(Exception error) => inner.SetException(error);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine => inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine => inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}

/// <summary>How many boxes the pools have had to create (for tests: a warm pool creates none).</summary>
internal static class PooledBoxes
{
    internal static long Created;
}

/// <summary>A suspended invocation's promise (both <see cref="IValueTaskSource"/> forms): completes once, is read once, goes back to its pool.</summary>
internal abstract class PooledBox<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    // Continuations run where the method completes, as with the runtime's builders (the awaiter decides otherwise).
    private ManualResetValueTaskSourceCore<TResult> core;

    protected PooledBox() => MoveNextAction = MoveNext;

    public Action MoveNextAction { get; }

    public short Version => core.Version;

    public void SetResult(TResult value) => core.SetResult(value);

    public void SetException(Exception error) => core.SetException(error);

    public TResult GetResult(short token)
    {
        try
        {
            return core.GetResult(token);
        }
        finally
        {
            core.Reset();
            Return();
        }
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        core.OnCompleted(continuation, state, token, flags);

    protected abstract void MoveNext();

    protected abstract void Return();
}

/// <summary>The box of one async method (its state machine type), with that method's pool.</summary>
internal sealed class PooledBox<TResult, TStateMachine> : PooledBox<TResult>
    where TStateMachine : IAsyncStateMachine
{
    private static readonly Lock Gate = new();
    private static PooledBox<TResult, TStateMachine>?[] pool = new PooledBox<TResult, TStateMachine>?[64];
    private static int pooled;

    public TStateMachine? StateMachine;

    public static PooledBox<TResult, TStateMachine> Rent()
    {
        lock (Gate)
        {
            if (pooled > 0)
            {
                var box = pool[--pooled]!;
                pool[pooled] = null;
                return box;
            }
        }

        Interlocked.Increment(ref PooledBoxes.Created);
        return new PooledBox<TResult, TStateMachine>();
    }

    protected override void MoveNext() => StateMachine!.MoveNext();

    protected override void Return()
    {
        StateMachine = default; // nothing of the finished call stays reachable from the pool
        lock (Gate)
        {
            if (pooled == pool.Length)
            {
                if (pooled >= PooledValueTaskMethodBuilder<TResult>.MaxPooled)
                {
                    return;
                }

                Array.Resize(ref pool, pooled * 2);
            }

            pool[pooled++] = this;
        }
    }
}
