using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using LoadHarness.Core.Execution;

namespace LoadHarness.Http.Raw.Epoll;

/// <summary>
/// The raw transport's own socket engine on Linux: one epoll instance (edge-triggered, every socket registered once for
/// reading and writing) and one thread waiting on it. It exists to do what .NET's socket engine cannot: skip the
/// receive attempt before waiting. .NET's engine tries every receive at once and registers the wait only when the
/// kernel answers EAGAIN — right after a request is sent the response is never there yet, so every response costs two
/// <c>recvfrom</c> calls, one of them failed. Here a socket remembers whether data arrived since it last found the
/// queue empty, and a receive that knows nothing arrived waits for the epoll event straight away: one <c>recvfrom</c>
/// per response, done by this thread when the event comes.
/// <para>
/// Continuations run on this thread when inline completions were asked for — for every socket by
/// <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (what <c>--inline-socket-completions</c> sets — the same promise:
/// nothing blocking in the scenario), or per connection (<see cref="HttpTargetOptions.InlineCompletions"/>, which config-defined
/// <c>Http</c> scenarios set by default, <see cref="RawInline"/>) —, otherwise on the thread pool. <see cref="Shared"/> is null where the engine does not apply (not Linux on x64, or
/// <c>LOADHARNESS_RAW_EPOLL=0</c>); the raw transport then uses .NET's sockets.
/// </para>
/// </summary>
internal sealed partial class EpollEngine
{
    public const string DisableVariable = "LOADHARNESS_RAW_EPOLL";
    private const int MaxEvents = 256;

    private static readonly Lazy<EpollEngine?> SharedEngine = new(TryCreate);

    /// <summary>Work the current engine thread's continuations handed to the thread pool during this event batch.</summary>
    [ThreadStatic]
    private static List<(Action<object?> Action, object? State)>? deferred;

    private readonly int epfd;
    private readonly Lock slotsGate = new();
    private readonly Stack<int> freeSlots = new();
    private EpollSocket?[] slots = new EpollSocket?[256];
    private int usedSlots;
    private uint generation;

    private EpollEngine(int epfd, bool inlineCompletions)
    {
        this.epfd = epfd;
        InlineCompletions = inlineCompletions;
        var thread = new Thread(Loop) { IsBackground = true, Name = "loadharness-epoll" };
        thread.UnsafeStart();
    }

    /// <summary>The process's engine, created on first use; null where it does not apply.</summary>
    public static EpollEngine? Shared => SharedEngine.Value;

    /// <summary>Continuations of every socket run on the engine's thread instead of the thread pool (the process-wide setting).</summary>
    public bool InlineCompletions { get; }

    /// <summary>
    /// Opens a TCP connection (NoDelay) to the first of <paramref name="host"/>'s addresses that accepts it. Its
    /// continuations run on this engine's thread when <paramref name="inlineCompletions"/> or <see cref="InlineCompletions"/>.
    /// </summary>
    public async ValueTask<EpollSocket> ConnectAsync(string host, int port, CancellationToken token, bool inlineCompletions = false)
    {
        IPAddress[] addresses = IPAddress.TryParse(host, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(host, token).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new EpollSocket(this, new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false },
                inlineCompletions || InlineCompletions);
            try
            {
                using (token.UnsafeRegister(static s => ((EpollSocket)s!).Dispose(), socket))
                {
                    await socket.ConnectAsync(new IPEndPoint(address, port)).ConfigureAwait(false);
                }

                token.ThrowIfCancellationRequested();
                return socket;
            }
            catch (SocketException e) when (!token.IsCancellationRequested)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                token.ThrowIfCancellationRequested();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>Gives <paramref name="socket"/> a slot and adds its descriptor to the epoll set.</summary>
    internal unsafe void Register(EpollSocket socket, int fd)
    {
        int slot;
        lock (slotsGate)
        {
            if (!freeSlots.TryPop(out slot))
            {
                slot = usedSlots++;
                if (slot == slots.Length)
                {
                    var bigger = new EpollSocket?[slots.Length * 2];
                    slots.CopyTo(bigger, 0);
                    Volatile.Write(ref slots, bigger);
                }
            }

            socket.Slot = slot;
            socket.Generation = ++generation;
            slots[slot] = socket;
        }

        var ev = new Native.EpollEvent
        {
            Events = Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET,
            Data = (uint)socket.Slot | ((ulong)socket.Generation << 32),
        };
        if (Native.EpollCtl(epfd, Native.EPOLL_CTL_ADD, fd, &ev) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Release(socket);
            throw Native.Error(errno);
        }
    }

    /// <summary>Frees the socket's slot (its descriptor is closed: the kernel dropped it from the epoll set).</summary>
    internal void Release(EpollSocket socket)
    {
        lock (slotsGate)
        {
            if (ReferenceEquals(slots[socket.Slot], socket))
            {
                slots[socket.Slot] = null;
                freeSlots.Push(socket.Slot);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the thread pool after the event batch being handled, together with the other
    /// actions deferred in the batch (a few work items, each running its share in order); false when the caller is not
    /// an engine's thread handling events (then it queues the work itself).
    /// <para>
    /// What it is for: connections given back on this thread (inline completions) to VUs waiting for one
    /// (<see cref="RawConnectionPool"/>). Once a run falls behind, every connection is busy and each response hands its
    /// connection to a waiting VU. Handed over one work item at a time, the waiting VUs sent their requests one at a
    /// time and the server woke for each; released together after the batch, they send together, as VUs released by
    /// the think timer do. Measured at 50,000 VUs with 1 s think time (interleaved runs): fewer of the runs that stayed
    /// behind for long stretches (bench/results/2026-12-06-scale-handover.md).
    /// </para>
    /// </summary>
    internal static bool TryDefer(Action<object?> action, object? state)
    {
        if (deferred is not { } list)
        {
            return false;
        }

        list.Add((action, state));
        return true;
    }

    /// <summary>A new engine with its own thread (tests; the transport uses <see cref="Shared"/>); null where it does not apply.</summary>
    internal static EpollEngine? Create(bool inlineCompletions)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            return null;
        }

        int epfd;
        try
        {
            epfd = Native.EpollCreate1(Native.EPOLL_CLOEXEC);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        return epfd < 0 ? null : new EpollEngine(epfd, inlineCompletions);
    }

    private static EpollEngine? TryCreate() =>
        Environment.GetEnvironmentVariable(DisableVariable) is "0" or "false" ? null : Create(IsInlineRequested());

    private static bool IsInlineRequested() =>
        Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));

    private unsafe void Loop()
    {
        var events = (Native.EpollEvent*)NativeMemory.Alloc(MaxEvents, (nuint)sizeof(Native.EpollEvent));
        var batch = deferred = [];
        while (true)
        {
            var n = Native.EpollWait(epfd, events, MaxEvents, -1);
            if (n < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Native.EINTR)
                {
                    continue;
                }

                throw Native.Error(errno);
            }

            var table = Volatile.Read(ref slots);
            for (var i = 0; i < n; i++)
            {
                var data = events[i].Data;
                var slot = (int)(uint)data;
                if (slot < table.Length && table[slot] is { } socket && socket.Generation == (uint)(data >> 32))
                {
                    socket.OnEvents(events[i].Events);
                }
            }

            if (batch.Count > 0)
            {
                WorkShares.Release(batch);
            }
        }
    }
}
