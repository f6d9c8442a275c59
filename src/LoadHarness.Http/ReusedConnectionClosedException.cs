namespace LoadHarness.Http;

/// <summary>
/// A kept-alive connection the server had closed (an idle timeout, an HTTP/1.0 answer, a connection limit): found out
/// before anything of the request was sent (<see cref="RequestSent"/> false: sending it again is always safe), or after
/// it was sent and before any byte of the response came back (safe only for an idempotent request). Its kind stays
/// the one of the failure ("response ended", or "connection reset" when the server reset it).
/// </summary>
internal sealed class ReusedConnectionClosedException : HttpIOException
{
    public ReusedConnectionClosedException(bool requestSent, Exception? innerException)
        : base(HttpRequestError.ResponseEnded, requestSent
            ? "the server closed a kept-alive connection after the request was sent, before any byte of the response"
            : "the server had closed the kept-alive connection; nothing of the request was sent", innerException)
    {
        RequestSent = requestSent;
    }

    public bool RequestSent { get; }

    /// <summary>This exception in <paramref name="exception"/>'s chain, or null.</summary>
    public static ReusedConnectionClosedException? Find(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ReusedConnectionClosedException closed)
            {
                return closed;
            }
        }

        return null;
    }
}
