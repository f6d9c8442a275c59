using System.Text.Json;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Commands;

/// <summary>Reads result.json files for report/merge/compare; a missing or malformed file is invalid input (exit 2) naming the line.</summary>
internal static class ResultFiles
{
    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        // A run's folder stands for its result.json (`compare reports/a/ reports/b/`), as the console names the folder.
        if (Directory.Exists(path))
        {
            var inside = Path.Combine(path, "result.json");
            path = File.Exists(inside) ? inside : throw new CliInputException($"{path}: a folder without a result.json (give a run's folder or its result.json)");
        }

        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found");
        }

        try
        {
            return await RunResultJson.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            var reason = e.Message.Split(" Path:", 2)[0].ReplaceLineEndings(" ");
            throw new CliInputException($"{path}{where}: not a result.json: {(reason.Length > 160 ? reason[..160] + "…" : reason)}", e);
        }
    }
}
