using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Execution;
using LoadHarness.Http.Raw.Epoll;

namespace LoadHarness.Http.Raw;

/// <summary>
/// One keep-alive HTTP/1.1 connection: a socket and its receive buffer (<see cref="Start"/>..<see cref="End"/> holds
/// bytes received and not yet parsed). Used by one request at a time.
/// </summary>
internal sealed class RawConnection : IDisposable
{
    private const int InitialBuffer = 4 * 1024;
    private const int MaxHeadBuffer = 64 * 1024;

    private readonly Socket? socket;
    private readonly EpollSocket? epoll;
    private int aborted;

    private RawConnection(Socket? socket, EpollSocket? epoll)
    {
        this.socket = socket;
        this.epoll = epoll;
        OpenedAt = LastUsed = Environment.TickCount64;
    }

    public long OpenedAt { get; }

    /// <summary>When its last exchange ended (Environment.TickCount64): the idle timeout counts from here.</summary>
    public long LastUsed { get; set; }

    /// <summary>Requests answered on this connection (a failure on a reused one before any byte may be retried).</summary>
    public int Uses { get; set; }

    public byte[] Buffer { get; private set; } = new byte[InitialBuffer];

    public int Start { get; set; }

    public int End { get; private set; }

    public int Buffered => End - Start;

    public ReadOnlySpan<byte> Data => Buffer.AsSpan(Start, End - Start);

    public bool IsAborted => Volatile.Read(ref aborted) != 0;

    /// <summary>
    /// Connects within <paramref name="connectTimeout"/>; a timeout is reported as SocketsHttpHandler does (OCE with a TimeoutException).
    /// <paramref name="inlineCompletions"/>: on the epoll engine, this socket's continuations run on the engine's thread
    /// (<see cref="HttpTargetOptions.InlineCompletions"/>).
    /// </summary>
    public static async ValueTask<RawConnection> OpenAsync(Uri uri, string origin, TimeSpan connectTimeout, CancellationToken token, bool inlineCompletions = false)
    {
        using var connectCts = CancellationTokenSource.CreateLinkedTokenSource(token);
        connectCts.CancelAfter(connectTimeout);
        try
        {
            return EpollEngine.Shared is { } engine
                ? new RawConnection(null, await engine.ConnectAsync(uri.IdnHost, uri.Port, connectCts.Token, inlineCompletions).ConfigureAwait(false))
                : new RawConnection(await ConnectSocketAsync(uri, connectCts.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            throw new OperationCanceledException($"connecting to {origin} took longer than {connectTimeout.TotalSeconds:0.###} s", new TimeoutException(e.Message));
        }
    }

    private static async ValueTask<Socket> ConnectSocketAsync(Uri uri, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            EndPoint endPoint = IPAddress.TryParse(uri.IdnHost, out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.IdnHost, uri.Port);
            await socket.ConnectAsync(endPoint, token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Some byte of the last request was handed to the kernel (false: the server cannot have seen it).</summary>
    public bool SentAny { get; private set; }

    /// <summary>
    /// The server closed this idle connection (a FIN, RST or error seen by the epoll loop, or with .NET's sockets the
    /// socket readable while idle): using it would only race that close.
    /// </summary>
    public bool IsPeerClosed
    {
        get
        {
            if (epoll is not null)
            {
                return epoll.PeerClosed;
            }

            try
            {
                return socket!.Poll(0, SelectMode.SelectRead);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return true;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ReadOnlyMemory<byte> request)
    {
        SentAny = false;
        while (!request.IsEmpty)
        {
            var sent = epoll is not null
                ? await epoll.SendAsync(request).ConfigureAwait(false)
                : await socket!.SendAsync(request, SocketFlags.None).ConfigureAwait(false);
            SentAny = true;
            request = request[sent..];
        }
    }

    /// <summary>Receives more bytes after <see cref="End"/> (compacting or growing the buffer first); false at the end of the stream.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    public async ValueTask<bool> FillAsync(bool allowGrow) => Received(await ReceiveMoreAsync(allowGrow).ConfigureAwait(false));

    /// <summary>
    /// <see cref="FillAsync"/> without its async frame, for a caller that already awaits in a loop: makes room after
    /// <see cref="End"/> and returns the socket's receive into it; pass its result to <see cref="Received"/>.
    /// </summary>
    public ValueTask<int> ReceiveMoreAsync(bool allowGrow)
    {
        if (Start == End)
        {
            Start = End = 0;
        }
        else if (End == Buffer.Length)
        {
            if (Start > 0)
            {
                Buffer.AsSpan(Start, End - Start).CopyTo(Buffer);
                End -= Start;
                Start = 0;
            }
            else if (allowGrow && Buffer.Length < MaxHeadBuffer)
            {
                var bigger = new byte[Buffer.Length * 2];
                Buffer.AsSpan(0, End).CopyTo(bigger);
                Buffer = bigger;
            }
            else
            {
                throw new HttpIOException(HttpRequestError.InvalidResponse, "the response head is larger than " + MaxHeadBuffer + " bytes");
            }
        }

        return ReceiveDirectAsync(Buffer.AsMemory(End));
    }

    /// <summary>Takes in <paramref name="read"/> bytes received by <see cref="ReceiveMoreAsync"/>; false at the end of the stream.</summary>
    public bool Received(int read)
    {
        End += read;
        return read > 0;
    }

    /// <summary>Receives straight into <paramref name="target"/> (large bodies nobody reads), bypassing the buffer; 0 at the end.</summary>
    public ValueTask<int> ReceiveDirectAsync(Memory<byte> target) =>
        epoll is not null ? epoll.ReceiveAsync(target) : socket!.ReceiveAsync(target, SocketFlags.None);

    /// <summary>Closes the socket so a pending send or receive fails at once (the request's token fired).</summary>
    public void Abort()
    {
        Volatile.Write(ref aborted, 1);
        Dispose();
    }

    public void Dispose()
    {
        socket?.Dispose();
        epoll?.Dispose();
    }
}
