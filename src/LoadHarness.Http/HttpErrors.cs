using System.Net.Sockets;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Http;

/// <summary>The error kind of a failed HTTP exchange: "timeout", "connection refused", "connection reset", ... or the exception's type name.</summary>
public static class HttpErrors
{
    public const string ConnectionRefused = "connection refused";
    public const string ConnectionReset = "connection reset";
    public const string ConnectTimeout = "connect timeout";
    public const string NameResolution = "name resolution";
    public const string Tls = "tls error";
    /// <summary>The server closed the connection (or one reused connection, twice) before any byte of the response.</summary>
    public const string ResponseEnded = "response ended";

    /// <summary>The head arrived, then the connection ended before the body did (shorter than its Content-Length, or its chunks).</summary>
    public const string TruncatedBody = "truncated body";
    public const string InvalidResponse = "invalid response";
    public const string ProtocolError = "protocol error";
    public const string Canceled = "canceled";

    /// <summary>
    /// The load generator had no local port left for a new connection (EADDRNOTAVAIL): the generator's limit, not the
    /// server's, so it has a kind of its own and <see cref="Describe"/> says so.
    /// </summary>
    public const string NoLocalPort = "no local port";

    /// <summary>
    /// <see cref="KindOf(Exception, CancellationToken)"/> of a request whose response head gave <paramref name="status"/>
    /// (0: none came): a response that ended after its head is a <see cref="TruncatedBody"/>.
    /// </summary>
    public static string KindOf(Exception exception, CancellationToken requestToken, int status)
    {
        var kind = KindOf(exception, requestToken);
        return status > 0 && ReferenceEquals(kind, ResponseEnded) ? TruncatedBody : kind;
    }

    /// <summary>The kind of <paramref name="exception"/>; a cancellation of <paramref name="requestToken"/> (the step's timeout) is "timeout".</summary>
    public static string KindOf(Exception exception, CancellationToken requestToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException oce)
        {
            return requestToken.IsCancellationRequested ? ErrorKinds.Timeout
                : oce.InnerException is TimeoutException ? ConnectTimeout
                : Canceled;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket && SocketKind(socket.SocketErrorCode) is { } kind)
            {
                return kind;
            }
        }

        var error = exception switch
        {
            HttpRequestException hre => hre.HttpRequestError,
            HttpIOException hio => hio.HttpRequestError,
            _ => HttpRequestError.Unknown,
        };
        return error switch
        {
            HttpRequestError.NameResolutionError => NameResolution,
            HttpRequestError.SecureConnectionError => Tls,
            HttpRequestError.ResponseEnded => ResponseEnded,
            HttpRequestError.InvalidResponse => InvalidResponse,
            HttpRequestError.HttpProtocolError or HttpRequestError.VersionNegotiationError => ProtocolError,
            _ => ErrorKinds.ForException(exception),
        };
    }

    /// <summary>
    /// The messages of <paramref name="exception"/> and its inner exceptions, each once: .NET's outer message often only
    /// says "see inner exception" (a TLS failure's cause, an untrusted certificate, is two levels down). A TLS error adds
    /// how to accept a test server's self-signed certificate.
    /// </summary>
    public static string Describe(Exception exception, string kind)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>(3);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var message = e.Message.Replace(", see inner exception.", ".", StringComparison.Ordinal).Replace(" See the inner exception for details.", "", StringComparison.Ordinal).Trim();
            if (message.Length > 0 && !parts.Exists(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        var text = string.Join(" ", parts);
        return ReferenceEquals(kind, Tls) && text.Contains("certificate", StringComparison.OrdinalIgnoreCase)
            ? text + " (a test server's self-signed certificate: \"AcceptAnyServerCertificate\": true in the Http section, --insecure-skip-tls-verify on a quick run)"
            : ReferenceEquals(kind, NoLocalPort)
            ? text + " (the load generator ran out of local ports: its limit, not the server's. A closed connection holds its port "
                + "60 s in TIME_WAIT: keep connections alive, or add ports: sysctl net.ipv4.ip_local_port_range, net.ipv4.tcp_tw_reuse=1)"
            : text;
    }

    private static string? SocketKind(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => ConnectionRefused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ConnectionReset,
        SocketError.TimedOut => ConnectTimeout,
        SocketError.AddressNotAvailable => NoLocalPort,
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => NameResolution,
        _ => null,
    };
}
