using System.Globalization;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Results;
using LoadHarness.Reporting;

namespace LoadHarness.Cli.Output;

/// <summary>
/// Writes the reports of a finished run and never loses its result: when result.json cannot be written to the report
/// folder (not writable, a file in the way), it is saved to a temp folder instead and the console says where, and how to
/// render the reports from it later.
/// </summary>
internal static class ReportSaving
{
    /// <summary>Writes every format; returns the folder that holds result.json (null: none could) and whether it is the one asked for.</summary>
    /// <param name="tempRoot">Where the fallback folders go (default: the system's temp folder; tests give their own).</param>
    public static async Task<(string? Folder, bool AsAsked)> WriteAsync(CliContext cli, RunResult result, string folder, IEnumerable<string> formats, string? tempRoot = null)
    {
        var outcomes = await ReportWriterSet.ForFormats(formats).WriteAsync(result, folder, CancellationToken.None).ConfigureAwait(false);
        ReportOutcomes.Print(cli, outcomes);
        if (outcomes[0].Succeeded)
        {
            return (folder, true);
        }

        // A folder of this user's (a shared /tmp/loadharness-results another user made first is not writable), then one
        // nobody has made yet.
        // The test's name (a quick run's, its request: "quick-GET__api_health"), the time and the process.
        var test = result.Test.TestSuite == QuickRunConfig.TestSuite ? $"{QuickRunConfig.TestSuite}-{result.Test.TestName}" : result.Test.TestName;
        var name = string.Create(CultureInfo.InvariantCulture, $"{Safe(test)}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        string[] fallbacks =
        [
            Path.Combine(tempRoot ?? Path.GetTempPath(), "loadharness-results-" + Safe(Environment.UserName), name),
            Path.Combine(tempRoot ?? Path.GetTempPath(), "loadharness-" + Path.GetRandomFileName(), name),
        ];
        var errors = new List<string>();
        foreach (var fallback in fallbacks)
        {
            var saved = await new ReportWriterSet([]).WriteAsync(result, fallback, CancellationToken.None).ConfigureAwait(false);
            if (saved[0].Succeeded)
            {
                cli.Problem($"could not write the reports to {folder}; the result is saved to {fallback}/result.json "
                    + $"(render the reports with: loadharness report {fallback}/result.json --out <folder>)");
                return (fallback, false);
            }

            errors.Add($"{fallback}: {saved[0].Error!.Message}");
        }

        cli.Problem($"could not write result.json to {folder} nor to a temp folder ({string.Join("; ", errors)})");
        return (null, false);
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
