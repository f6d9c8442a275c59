using System.Globalization;
using LoadHarness.Cli;

namespace LoadHarness.Scenarios.Tests;

/// <summary>The <c>loadharness</c> command run in process (as ./run.sh runs it), with its output for assertion messages.</summary>
internal static class CliRuns
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        // Off xUnit's synchronization context (it runs continuations on as many threads as there are cores): the
        // command must see the plain thread pool, as it does from ./run.sh.
        var exitCode = await Task.Run(() => CliApp.RunAsync(args, output, error, timeout.Token));
        return (exitCode, $"exit {exitCode}\n{output}\n{error}");
    }

    public static string TempFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lh-scenarios-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "nbomber-config.json")) && File.Exists(Path.Combine(dir.FullName, "LoadHarness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (nbomber-config.json) was not found above " + AppContext.BaseDirectory);
    }
}
