using System.Net;
using System.Net.Sockets;
using LoadHarness.Http.Raw;
using LoadHarness.Http.Raw.Epoll;

namespace LoadHarness.Http.Tests;

/// <summary>The raw transport's epoll engine against real loopback sockets (a TcpListener on 127.0.0.1).</summary>
public sealed class EpollEngineTests : IDisposable
{
    private static readonly EpollEngine Pooled = EpollEngine.Create(inlineCompletions: false)
        ?? throw new InvalidOperationException("the epoll engine applies on Linux x64, where these tests run");

    private static readonly EpollEngine Inline = EpollEngine.Create(inlineCompletions: true)!;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    public EpollEngineTests() => listener.Start();

    private int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Dispose() => listener.Dispose();

    [Fact]
    public async Task A_request_and_response_exchange_costs_one_recv_per_response()
    {
        using var client = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        using var server = await listener.AcceptSocketAsync();
        var buffer = new byte[1024];
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(4, await client.SendAsync("ping"u8.ToArray()));
            Assert.Equal(4, await ReceiveExactlyAsync(server, 4));
            var receive = client.ReceiveAsync(buffer);
            await server.SendAsync("pong"u8.ToArray());
            Assert.Equal(4, await receive);
            Assert.Equal("pong"u8.ToArray(), buffer[..4]);
        }

        // .NET's sockets make 100 here: a receive that finds nothing queued, then the one after the event.
        Assert.Equal(50, client.ReceiveCalls);
    }

    [Fact]
    public async Task Megabytes_both_ways_arrive_whole_through_full_socket_buffers()
    {
        using var client = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        using var server = await listener.AcceptSocketAsync();
        var payload = new byte[8 * 1024 * 1024];
        Random.Shared.NextBytes(payload);

        // The server reads only after the client has filled its send buffer: sends hit EAGAIN and wait for EPOLLOUT.
        var sending = SendAllAsync(client, payload);
        await Task.Delay(100);
        var echoed = new byte[payload.Length];
        var serverRead = 0;
        while (serverRead < payload.Length)
        {
            serverRead += await server.ReceiveAsync(echoed.AsMemory(serverRead));
        }

        await sending;
        Assert.Equal(payload, echoed);

        // And back: the client reads in 64 KiB pieces, many of them full (more may be queued: no wait before the next).
        var serving = server.SendAsync(payload);
        var received = new byte[payload.Length];
        var read = 0;
        while (read < payload.Length)
        {
            var n = await client.ReceiveAsync(received.AsMemory(read, Math.Min(64 * 1024, payload.Length - read)));
            Assert.True(n > 0);
            read += n;
        }

        await serving;
        Assert.Equal(payload, received);
    }

    [Fact]
    public async Task The_end_of_the_stream_reads_as_zero_every_time()
    {
        using var client = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        var server = await listener.AcceptSocketAsync();
        var buffer = new byte[16];
        var pending = client.ReceiveAsync(buffer);
        await server.SendAsync("bye"u8.ToArray());
        server.Dispose();

        Assert.Equal(3, await pending);
        Assert.Equal(0, await client.ReceiveAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await client.ReceiveAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Disposing_fails_a_pending_receive_with_operation_aborted_and_later_calls_too()
    {
        var client = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        using var server = await listener.AcceptSocketAsync();
        var pending = client.ReceiveAsync(new byte[16]).AsTask();
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);

        await Task.Run(client.Dispose);

        var error = await Assert.ThrowsAsync<SocketException>(() => pending);
        Assert.Equal(SocketError.OperationAborted, error.SocketErrorCode);
        var later = await Assert.ThrowsAsync<SocketException>(() => client.SendAsync(new byte[1]).AsTask());
        Assert.Equal(SocketError.OperationAborted, later.SocketErrorCode);
        client.Dispose();
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused_and_localhost_finds_the_ipv4_listener()
    {
        var closedPort = Port;
        listener.Stop();
        var refused = await Assert.ThrowsAsync<SocketException>(() => Pooled.ConnectAsync("127.0.0.1", closedPort, CancellationToken.None).AsTask());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        // "localhost" may resolve to ::1 first, where nothing listens: the next address is tried.
        using var ipv4 = new TcpListener(IPAddress.Loopback, 0);
        ipv4.Start();
        using var client = await Pooled.ConnectAsync("localhost", ((IPEndPoint)ipv4.LocalEndpoint).Port, CancellationToken.None);
        using var server = await ipv4.AcceptSocketAsync();
        Assert.Equal(2, await client.SendAsync("hi"u8.ToArray()));
        Assert.Equal(2, await ReceiveExactlyAsync(server, 2));
    }

    [Fact]
    public async Task A_canceled_token_cancels_the_connect()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Pooled.ConnectAsync("127.0.0.1", Port, cts.Token).AsTask());
    }

    [Fact]
    public async Task A_connect_the_server_never_answers_ends_at_the_connect_timeout()
    {
        // A listener whose accept queue is full drops new SYNs: the connect stays in progress until the timeout.
        using var full = new Socket(SocketType.Stream, ProtocolType.Tcp);
        full.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        full.Listen(0);
        var port = ((IPEndPoint)full.LocalEndPoint!).Port;
        var queued = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp);
                queued.Add(s);
                _ = s.ConnectAsync(IPAddress.Loopback, port);
            }

            await Task.Delay(100);
            var uri = new Uri($"http://127.0.0.1:{port}/");
            var started = System.Diagnostics.Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<OperationCanceledException>(
                () => RawConnection.OpenAsync(uri, "127.0.0.1", TimeSpan.FromMilliseconds(300), CancellationToken.None).AsTask());

            Assert.IsType<TimeoutException>(error.InnerException);
            Assert.Contains("took longer than 0.3 s", error.Message);
            Assert.InRange(started.ElapsedMilliseconds, 250, 25_000);
        }
        finally
        {
            queued.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Continuations_run_on_the_engine_thread_only_when_inline_and_on_the_pool_otherwise()
    {
        foreach (var (engine, inline) in new[] { (Pooled, false), (Inline, true) })
        {
            using var client = await engine.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
            using var server = await listener.AcceptSocketAsync();
            var thread = ObserveThreadAsync(client);
            await Task.Delay(20);
            await server.SendAsync("x"u8.ToArray());
            var (name, pooled) = await thread.WaitAsync(TimeSpan.FromSeconds(10));

            if (inline)
            {
                Assert.Equal("loadharness-epoll", name);
                Assert.False(pooled);
            }
            else
            {
                Assert.True(pooled);
            }
        }
    }

    [Fact]
    public async Task Work_an_inline_continuation_defers_runs_on_the_pool_after_it_returns_and_none_is_lost()
    {
        Assert.False(EpollEngine.TryDefer(static _ => throw new InvalidOperationException("ran"), null)); // not an engine thread

        using var client = await Inline.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        using var server = await listener.AcceptSocketAsync();
        const int count = 40;
        var ran = new System.Collections.Concurrent.ConcurrentQueue<(int Index, bool Pooled, bool AfterContinuation)>();
        var continuationReturned = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deferring = DeferFromContinuationAsync(); // returns at its receive, already pending: nothing was sent yet
        await server.SendAsync("x"u8.ToArray());

        Assert.True(await deferring.WaitAsync(TimeSpan.FromSeconds(10)), "TryDefer was refused on the engine thread");
        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var runs = ran.ToArray();
        Assert.Equal(Enumerable.Range(0, count), runs.Select(r => r.Index).Order());
        Assert.All(runs, r => Assert.True(r.Pooled && r.AfterContinuation, $"{r.Index}: pooled {r.Pooled}, after {r.AfterContinuation}"));

        async Task<bool> DeferFromContinuationAsync()
        {
            await client.ReceiveAsync(new byte[8]).ConfigureAwait(false); // resumes on the engine thread (inline)
            var accepted = true;
            for (var i = 0; i < count; i++)
            {
                accepted &= EpollEngine.TryDefer(state =>
                {
                    ran.Enqueue(((int)state!, Thread.CurrentThread.IsThreadPoolThread, Volatile.Read(ref continuationReturned) == 1));
                    if (ran.Count == count)
                    {
                        all.TrySetResult();
                    }
                }, i);
            }

            Thread.Sleep(50); // widens the window in which a deferred action run too early would see 0; passing never waits on it
            Volatile.Write(ref continuationReturned, 1);
            return accepted;
        }
    }

    [Fact]
    public async Task Slots_are_reused_after_thousands_of_connections_and_events_still_reach_the_right_socket()
    {
        for (var i = 0; i < 600; i++)
        {
            using var client = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
            using var server = await listener.AcceptSocketAsync();
            if (i % 100 == 0)
            {
                var pending = client.ReceiveAsync(new byte[8]);
                await server.SendAsync(BitConverter.GetBytes(i));
                Assert.Equal(4, await pending);
            }
        }

        using var last = await Pooled.ConnectAsync("127.0.0.1", Port, CancellationToken.None);
        using var lastServer = await listener.AcceptSocketAsync();
        var buffer = new byte[8];
        var receive = last.ReceiveAsync(buffer);
        await lastServer.SendAsync("last"u8.ToArray());
        Assert.Equal(4, await receive.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<(string? Name, bool Pooled)> ObserveThreadAsync(EpollSocket client)
    {
        await client.ReceiveAsync(new byte[8]).ConfigureAwait(false);
        return (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }

    private static async Task SendAllAsync(EpollSocket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data)..];
        }
    }

    private static async Task<int> ReceiveExactlyAsync(Socket socket, int count)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            read += await socket.ReceiveAsync(buffer.AsMemory(read));
        }

        return read;
    }
}
