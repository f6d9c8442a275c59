using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using LoadHarness.Core.Execution;
using LoadHarness.Http.Raw.Epoll;

namespace LoadHarness.Http.Raw;

/// <summary>
/// The raw transport's keep-alive connections to one origin, shared by every VU of a target: a VU takes an idle
/// connection for one request (the most recently used first) and gives it back, so 50,000 VUs with think time need
/// only as many sockets as they have requests in flight. At most <see cref="HttpTargetOptions.MaxConnectionsPerServer"/>
/// are open; a request beyond that waits for one (the wait is part of its latency), as with SocketsHttpHandler.
/// </summary>
internal sealed class RawConnectionPool(Uri uri, string origin, HttpTargetOptions options) : IDisposable
{
    private readonly Lock gate = new();
    private readonly Stack<RawConnection> idle = new();
    private readonly Queue<Waiter> waiters = new();
    private readonly Stack<Waiter> spareWaiters = new(); // waiters whose hand-over was read: reused, nothing allocated per wait
    private readonly long lifetimeMs = (long)options.PooledConnectionLifetime.TotalMilliseconds;
    private readonly long idleMs = (long)options.PooledConnectionIdleTimeout.TotalMilliseconds;
    private readonly int max = Math.Max(1, options.MaxConnectionsPerServer);
    private int open; // idle + in use + being opened
    private bool disposed;

    /// <summary>
    /// An idle connection that is still fresh and not closed by the server, else a new one when the cap allows, else the
    /// next one given back. <paramref name="fresh"/>: no idle one (a request sent again after a reused connection
    /// failed); at the cap, an idle connection is closed to make room.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    public async ValueTask<RawConnection> RentAsync(CancellationToken token, bool fresh = false)
    {
        RawConnection? found = null;
        Waiter? wait = null;
        List<RawConnection>? stale = null;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var now = Environment.TickCount64;
            while (!fresh && found is null && idle.TryPop(out var conn))
            {
                if (!conn.IsAborted && now - conn.OpenedAt < lifetimeMs && now - conn.LastUsed < idleMs && !conn.IsPeerClosed)
                {
                    found = conn;
                }
                else
                {
                    open--;
                    (stale ??= []).Add(conn);
                }
            }

            if (found is null && open < max)
            {
                open++;
            }
            else if (found is null && fresh && idle.TryPop(out var spare))
            {
                (stale ??= []).Add(spare); // its slot becomes ours
            }
            else if (found is null)
            {
                wait = spareWaiters.TryPop(out var spareWaiter) ? spareWaiter : new Waiter();
                wait.Arm(token);
                waiters.Enqueue(wait);
            }
        }

        DisposeAll(stale);
        if (found is not null)
        {
            return found;
        }

        if (wait is not null)
        {
            using (token.UnsafeRegister(Waiter.CancelSoon, wait))
            {
                found = await wait.WaitAsync().ConfigureAwait(false);
            }

            // Handed over and read: the waiter is out of the queue and done with, for the next wait.
            lock (gate)
            {
                spareWaiters.Push(wait);
            }

            // Handed over after the token fired but before its cancel ran: what it got goes on to the next request.
            if (token.IsCancellationRequested)
            {
                if (found is null)
                {
                    ReleaseSlot();
                }
                else
                {
                    Return(found);
                }

                token.ThrowIfCancellationRequested();
            }
        }

        // Null: a slot of our own (under the cap, or handed over when a connection was dropped) to open one in.
        return found ?? await OpenAsync(token).ConfigureAwait(false);
    }

    /// <summary>Opens a connection (unless one is idle) and leaves it idle for the first request.</summary>
    public async Task WarmAsync(CancellationToken token) => Return(await RentAsync(token).ConfigureAwait(false));

    /// <summary>A connection whose exchange completed cleanly, ready for the next request.</summary>
    public void Return(RawConnection conn)
    {
        conn.LastUsed = Environment.TickCount64;
        lock (gate)
        {
            if (!disposed)
            {
                if (NextWaiter() is { } waiter)
                {
                    Hand(waiter, conn);
                    return;
                }

                idle.Push(conn);
                return;
            }
        }

        Discard(conn);
    }

    /// <summary>A connection that failed, was closed by the server or has unread bytes: closed, its slot freed.</summary>
    public void Discard(RawConnection conn)
    {
        conn.Dispose();
        ReleaseSlot();
    }

    public void Dispose()
    {
        List<RawConnection> closing;
        lock (gate)
        {
            disposed = true;
            closing = [.. idle];
            open -= idle.Count;
            idle.Clear();
            while (waiters.TryDequeue(out var waiter))
            {
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.TryFail(new ObjectDisposedException(nameof(RawConnectionPool))), waiter, preferLocal: false);
            }
        }

        DisposeAll(closing);
    }

    /// <summary>The first waiter whose token has not fired (under the lock), or null.</summary>
    private Waiter? NextWaiter()
    {
        while (waiters.TryDequeue(out var waiter))
        {
            if (!waiter.IsCompleted)
            {
                return waiter;
            }
        }

        return null;
    }

    /// <summary>
    /// Gives <paramref name="conn"/> (null: a free slot to open one in) to <paramref name="waiter"/> on the thread pool,
    /// where the waiting request goes on. From an epoll thread handling events (a connection given back by an inline
    /// completion) it goes with the other hand-overs of that batch (<see cref="EpollEngine.TryDefer"/>). A waiter whose
    /// token fired in the meantime is gone: what it was handed goes to the next one, or back to the pool.
    /// </summary>
    private void Hand(Waiter waiter, RawConnection? conn)
    {
        waiter.Pool = this;
        waiter.Handed = conn;
        if (!EpollEngine.TryDefer(Waiter.Deliver, waiter))
        {
            ThreadPool.UnsafeQueueUserWorkItem(Waiter.Deliver, waiter, preferLocal: false);
        }
    }

    private static void DisposeAll(List<RawConnection>? connections)
    {
        if (connections is null)
        {
            return;
        }

        foreach (var conn in connections)
        {
            conn.Dispose();
        }
    }

    private async ValueTask<RawConnection> OpenAsync(CancellationToken token)
    {
        try
        {
            return await RawConnection.OpenAsync(uri, origin, options.ConnectTimeout, token, options.InlineCompletions).ConfigureAwait(false);
        }
        catch
        {
            ReleaseSlot();
            throw;
        }
    }

    private void ReleaseSlot()
    {
        lock (gate)
        {
            // The freed slot goes to the first waiter (it opens a connection); else it is simply free.
            if (NextWaiter() is { } waiter)
            {
                Hand(waiter, null);
                return;
            }

            open--;
        }
    }

    /// <summary>
    /// One request waiting for a connection: completes once (handed a connection or a slot, canceled, or failed), is read
    /// once, and when it was handed over goes back to <see cref="spareWaiters"/> for the next wait. Continuations run where
    /// it completes, which is always the thread pool (<see cref="Hand"/>, <see cref="CancelSoon"/>, <see cref="Dispose"/>).
    /// </summary>
    private sealed class Waiter : IValueTaskSource<RawConnection?>
    {
        /// <summary>A fired token's callback: the cancel runs on the thread pool, not on the thread that canceled.</summary>
        public static readonly Action<object?> CancelSoon = static state =>
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.CancelIfTokenFired(), (Waiter)state!, preferLocal: false);

        /// <summary>Gives the waiter what <see cref="Hand"/> left it; when it gave up meanwhile, that goes on to the next one.</summary>
        public static readonly Action<object?> Deliver = static state =>
        {
            var waiter = (Waiter)state!;
            var (pool, conn) = (waiter.Pool!, waiter.Handed);
            waiter.Pool = null;
            waiter.Handed = null;
            if (waiter.TryComplete(conn))
            {
                return;
            }

            if (conn is null)
            {
                pool.ReleaseSlot();
            }
            else
            {
                pool.Return(conn);
            }
        };

        private ManualResetValueTaskSourceCore<RawConnection?> core;
        private CancellationToken token;

        // The wait's generation (shifted left) and whether it completed (bit 0), in one word: a cancel queued for an
        // earlier wait of this reused waiter cannot end a later one (see CancelIfTokenFired).
        private long word;

        public RawConnectionPool? Pool { get; set; }

        public RawConnection? Handed { get; set; }

        public bool IsCompleted => (Volatile.Read(ref word) & 1) != 0;

        /// <summary>Readies the waiter for a new wait (under the pool's lock, before it is queued).</summary>
        public void Arm(CancellationToken waitToken)
        {
            core.Reset();
            token = waitToken;
            Volatile.Write(ref word, ((word >> 1) + 1) << 1); // published last: who reads this generation reads its token
        }

        public ValueTask<RawConnection?> WaitAsync() => new(this, core.Version);

        public bool TryComplete(RawConnection? conn)
        {
            if (!TryEnd(Volatile.Read(ref word)))
            {
                return false;
            }

            core.SetResult(conn);
            return true;
        }

        public void TryFail(Exception error)
        {
            if (TryEnd(Volatile.Read(ref word)))
            {
                core.SetException(error);
            }
        }

        public RawConnection? GetResult(short version) => core.GetResult(version);

        public ValueTaskSourceStatus GetStatus(short version) => core.GetStatus(version);

        public void OnCompleted(Action<object?> continuation, object? state, short version, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, version, flags);

        /// <summary>
        /// Cancels the current wait if its own token fired: a cancel queued for an earlier wait of this (reused) waiter
        /// that was handed a connection first finds a later wait here, and leaves it alone unless that one's token fired too.
        /// </summary>
        private void CancelIfTokenFired()
        {
            var current = Volatile.Read(ref word); // first: the token read next is this generation's or a later one's
            var waitToken = token;
            if (waitToken.IsCancellationRequested && TryEnd(current))
            {
                core.SetException(new OperationCanceledException(waitToken));
            }
        }

        /// <summary>Marks the wait of generation <paramref name="current"/> completed, if it is still that wait and still open.</summary>
        private bool TryEnd(long current) =>
            (current & 1) == 0 && Interlocked.CompareExchange(ref word, current | 1, current) == current;
    }
}
