using System.Text.Json;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Commands;

/// <summary>Reads result.json files for report/merge/compare; a missing or malformed file is invalid input (exit 2) naming the line.</summary>
internal static class ResultFiles
{
    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
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
