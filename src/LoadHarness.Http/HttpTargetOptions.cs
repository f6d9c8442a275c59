using System.Net;

namespace LoadHarness.Http;

/// <summary>How the shared handler of a target is tuned. A record: targets with equal options share one handler.</summary>
public sealed record HttpTargetOptions
{
    // Before Default, which reads it (static fields initialise in order).
    /// <summary>"LoadHarness/0.1.0": what <see cref="UserAgent"/> is unless set (k6 sends "k6/1.3.0 (https://k6.io/)", hey "hey/0.0.1").</summary>
    public static readonly string DefaultUserAgent = "LoadHarness/" + (typeof(HttpTargetOptions).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0");

    public static readonly HttpTargetOptions Default = new();

    /// <summary>Time to open a TCP (and TLS) connection. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections are recycled after this long so DNS changes and load balancers are followed. Default 5 min.</summary>
    public TimeSpan PooledConnectionLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Idle connections are closed after this long. Default 1 min.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Connections per origin. By default as many as the open-file limit allows (<see cref="OpenFileLimit.DefaultMaxConnections"/>):
    /// each VU may hold its own connection, as real clients do, until sockets would run out; then requests wait for a free
    /// connection (the wait is part of their latency) instead of failing with "Too many open files". Both transports.
    /// </summary>
    public int MaxConnectionsPerServer { get; init; } = OpenFileLimit.DefaultMaxConnections;

    /// <summary>None by default (bytes are counted as sent on the wire); set e.g. GZip to make the client ask for and inflate it.</summary>
    public DecompressionMethods AutomaticDecompression { get; init; } = DecompressionMethods.None;

    /// <summary>Off by default: a redirect is a response of its own (3xx), counted as such.</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>Responses with a status at or above this are failures ("status 503"). Default 400.</summary>
    public int FailStatusFrom { get; init; } = 400;

    /// <summary>The HTTP version requests ask for. Default 1.1.</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;

    public HttpVersionPolicy VersionPolicy { get; init; } = HttpVersionPolicy.RequestVersionOrLower;

    /// <summary>Accept any TLS certificate (self-signed test environments only).</summary>
    public bool AcceptAnyServerCertificate { get; init; }

    /// <summary>
    /// <see cref="HttpTransport.Sockets"/> (the default of this C# API) or <see cref="HttpTransport.Raw"/>: the raw HTTP/1.1
    /// fast path for load tests where the generator's own CPU matters. Raw applies to <c>http://</c> URLs with HTTP/1.1, no
    /// redirects and no decompression; other requests of the target fall back to SocketsHttpHandler. Config-defined
    /// <c>Http</c> scenarios use raw unless they say <c>"Transport": "sockets"</c> (their default, <c>"auto"</c>, is raw
    /// with that fallback).
    /// </summary>
    public HttpTransport Transport { get; init; } = HttpTransport.Sockets;

    /// <summary>
    /// Raw transport on its epoll engine only: the continuations of this target's connections (the rest of the iteration
    /// after a response: checks, recording, the next request) run on the engine's one thread instead of the thread pool.
    /// Saves a thread hop per request, but every such connection then waits while that thread runs one continuation, so
    /// only for code that never blocks nor computes for long — the config's <c>Http</c> scenarios (no user code) set it
    /// by default (<see cref="RawInline.ForScenariosWithoutUserCode"/>). Off by default here.
    /// </summary>
    public bool InlineCompletions { get; init; }

    /// <summary>
    /// The User-Agent header of a request that sets none (neither its own headers nor the VU's), so the server's logs can
    /// tell load-test traffic, as k6's, hey's and ab's can be; null sends none (as wrk). Default <see cref="DefaultUserAgent"/>.
    /// </summary>
    public string? UserAgent { get; init; } = DefaultUserAgent;

    /// <summary>Bodies read for checks or on request are kept up to this size; the rest is drained and counted. Default 32 MiB.</summary>
    public int MaxBufferedBodyBytes { get; init; } = 32 * 1024 * 1024;
}
