namespace LoadHarness.Http;

/// <summary>How a target's requests travel (<see cref="HttpTargetOptions.Transport"/>; config: <c>Http.Transport</c>).</summary>
public enum HttpTransport
{
    /// <summary>
    /// .NET's <see cref="SocketsHttpHandler"/>: every HTTP version, TLS, redirects, decompression. The default of the C#
    /// API (<see cref="HttpTargetOptions"/>); config-defined <c>Http</c> scenarios use it only with <c>"Transport": "sockets"</c>
    /// and for the requests raw cannot send.
    /// </summary>
    Sockets,

    /// <summary>
    /// The raw HTTP/1.1 fast path: keep-alive connections over plain sockets shared by the VUs, the request serialised once,
    /// the response parsed minimally (no allocation per request). For <c>http://</c> over HTTP/1.1 without redirects or
    /// decompression; anything else (https, HTTP/2, FollowRedirects, AutomaticDecompression) uses <see cref="Sockets"/>.
    /// The default of config-defined <c>Http</c> scenarios (<c>"Transport": "auto"</c>).
    /// </summary>
    Raw,
}
