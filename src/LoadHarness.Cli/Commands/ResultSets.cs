using LoadHarness.Reporting.Compare;

namespace LoadHarness.Cli.Commands;

/// <summary>
/// Result files named on the command line for compare and trend: a file is read as it is, a folder gives every
/// <c>result.json</c> below it (recursively, in path order). A missing path, an empty folder or a file that is not a
/// result.json is invalid input (exit 2), named.
/// </summary>
internal static class ResultSets
{
    public const string ResultFileName = "result.json";

    public static async Task<IReadOnlyList<ComparedRun>> ReadAsync(IEnumerable<string> paths, string role, CancellationToken cancellationToken)
    {
        var runs = new List<ComparedRun>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, ResultFileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                {
                    throw new CliInputException($"{role} {path}: no {ResultFileName} in this folder or below it");
                }

                foreach (var file in files)
                {
                    runs.Add(new ComparedRun(file, await ResultFiles.ReadAsync(file, cancellationToken).ConfigureAwait(false)));
                }
            }
            else
            {
                runs.Add(new ComparedRun(path, await ResultFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }

        return runs;
    }
}
