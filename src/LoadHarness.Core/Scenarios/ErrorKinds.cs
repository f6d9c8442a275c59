using System.Globalization;

namespace LoadHarness.Core.Scenarios;

/// <summary>The error kinds the engine itself assigns.</summary>
public static class ErrorKinds
{
    public const string Timeout = "timeout";

    public const string Error = "error";

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
