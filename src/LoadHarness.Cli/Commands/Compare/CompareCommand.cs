using System.CommandLine;
using LoadHarness.Reporting.Compare;
using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Output;

namespace LoadHarness.Cli.Commands.Compare;

/// <summary><c>loadharness compare baseline.json candidate.json</c>: per scenario and step deltas; exit 99 on a regression when asked.</summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var baseline = new Argument<string>("baseline.json") { Description = "The reference result.json." };
        var candidate = new Argument<string>("candidate.json") { Description = "The result.json to judge." };
        var tolerance = new Option<double?>("--fail-on-regression")
        {
            Description = "Exit 99 when a latency (mean/p50/p95/p99) grows, RPS falls or the error rate grows by more than this percent.",
        };
        var output = CommonOptions.Out("Also write compare.md into this folder.");
        var command = new Command("compare", "Compare two results (e.g. before/after a migration, or two builds).\n\n"
            + "Examples:\n"
            + "  loadharness compare main/result.json pr/result.json\n"
            + "  loadharness compare main/result.json pr/result.json --fail-on-regression 10 --out compare")
        {
            baseline, candidate, tolerance, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var basePath = parse.GetValue(baseline)!;
            var candidatePath = parse.GetValue(candidate)!;
            var failOn = parse.GetValue(tolerance);
            if (failOn is < 0)
            {
                throw new CliInputException("--fail-on-regression: must be a percentage >= 0");
            }

            var comparison = ResultComparison.Compute(
                basePath, await ResultFiles.ReadAsync(basePath, cancellationToken).ConfigureAwait(false),
                candidatePath, await ResultFiles.ReadAsync(candidatePath, cancellationToken).ConfigureAwait(false),
                failOn ?? 10);
            await cli.Out.WriteAsync(ComparisonRenderer.Text(comparison)).ConfigureAwait(false);
            if (parse.GetValue(output) is { } folder)
            {
                Directory.CreateDirectory(folder);
                var path = Path.Combine(Path.GetFullPath(folder), "compare.md");
                await File.WriteAllTextAsync(path, ComparisonRenderer.Markdown(comparison), cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"wrote {path}");
            }

            return failOn is not null && comparison.HasRegression ? ExitCodes.ThresholdCrossed : ExitCodes.Passed;
        });
        return command;
    }
}
