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

        var written = outcomes.Where(o => o.Succeeded).SelectMany(o => o.Files).Select(f => Path.GetFileName(f)!).ToArray();
        if (written.Length > 0)
        {
            cli.Out.WriteLine("wrote " + Listing(written));
        }
    }

    /// <summary>
    /// The files by name, the charts counted instead ("result.json, index.html, summary.md, stats.csv, junit.xml and 10
    /// charts (chart-*.svg)"): a dozen chart names made the line a paragraph.
    /// </summary>
    internal static string Listing(IReadOnlyList<string> names)
    {
        var charts = names.Where(n => n.StartsWith("chart-", StringComparison.Ordinal)).ToArray();
        if (charts.Length <= 2)
        {
            return string.Join(", ", names);
        }

        var kinds = string.Join(", ", charts.Select(Path.GetExtension).Distinct(StringComparer.Ordinal).Select(e => "chart-*" + e));
        var others = names.Where(n => !n.StartsWith("chart-", StringComparison.Ordinal)).ToArray();
        return (others.Length > 0 ? string.Join(", ", others) + " and " : "") + $"{charts.Length} charts ({kinds})";
    }
}
