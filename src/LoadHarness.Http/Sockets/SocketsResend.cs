namespace LoadHarness.Http.Sockets;

/// <summary>
/// Whether the exchange sends a request again after SocketsHttpHandler failed it on a kept-alive connection the server
/// had closed (<see cref="KeepAliveGuardStream"/>): nothing of it sent, always (a few times: each pooled connection may
/// be one the server closed); sent but no byte of the response back, once, for an idempotent request, counted in
/// <see cref="HttpRetries"/>. The raw transport makes the same decisions in its own loop.
/// </summary>
internal static class SocketsResend
{
    private const int MaxUnsent = 4;

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
