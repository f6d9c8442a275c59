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
    private readonly Queue<TaskCompletionSource<RawConnection?>> waiters = new();
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
    public async ValueTask<RawConnection> RentAsync(CancellationToken token, bool fresh = false)
    {
        RawConnection? found = null;
        TaskCompletionSource<RawConnection?>? wait = null;
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
                wait = new TaskCompletionSource<RawConnection?>(); // completed on the thread pool only (Hand)
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
            using (token.UnsafeRegister(static s => ThreadPool.UnsafeQueueUserWorkItem(
                static w => w.TrySetCanceled(), (TaskCompletionSource<RawConnection?>)s!, preferLocal: false), wait))
            {
                found = await wait.Task.ConfigureAwait(false);
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
                ThreadPool.UnsafeQueueUserWorkItem(static w => w.TrySetException(new ObjectDisposedException(nameof(RawConnectionPool))), waiter, preferLocal: false);
            }
        }

        DisposeAll(closing);
    }

    /// <summary>The first waiter whose token has not fired (under the lock), or null.</summary>
    private TaskCompletionSource<RawConnection?>? NextWaiter()
    {
        while (waiters.TryDequeue(out var waiter))
        {
            if (!waiter.Task.IsCompleted)
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
    private void Hand(TaskCompletionSource<RawConnection?> waiter, RawConnection? conn)
    {
        var handover = new Handover(this, waiter, conn);
        if (!EpollEngine.TryDefer(Handover.Run, handover))
        {
            ThreadPool.UnsafeQueueUserWorkItem(Handover.Run, handover, preferLocal: false);
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

    private sealed record Handover(RawConnectionPool Pool, TaskCompletionSource<RawConnection?> Waiter, RawConnection? Connection)
    {
        public static readonly Action<object?> Run = static state =>
        {
            var (pool, waiter, conn) = (Handover)state!;
            if (waiter.TrySetResult(conn))
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
    }
}
