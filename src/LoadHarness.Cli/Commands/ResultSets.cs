using LoadHarness.Core.Results;
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

    public static Task<IReadOnlyList<ComparedRun>> ReadAsync(IEnumerable<string> paths, string role, CancellationToken cancellationToken) =>
        ReadAsync(paths, role, null, [], cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(IEnumerable{string}, string, CancellationToken)"/>; a folder's results of another test than
    /// <paramref name="test"/> (<see cref="Comparability.SameTest"/>) are left out, each folder's said in
    /// <paramref name="notes"/>, and a folder with none of that test is invalid input. A file named on its own is always
    /// read: the user chose it.
    /// </summary>
    public static async Task<IReadOnlyList<ComparedRun>> ReadAsync(
        IEnumerable<string> paths, string role, TestInfo? test, List<string> notes, CancellationToken cancellationToken)
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

                var others = new List<string>();
                var before = runs.Count;
                foreach (var file in files)
                {
                    var result = await ResultFiles.ReadAsync(file, cancellationToken).ConfigureAwait(false);
                    if (test is not null && !Comparability.SameTest(result.Test, test))
                    {
                        others.Add(Comparability.TestTitle(result.Test));
                        continue;
                    }

                    runs.Add(new ComparedRun(file, result));
                }

                if (runs.Count == before)
                {
                    throw new CliInputException($"{role} {path}: no {ResultFileName} of {Comparability.TestTitle(test!)} in this folder or below it "
                        + $"(it holds {string.Join(", ", others.Distinct(StringComparer.Ordinal).Take(3))})");
                }

                if (others.Count > 0)
                {
                    notes.Add($"{role} {path}: {others.Count} run(s) of other tests left out ({string.Join(", ", others.Distinct(StringComparer.Ordinal).Take(3))})");
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
