using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Output;

/// <summary>Prints every configuration problem, one per line (secrets masked).</summary>
internal static class ProblemPrinter
{
    /// <summary>
    /// A config's problems, or a quick run's (<paramref name="quickVerb"/> given: <c>run</c>, <c>capacity</c>) told by the
    /// flags that made the config, which stand where a file name would.
    /// </summary>
    public static void Print(CliContext cli, string? quickVerb, string? configPath, IReadOnlyList<ConfigProblem> problems)
    {
        if (quickVerb is null)
        {
            Print(cli, configPath, problems);
        }
        else
        {
            Print(cli, quickVerb + " --url", QuickRunConfig.AsFlags(problems));
        }
    }

    public static void Print(CliContext cli, string? configPath, IReadOnlyList<ConfigProblem> problems)
    {
        cli.Problem($"{configPath ?? "configuration"}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
        foreach (var problem in problems)
        {
            cli.Problem("  " + problem);
        }
    }
}
