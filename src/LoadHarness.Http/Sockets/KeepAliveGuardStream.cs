using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace LoadHarness.Http.Sockets;

/// <summary>
/// The plaintext stream of one HTTP/1.x connection of SocketsHttpHandler (<see cref="SocketsHttpHandler.PlaintextStreamFilter"/>),
/// watched so that a kept-alive connection the server closed is reported as such instead of as a failed request:
/// <list type="bullet">
/// <item>the end of the stream, a reset or a broken pipe on a REUSED connection before any byte of the response
/// throws <see cref="ReusedConnectionClosedException"/> (the exchange sends an idempotent request again, counted);</item>
/// <item>a request about to go out on a connection the server already closed (its end of stream was seen while idle),
/// or after an HTTP/1.0 answer without <c>keep-alive</c> (RFC 9112 9.3: the server closes after it; SocketsHttpHandler
/// keeps such connections anyway), is not sent: the same exception, "nothing sent", and the exchange sends it elsewhere;</item>
/// <item>the end of the stream on a NEW connection before any byte of the response is "response ended", never
/// retried (SocketsHttpHandler would retry it silently up to three times).</item>
/// </list>
/// A request starts with a write that begins with a request line; the response's bytes are those read after it.
/// </summary>
internal sealed class KeepAliveGuardStream(Stream inner) : Stream
{
    private int requests;
    private long responseBytes;
    private volatile bool readSinceRequest = true;
    private volatile bool peerClosed;
    private volatile bool closeAfterResponse;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>No response byte has come back for the request in flight on a connection that served one before.</summary>
    private bool AwaitingReusedResponse => requests > 1 && Volatile.Read(ref responseBytes) == 0;

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return inner.ReadAsync(buffer, cancellationToken);
        }

        var read = inner.ReadAsync(buffer, cancellationToken);
        if (!read.IsCompletedSuccessfully)
        {
            return AwaitReadAsync(read, buffer);
        }

        try
        {
            return new ValueTask<int>(Received(read.Result, buffer.Span));
        }
        catch (HttpIOException e)
        {
            return ValueTask.FromException<int>(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return inner.Read(buffer);
        }

        try
        {
            return Received(inner.Read(buffer), buffer);
        }
        catch (Exception e) when (IsConnectionLoss(e) && AwaitingReusedResponse)
        {
            throw new ReusedConnectionClosedException(requestSent: true, e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (StartsRequest(buffer.Span) is { } refused)
        {
            return ValueTask.FromException(refused);
        }

        var write = inner.WriteAsync(buffer, cancellationToken);
        return write.IsCompletedSuccessfully ? default : AwaitWriteAsync(write);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (StartsRequest(buffer) is { } refused)
        {
            throw refused;
        }

        try
        {
            inner.Write(buffer);
        }
        catch (Exception e) when (IsConnectionLoss(e) && AwaitingReusedResponse)
        {
            throw new ReusedConnectionClosedException(requestSent: true, e);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A request line: <c>METHOD SP target SP HTTP/1.x CRLF</c> (a body written after a 100 Continue is none).</summary>
    internal static bool IsRequestLine(ReadOnlySpan<byte> data)
    {
        var space = data[..Math.Min(data.Length, 24)].IndexOf((byte)' ');
        if (space <= 0 || data[..space].ContainsAnyExceptInRange((byte)'A', (byte)'Z'))
        {
            return false;
        }

        var end = data.IndexOf("\r\n"u8);
        return end >= space + 10 && data.Slice(end - 9, 8).SequenceEqual(" HTTP/1."u8);
    }

    /// <summary>An HTTP/1.0 status line whose head (when it is all here) carries no <c>keep-alive</c>: the server closes after it.</summary>
    internal static bool ClosesAfterResponse(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith("HTTP/1.0 "u8))
        {
            return false;
        }

        var end = data.IndexOf("\r\n\r\n"u8);
        var head = end >= 0 ? data[..end] : data;
        for (var i = 0; i + 10 <= head.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(head.Slice(i, 10), "keep-alive"u8))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsConnectionLoss(Exception e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A write that starts a new request: counted, or refused (nothing sent) when the server already closed.</summary>
    private ReusedConnectionClosedException? StartsRequest(ReadOnlySpan<byte> data)
    {
        if (!readSinceRequest || !IsRequestLine(data))
        {
            return null;
        }

        if (requests > 0 && (peerClosed || closeAfterResponse))
        {
            return new ReusedConnectionClosedException(requestSent: false, null);
        }

        requests++;
        Volatile.Write(ref responseBytes, 0);
        readSinceRequest = false;
        return null;
    }

    /// <summary>Bookkeeping of a completed receive; the end of the stream before any response byte throws.</summary>
    private int Received(int read, ReadOnlySpan<byte> buffer)
    {
        readSinceRequest = true;
        if (read > 0)
        {
            if (requests > 0 && Volatile.Read(ref responseBytes) == 0)
            {
                closeAfterResponse = ClosesAfterResponse(buffer[..read]);
            }

            Volatile.Write(ref responseBytes, Volatile.Read(ref responseBytes) + read);
            return read;
        }

        if (requests > 0 && Volatile.Read(ref responseBytes) == 0)
        {
            throw requests > 1
                ? new ReusedConnectionClosedException(requestSent: true, null)
                : new HttpIOException(HttpRequestError.ResponseEnded, "the server closed the new connection without answering");
        }

        peerClosed = true;
        return 0;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> AwaitReadAsync(ValueTask<int> read, Memory<byte> buffer)
    {
        int count;
        try
        {
            count = await read.ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e) && AwaitingReusedResponse)
        {
            throw new ReusedConnectionClosedException(requestSent: true, e);
        }

        return Received(count, buffer.Span);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AwaitWriteAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e) when (IsConnectionLoss(e) && AwaitingReusedResponse)
        {
            throw new ReusedConnectionClosedException(requestSent: true, e);
        }
    }
}
