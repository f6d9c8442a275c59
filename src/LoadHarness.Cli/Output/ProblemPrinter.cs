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

    /// <summary>
    /// After a config's problems when no config file was read (none given, no nbomber-config.json in the current folder):
    /// the two ways to say what to load, so a first <c>loadharness run</c> is not left with a missing TargetScenarios.
    /// </summary>
    public static void NoConfigHint(CliContext cli, string verb) =>
        cli.Problem($"no config file was read: there is no nbomber-config.json in {Directory.GetCurrentDirectory()}. "
            + $"Give --config FILE, or --url URL for a quick run (e.g. loadharness {verb} --url http://127.0.0.1:8080/ "
            + (verb == "capacity" ? "--step-vus 10" : "--vus 10 --duration 30s") + $"); see `loadharness {verb} --help`");
}
