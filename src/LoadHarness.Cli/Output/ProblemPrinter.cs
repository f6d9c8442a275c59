using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Output;

/// <summary>Prints every configuration problem, one per line (secrets masked).</summary>
internal static class ProblemPrinter
{
    public static void Print(CliContext cli, string? configPath, IReadOnlyList<ConfigProblem> problems)
    {
        cli.Problem($"{configPath ?? "configuration"}: {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:");
        foreach (var problem in problems)
        {
            cli.Problem("  " + problem);
        }
    }
}
