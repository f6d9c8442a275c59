using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Tasks.Sources;

namespace LoadHarness.Http.Raw.Epoll;

/// <summary>
/// A non-blocking TCP socket of <see cref="EpollEngine"/>: at most one receive and one send (or the connect) pending.
/// <see cref="readable"/> says whether data may have arrived since a receive last found the queue empty (an epoll
/// event set it); without it a receive waits for the event instead of asking the kernel first. Every system call on
/// the descriptor runs under <see cref="gate"/>, so <see cref="Dispose"/> never closes it under a call in flight.
/// </summary>
internal sealed unsafe class EpollSocket : IDisposable
{
    private readonly EpollEngine engine;
    private readonly Socket socket;
    private readonly int fd;
    private readonly Lock gate = new();
    private readonly Operation receive;
    private readonly Operation send;
    private bool readable;
    private bool hungUp;
    private bool writable;
    private bool closed;

    public EpollSocket(EpollEngine engine, Socket socket, bool inlineCompletions)
    {
        this.engine = engine;
        this.socket = socket;
        fd = (int)socket.SafeHandle.DangerousGetHandle();
        receive = new Operation(inlineCompletions);
        send = new Operation(inlineCompletions);
    }

    internal int Slot { get; set; }

    internal uint Generation { get; set; }

    /// <summary>The peer hung up or the socket failed (EPOLLRDHUP, EPOLLHUP or EPOLLERR seen), also while nothing was pending.</summary>
    internal bool PeerClosed => Volatile.Read(ref hungUp);

    /// <summary>recv calls made so far (tests: one per response, none that finds the queue empty).</summary>
    internal long ReceiveCalls { get; private set; }

    /// <summary>
    /// Starts the connect, then adds the socket to the epoll set: registered before, a socket not yet connecting
    /// reports EPOLLOUT|EPOLLHUP at once, which would read as a connect that completed (or a peer that hung up).
    /// </summary>
    public ValueTask ConnectAsync(IPEndPoint endPoint)
    {
        var address = endPoint.Serialize();
        lock (gate)
        {
            if (closed)
            {
                return ValueTask.FromException(Aborted());
            }

            int rc;
            fixed (byte* p = address.Buffer.Span)
            {
                rc = Native.Connect(fd, p, (uint)address.Size);
            }

            if (rc == 0)
            {
                writable = true;
                engine.Register(this, fd);
                return default;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Native.EINPROGRESS)
            {
                return ValueTask.FromException(Native.Error(errno));
            }

            send.Begin(default, connect: true);
            engine.Register(this, fd);
            return new ValueTask(send, send.Version);
        }
    }

    /// <summary>Receives into <paramref name="buffer"/>: the byte count, 0 at the end of the stream.</summary>
    public ValueTask<int> ReceiveAsync(Memory<byte> buffer) => Start(receive, buffer);

    /// <summary>Sends some of <paramref name="data"/>: the byte count (the caller sends the rest).</summary>
    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> data) => Start(send, MemoryMarshal.AsMemory(data));

    /// <summary>Closes the socket; a pending operation fails with OperationAborted. Safe from any thread, more than once.</summary>
    public void Dispose()
    {
        bool receivePending, sendPending;
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            receivePending = receive.Pending;
            sendPending = send.Pending;
            receive.Pending = send.Pending = false;
            socket.Dispose();
        }

        engine.Release(this);
        if (receivePending)
        {
            receive.Complete(0, Aborted());
        }

        if (sendPending)
        {
            send.Complete(0, Aborted());
        }
    }

    /// <summary>An epoll event for this socket (the engine's thread): completes what was waiting for it.</summary>
    internal void OnEvents(uint events)
    {
        int received = 0, sent = 0;
        SocketException? receiveError = null, sendError = null;
        bool receiveDone = false, sendDone = false;
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            if ((events & (Native.EPOLLIN | Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
            {
                readable = true;
                hungUp |= (events & (Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0;
                receiveDone = receive.Pending && Retry(receive, out received, out receiveError);
            }

            if ((events & (Native.EPOLLOUT | Native.EPOLLHUP | Native.EPOLLERR)) != 0)
            {
                writable = true;
                if (send.Pending && send.IsConnect)
                {
                    var error = Native.PendingError(fd);
                    sendError = error == 0 ? null : Native.Error(error);
                    send.Pending = false;
                    sendDone = true;
                }
                else
                {
                    sendDone = send.Pending && Retry(send, out sent, out sendError);
                }
            }
        }

        // Outside the lock: an inline continuation starts the next operation on this socket.
        if (receiveDone)
        {
            receive.Complete(received, receiveError);
        }

        if (sendDone)
        {
            send.Complete(sent, sendError);
        }
    }

    private static SocketException Aborted() => new((int)SocketError.OperationAborted);

    /// <summary>Tries <paramref name="op"/> at once when its direction may be ready, else leaves it pending for the event.</summary>
    private ValueTask<int> Start(Operation op, Memory<byte> buffer)
    {
        lock (gate)
        {
            if (closed)
            {
                return ValueTask.FromException<int>(Aborted());
            }

            if (ReferenceEquals(op, receive) ? readable : writable)
            {
                var n = Transfer(op, buffer.Span, out var errno);
                if (n >= 0)
                {
                    return new ValueTask<int>(n);
                }

                if (errno != Native.EAGAIN)
                {
                    return ValueTask.FromException<int>(Native.Error(errno));
                }
            }

            op.Begin(buffer, connect: false);
            return new ValueTask<int>(op, op.Version);
        }
    }

    /// <summary>Retries a pending operation after its event (under the lock): false when the kernel still says EAGAIN.</summary>
    private bool Retry(Operation op, out int result, out SocketException? error)
    {
        result = Transfer(op, op.Buffer.Span, out var errno);
        error = null;
        if (result < 0 && errno == Native.EAGAIN)
        {
            return false;
        }

        if (result < 0)
        {
            error = Native.Error(errno);
        }

        op.Pending = false;
        return true;
    }

    private int Transfer(Operation op, Span<byte> buffer, out int errno) =>
        ReferenceEquals(op, receive) ? TryReceive(buffer, out errno) : TrySend(buffer, out errno);

    /// <summary>recv under the lock: the count (and whether the queue may hold more), or -1 with errno.</summary>
    private int TryReceive(Span<byte> buffer, out int errno)
    {
        ReceiveCalls++;
        nint n;
        fixed (byte* p = buffer)
        {
            n = Native.Recv(fd, p, (nuint)buffer.Length, 0);
        }

        if (n < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno == Native.EAGAIN)
            {
                readable = false;
            }

            return -1;
        }

        errno = 0;

        // Fewer bytes than asked: no data was left after this call, the next arrival raises a new event. Not so for
        // the end of the stream: a FIN that came with the data raised no event of its own (the epoll entry was
        // already ready), so once the peer hung up the socket stays readable, and recv returns 0 from then on.
        if (n > 0 && n < buffer.Length && !hungUp)
        {
            readable = false;
        }

        return (int)n;
    }

    private int TrySend(ReadOnlySpan<byte> data, out int errno)
    {
        nint n;
        fixed (byte* p = data)
        {
            n = Native.Send(fd, p, (nuint)data.Length, Native.MSG_NOSIGNAL);
        }

        if (n < 0)
        {
            errno = Marshal.GetLastPInvokeError();
            if (errno == Native.EAGAIN)
            {
                writable = false;
            }

            return -1;
        }

        errno = 0;
        return (int)n;
    }

    /// <summary>One direction's pending operation, awaited as a ValueTask (reset for each operation, never allocated again).</summary>
    private sealed class Operation(bool inline) : IValueTaskSource<int>, IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<int> core = new() { RunContinuationsAsynchronously = !inline };

        public bool Pending { get; set; }

        public bool IsConnect { get; private set; }

        public Memory<byte> Buffer { get; private set; }

        public short Version => core.Version;

        public void Begin(Memory<byte> buffer, bool connect)
        {
            core.Reset();
            Buffer = buffer;
            IsConnect = connect;
            Pending = true;
        }

        public void Complete(int result, Exception? error)
        {
            Buffer = default;
            if (error is null)
            {
                core.SetResult(result);
            }
            else
            {
                core.SetException(error);
            }
        }

        public int GetResult(short token) => core.GetResult(token);

        void IValueTaskSource.GetResult(short token) => core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            core.OnCompleted(continuation, state, token, flags);
    }
}
