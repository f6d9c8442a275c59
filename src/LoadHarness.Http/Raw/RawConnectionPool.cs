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
                wait = new TaskCompletionSource<RawConnection?>(TaskCreationOptions.RunContinuationsAsynchronously);
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
            using (token.UnsafeRegister(static s => ((TaskCompletionSource<RawConnection?>)s!).TrySetCanceled(), wait))
            {
                found = await wait.Task.ConfigureAwait(false);
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
                while (waiters.TryDequeue(out var waiter))
                {
                    if (waiter.TrySetResult(conn))
                    {
                        return;
                    }
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
                waiter.TrySetException(new ObjectDisposedException(nameof(RawConnectionPool)));
            }
        }

        DisposeAll(closing);
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
            // The freed slot goes to the first waiter still waiting (it opens a connection); else it is simply free.
            while (waiters.TryDequeue(out var waiter))
            {
                if (waiter.TrySetResult(null))
                {
                    return;
                }
            }

            open--;
        }
    }
}
