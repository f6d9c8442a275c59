using System.Runtime.CompilerServices;
using LoadHarness.Core.Execution;

namespace LoadHarness.Http.Raw;

/// <summary>
/// Reads one response from a <see cref="RawConnection"/>: the head (skipping 1xx interim answers), then the body by
/// Content-Length, chunks or until the server closes. Body bytes are counted; kept only when asked (maxBody ≥ 0).
/// Reused by its <see cref="RawClient"/> for every request.
/// </summary>
internal sealed class RawResponseReader(RawClient owner)
{
    /// <summary>Bodies nobody reads bypass the connection buffer from this size on.</summary>
    private const int DirectDrainFrom = 8 * 1024;

    private RawConnection conn = null!;
    private int maxBody;

    /// <summary>Some response byte arrived (then a failure is not a stale keep-alive connection, so no retry).</summary>
    public bool GotBytes { get; private set; }

    /// <summary>The server asked to close, or the body ran until it closed.</summary>
    public bool MustClose { get; private set; }

    public RawResponseReader Reset(RawConnection connection, int maxBodyBytes)
    {
        conn = connection;
        maxBody = maxBodyBytes;
        GotBytes = false;
        MustClose = false;
        return this;
    }

    /// <summary>
    /// Parses the final head if it is buffered (skipping 1xx interim answers); leaves <see cref="RawConnection.Start"/>
    /// just after it. False: receive more (<see cref="RawConnection.ReceiveMoreAsync"/>, then <see cref="Received"/>)
    /// and call again. Synchronous, so the caller's loop is the only async frame waiting for the response.
    /// </summary>
    public bool TryReadHead(out RawHead head)
    {
        while (conn.Buffered > 0 && RawHead.TryParse(conn.Data, out head))
        {
            conn.Start += head.Length;
            if (head.Status is >= 100 and < 200 and not 101)
            {
                continue;
            }

            MustClose = head.Close;
            return true;
        }

        head = default;
        return false;
    }

    /// <summary>Takes in a receive made for the head; throws when the server closed the connection first.</summary>
    public void Received(int read)
    {
        if (!conn.Received(read))
        {
            throw Ended();
        }

        GotBytes = true;
    }

    /// <summary>Reads the body the head announces; returns its length in bytes (chunk framing excluded).</summary>
    public ValueTask<long> ReadBodyAsync(RawHead head, bool isHeadRequest)
    {
        if (isHeadRequest || head.Status is 204 or 304 or (>= 100 and < 200))
        {
            return ValueTask.FromResult(0L);
        }

        if (head.Chunked)
        {
            return ReadChunkedAsync();
        }

        if (head.ContentLength >= 0)
        {
            return ReadFixedAsync(head.ContentLength);
        }

        MustClose = true;
        return ReadToEndAsync();
    }

    private static HttpIOException Ended() => new(HttpRequestError.ResponseEnded, "the server closed the connection before the response ended");

    /// <summary>The connection ended inside the body (after the head: the exchange reports it as a truncated body).</summary>
    private static HttpIOException BodyEnded(long missing) => missing > 0
        ? new(HttpRequestError.ResponseEnded, $"the server closed the connection {missing} bytes before the end of the body")
        : new(HttpRequestError.ResponseEnded, "the server closed the connection inside a chunked body");

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReadFixedAsync(long length)
    {
        var remaining = length;
        while (remaining > 0)
        {
            if (conn.Buffered == 0)
            {
                if (maxBody < 0 && remaining >= DirectDrainFrom)
                {
                    var read = await conn.ReceiveDirectAsync(RawClient.ScratchMemory(remaining)).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw BodyEnded(remaining);
                    }

                    remaining -= read;
                    continue;
                }

                if (!await conn.FillAsync(allowGrow: false).ConfigureAwait(false))
                {
                    throw BodyEnded(remaining);
                }
            }

            var take = (int)Math.Min(remaining, conn.Buffered);
            Consume(take);
            remaining -= take;
        }

        return length;
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReadChunkedAsync()
    {
        long total = 0;
        while (true)
        {
            var size = RawHead.ChunkSize((await ReadLineAsync().ConfigureAwait(false)).Span);
            if (size == 0)
            {
                // Trailers, up to the empty line.
                while ((await ReadLineAsync().ConfigureAwait(false)).Length > 0)
                {
                }

                return total;
            }

            total += await ReadFixedAsync(size).ConfigureAwait(false);
            if ((await ReadLineAsync().ConfigureAwait(false)).Length != 0)
            {
                throw RawHead.Invalid("a chunk is longer than its size");
            }
        }
    }

    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private async ValueTask<long> ReadToEndAsync()
    {
        long total = 0;
        while (true)
        {
            if (conn.Buffered > 0)
            {
                total += conn.Buffered;
                Consume(conn.Buffered);
            }

            if (!await conn.FillAsync(allowGrow: false).ConfigureAwait(false))
            {
                return total;
            }
        }
    }

    /// <summary>The next line (CRLF or LF removed), as a copy-free view valid until the next read.</summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    private async ValueTask<ReadOnlyMemory<byte>> ReadLineAsync()
    {
        while (true)
        {
            var newline = conn.Data.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var start = conn.Start;
                var length = newline > 0 && conn.Buffer[start + newline - 1] == (byte)'\r' ? newline - 1 : newline;
                conn.Start += newline + 1;
                return conn.Buffer.AsMemory(start, length);
            }

            if (!await conn.FillAsync(allowGrow: true).ConfigureAwait(false))
            {
                throw BodyEnded(0);
            }
        }
    }

    private void Consume(int count)
    {
        if (maxBody >= 0)
        {
            owner.Keep(conn.Data[..count], maxBody);
        }

        conn.Start += count;
    }
}
