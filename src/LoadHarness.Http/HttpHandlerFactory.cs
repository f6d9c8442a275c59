using System.Diagnostics;
using System.Net.Security;

namespace LoadHarness.Http;

/// <summary>Creates the one <see cref="SocketsHttpHandler"/> a target uses, tuned for generating load.</summary>
public static class HttpHandlerFactory
{
    public static SocketsHttpHandler CreateHandler(HttpTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = options.FollowRedirects,
            AutomaticDecompression = options.AutomaticDecompression,
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = options.ConnectTimeout,
            // A header value beyond ASCII is sent as UTF-8, as the raw transport and Go's client (k6) send it; without a
            // selector every such request failed with "Request headers must contain only ASCII characters".
            RequestHeaderEncodingSelector = static (_, _) => System.Text.Encoding.UTF8,
            // Injecting trace headers would mutate requests that VUs reuse; a load generator does not trace itself.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
            // HTTP/1.x connections are watched, so a kept-alive one the server closed is told apart from a failed request.
            PlaintextStreamFilter = static (context, _) =>
                ValueTask.FromResult(context.NegotiatedHttpVersion.Major == 1 ? new Sockets.KeepAliveGuardStream(context.PlaintextStream) : context.PlaintextStream),
        };
        if (options.AcceptAnyServerCertificate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
        }

        return handler;
    }
}
