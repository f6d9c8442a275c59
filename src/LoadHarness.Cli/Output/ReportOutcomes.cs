using LoadHarness.Reporting;

namespace LoadHarness.Cli.Output;

/// <summary>Prints what each report writer wrote, or why it failed (the others have still written).</summary>
internal static class ReportOutcomes
{
    public static void Print(CliContext cli, IReadOnlyList<ReportWriteOutcome> outcomes)
    {
        foreach (var outcome in outcomes.Where(o => !o.Succeeded))
        {
            cli.Problem($"report {outcome.Format} failed: {outcome.Error!.GetType().Name}: {outcome.Error.Message}");
        }

        var written = outcomes.Where(o => o.Succeeded).SelectMany(o => o.Files).Select(Path.GetFileName).ToArray();
        if (written.Length > 0)
        {
            cli.Out.WriteLine($"wrote {string.Join(", ", written)}");
        }
    }
}
