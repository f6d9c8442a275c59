using System.Globalization;
using System.Text;

namespace LoadHarness.Cli.Output;

/// <summary>Where a run writes: <c>--out DIR</c> as given, else <c>&lt;ReportFolder&gt;/&lt;TestName&gt;/&lt;UTC yyyyMMdd-HHmmss&gt;/</c>.</summary>
internal static class ReportFolder
{
    /// <summary>The name of the file that claims a timestamped folder for one run (hidden, empty).</summary>
    public const string ClaimFile = ".loadharness-claim";

    /// <summary>
    /// <c>--out</c> as given; else a timestamped folder claimed for this run alone: two runs of one test started in the same
    /// second (parallel segments on one machine, two jobs in one workspace) wrote to one folder and one result was lost.
    /// The claim is a file created exclusively in the folder; a folder already claimed gets a suffix (<c>-2</c>, <c>-3</c>, ...).
    /// </summary>
    /// <param name="suffix">After the timestamp (<c>-merged</c>).</param>
    public static string Resolve(string? outOption, string reportFolder, string testName, DateTimeOffset utcNow, string suffix = "")
    {
        if (outOption is not null)
        {
            return Path.GetFullPath(outOption);
        }

        var stamped = Path.GetFullPath(Path.Combine(reportFolder, SafeName(testName), utcNow.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + suffix));
        for (var n = 1; ; n++)
        {
            var folder = n == 1 ? stamped : stamped + "-" + n.ToString(CultureInfo.InvariantCulture);
            try
            {
                Directory.CreateDirectory(folder);
                using (new FileStream(Path.Combine(folder, ClaimFile), FileMode.CreateNew, FileAccess.Write))
                {
                }

                return folder;
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, ClaimFile)) && n < 1000)
            {
                // Another run of this second has it: the next suffix.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return folder; // not writable: the report writer says so and saves the result elsewhere
            }
        }
    }

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
