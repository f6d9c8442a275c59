using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LoadHarness.Core.Execution;

namespace LoadHarness.Http.Raw;

/// <summary>
/// The raw HTTP/1.1 transport of one <see cref="HttpExchange"/> (so one VU, one request at a time): a keep-alive
/// connection taken from the target's <see cref="RawConnectionPool"/> for each request, the VU's requests serialised
/// once, responses parsed in place and bodies drained without copies.
/// A request that finds its reused connection closed by the server (before any response byte) is sent once more on a
/// new connection when that is safe (see <see cref="SendAsync"/>).
/// </summary>
internal sealed class RawClient
{
    private const int MaxCachedRequests = 64;

    /// <summary>Written concurrently by every drain and never read: only the byte counts matter.</summary>
    private static readonly byte[] Scratch = GC.AllocateUninitializedArray<byte>(64 * 1024, pinned: true);

    private readonly Dictionary<HttpRequestTemplate, (byte[] Bytes, int Version, RawConnectionPool Pool)> requests = new(ReferenceEqualityComparer.Instance);
    private readonly RawResponseReader reader;
    private byte[] body = [];
    private int bodyLength;

    public RawClient() => reader = new RawResponseReader(this);

    /// <summary>The body kept by the last request that asked for it.</summary>
    public ReadOnlySpan<byte> Body => body.AsSpan(0, bodyLength);

    public byte[] BodyBuffer => body;

    public int BodyLength => bodyLength;

    /// <summary>The last response's headers, when it was asked for them (the caller disposes it).</summary>
    public HttpResponseMessage? Headers { get; private set; }

    public static bool Supports(HttpTargetOptions options, Uri uri) =>
        options.Transport == HttpTransport.Raw && Unsupported(options, uri) is null;

    /// <summary>What the raw transport cannot do for this request (it then goes through SocketsHttpHandler), or null.</summary>
    public static string? Unsupported(HttpTargetOptions options, Uri uri) =>
        uri.Scheme != Uri.UriSchemeHttp ? "https (the raw transport speaks plain http:// only)"
        : options.HttpVersion.Major != 1 ? $"HTTP/{options.HttpVersion.Major} (the raw transport speaks HTTP/1.x only)"
        : options.FollowRedirects ? "FollowRedirects"
        : options.AutomaticDecompression != System.Net.DecompressionMethods.None ? "Decompress"
        : null;

    public void ReleaseBody(int maxRetained)
    {
        bodyLength = 0;
        if (body.Length > maxRetained)
        {
            body = [];
        }
    }

    /// <summary>
    /// Sends the request and reads its response; returns the status and the body bytes (decoded from chunks). A reused
    /// connection that turns out closed by the server before any byte of the response came back is replaced by a new
    /// one: silently when nothing of the request was sent, else once and only for an idempotent request
    /// (<see cref="HttpRequestTemplate.Idempotent"/>), which <see cref="Retried"/> then says.
    /// </summary>
    [AsyncMethodBuilder(typeof(PooledValueTaskMethodBuilder<>))]
    public async ValueTask<(int Status, long Bytes)> SendAsync(HttpRequestTemplate template, HttpVuState vu, bool needBody, bool needHeaders, CancellationToken token)
    {
        var (request, pool) = RequestFor(template, vu);
        var options = template.Target.Options;
        bodyLength = 0;
        HeadStatus = 0;
        Retried = false;
        Headers = null;
        var fresh = false;
        while (true)
        {
            token.ThrowIfCancellationRequested();
            var conn = await pool.RentAsync(token, fresh).ConfigureAwait(false);
            var reused = conn.Uses > 0;
            var exchange = reader.Reset(conn, needBody ? options.MaxBufferedBodyBytes : -1);
            var registration = token.CanBeCanceled ? token.UnsafeRegister(static s => ((RawConnection)s!).Abort(), conn) : default;
            try
            {
                await conn.SendAsync(request).ConfigureAwait(false);
                RawHead head;
                while (!exchange.TryReadHead(out head))
                {
                    exchange.Received(await conn.ReceiveMoreAsync(allowGrow: true).ConfigureAwait(false));
                }

                HeadStatus = head.Status;
                if (needHeaders)
                {
                    Headers = RawHead.ToMessage(conn.Buffer.AsSpan(conn.Start - head.Length, head.Length), head.Status);
                }

                var bytes = await exchange.ReadBodyAsync(head, template.Method == HttpMethod.Head).ConfigureAwait(false);
                conn.Uses++;
                if (exchange.MustClose || conn.Buffered > 0)
                {
                    pool.Discard(conn);
                }
                else
                {
                    pool.Return(conn);
                }

                return (head.Status, bytes);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                pool.Discard(conn);
                if (token.IsCancellationRequested)
                {
                    throw new OperationCanceledException("the request was canceled (timeout or stop)", e, token);
                }

                // A fresh connection's failure is the server's answer; so is a second one, or one after response bytes.
                if (reused && !fresh && !exchange.GotBytes && IsConnectionLoss(e) && (!conn.SentAny || template.Idempotent))
                {
                    Retried = conn.SentAny;
                    fresh = true;
                    continue;
                }

                throw;
            }
            finally
            {
                registration.Dispose();
            }
        }
    }

    /// <summary>The last request was sent a second time, on a new connection (<see cref="SendAsync"/>).</summary>
    public bool Retried { get; private set; }

    /// <summary>The status of the last response's head, 0 until it arrived (a body that fails after it keeps it).</summary>
    public int HeadStatus { get; private set; }

    /// <summary>Body bytes a check or the caller wants kept (up to <paramref name="max"/>; the rest is only counted).</summary>
    internal void Keep(ReadOnlySpan<byte> data, int max)
    {
        var take = Math.Min(data.Length, max - bodyLength);
        if (take <= 0)
        {
            return;
        }

        if (bodyLength + take > body.Length)
        {
            Array.Resize(ref body, (int)Math.Min(max, Math.Max(Math.Max(1024L, (long)body.Length * 2), bodyLength + take)));
        }

        data[..take].CopyTo(body.AsSpan(bodyLength));
        bodyLength += take;
    }

    internal static Memory<byte> ScratchMemory(long remaining) => Scratch.AsMemory(0, (int)Math.Min(remaining, Scratch.Length));

    private static bool IsConnectionLoss(Exception e) =>
        e is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
        || (e is SocketException s && s.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown);

    /// <summary>The request's bytes and its origin's pool, cached per template (one lookup per request, none per retry).</summary>
    private (byte[] Bytes, RawConnectionPool Pool) RequestFor(HttpRequestTemplate template, HttpVuState vu)
    {
        if (requests.TryGetValue(template, out var cached) && cached.Version == vu.Version)
        {
            return (cached.Bytes, cached.Pool);
        }

        var bytes = RawRequestWriter.Serialise(template, vu);
        var pool = template.Target.RawPool(template.Uri);
        if (!template.IsEphemeral && (requests.Count < MaxCachedRequests || requests.ContainsKey(template)))
        {
            requests[template] = (bytes, vu.Version, pool);
        }

        return (bytes, pool);
    }
}
