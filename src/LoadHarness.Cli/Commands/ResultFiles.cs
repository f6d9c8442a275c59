using System.Text.Json;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Commands;

/// <summary>Reads result.json files for report/merge/compare; a missing or malformed file is invalid input (exit 2) naming the line.</summary>
internal static class ResultFiles
{
    /// <summary>
    /// The result.json that <paramref name="path"/> names: itself, or inside it when it is a run's folder
    /// (`compare reports/a/ reports/b/`, as the console names the folder); a folder without one is invalid input.
    /// </summary>
    public static string Resolve(string path)
    {
        if (!Directory.Exists(path))
        {
            return path;
        }

        var inside = Path.Combine(path, "result.json");
        return File.Exists(inside) ? inside : throw new CliInputException($"{path}: a folder without a result.json (give a run's folder or its result.json)");
    }

    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken)
    {
        path = Resolve(path);
        if (!File.Exists(path))
        {
            throw new CliInputException($"{path}: file not found");
        }

        try
        {
            return QuickRunConfig.NamedByRequest(await RunResultJson.ReadAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            var reason = e.Message.Split(" Path:", 2)[0].ReplaceLineEndings(" ");
            throw new CliInputException($"{path}{where}: not a result.json: {(reason.Length > 160 ? reason[..160] + "…" : reason)}", e);
        }
    }
}
