using System.Globalization;
using System.Text;

namespace LoadHarness.Cli.Output;

/// <summary>Where a run writes: <c>--out DIR</c> as given, else <c>&lt;ReportFolder&gt;/&lt;TestName&gt;/&lt;UTC yyyyMMdd-HHmmss&gt;/</c>.</summary>
internal static class ReportFolder
{
    public static string Resolve(string? outOption, string reportFolder, string testName, DateTimeOffset utcNow) =>
        Path.GetFullPath(outOption ?? Path.Combine(reportFolder, SafeName(testName), utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)));

    public static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(invalid.Contains(c) || c == ' ' ? '_' : c);
        }

        return builder.Length == 0 ? "test" : builder.ToString();
    }
}
