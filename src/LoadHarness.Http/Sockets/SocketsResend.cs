namespace LoadHarness.Http.Sockets;

/// <summary>
/// Whether the exchange sends a request again after SocketsHttpHandler failed it on a kept-alive connection the server
/// had closed (<see cref="KeepAliveGuardStream"/>): nothing of it sent, always (as often as pooled connections turn out
/// closed); sent but no byte of the response back, once, for an idempotent request, counted in
/// <see cref="HttpRetries"/>. The raw transport makes the same decisions in its own loop.
/// </summary>
internal static class SocketsResend
{
    /// <summary>
    /// Each unsent attempt drops the pooled connection it found closed (a new connection is never refused), so this only
    /// bounds a pathological loop; a pool of HTTP/1.0 connections the server is closing may need many.
    /// </summary>
    private const int MaxUnsent = 10_000;

    public static bool Allows(HttpRequestException e, HttpRequestTemplate template, CancellationToken token, ref int unsent, ref bool retried, string scenario, string step)
    {
        if (token.IsCancellationRequested || ReusedConnectionClosedException.Find(e) is not { } closed)
        {
            return false;
        }

        if (!closed.RequestSent)
        {
            return ++unsent <= MaxUnsent;
        }

        if (retried || !template.Idempotent)
        {
            return false;
        }

        retried = true;
        HttpRetries.Count(scenario, step);
        return true;
    }
}
