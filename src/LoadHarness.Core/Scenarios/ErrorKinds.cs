using System.Globalization;

namespace LoadHarness.Core.Scenarios;

/// <summary>The error kinds the engine itself assigns.</summary>
public static class ErrorKinds
{
    public const string Timeout = "timeout";

    public const string Error = "error";

    /// <summary>
    /// A request still without an answer when its VU was interrupted after waiting the whole GracefulStop (at the end
    /// of the run, a ramp-down or a stop). k6 drops such a request; here it is a failure.
    /// </summary>
    public const string Interrupted = "interrupted";

    private static readonly string[] StatusKinds = CreateStatusKinds();

    /// <summary>"status 500" for a status code, "error" for none; cached so a failure allocates nothing.</summary>
    public static string ForStatus(int statusCode) =>
        statusCode <= 0 ? Error
        : statusCode < StatusKinds.Length ? StatusKinds[statusCode]
        : "status " + statusCode.ToString(CultureInfo.InvariantCulture);

    public static string ForException(Exception exception) => exception.GetType().Name;

    private static string[] CreateStatusKinds()
    {
        var kinds = new string[600];
        for (var i = 1; i < kinds.Length; i++)
        {
            kinds[i] = "status " + i.ToString(CultureInfo.InvariantCulture);
        }

        return kinds;
    }
}
