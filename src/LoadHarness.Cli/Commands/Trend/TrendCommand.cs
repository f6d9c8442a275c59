using System.CommandLine;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Trend;

namespace LoadHarness.Cli.Commands.Trend;

/// <summary>
/// <c>loadharness trend reports/mytest/</c>: p50/p95/RPS/error rate per scenario across runs in time order, gates marked,
/// the latest run judged against the previous N comparable runs; trend.md printed, trend.html + trend.md with --out.
/// </summary>
internal static class TrendCommand
{
    public static Command Create(CliContext cli)
    {
        var inputs = new Argument<string[]>("result.json")
        {
            Description = "result.json files or folders (every result.json below them). Ordered by each run's start time.",
            Arity = ArgumentArity.OneOrMore,
        };
        var window = new Option<int>("--window")
        {
            Description = $"Judge the latest run against this many previous comparable runs (default {TrendAnalysis.DefaultWindow}).",
            DefaultValueFactory = _ => TrendAnalysis.DefaultWindow,
        };
        var tolerance = CommonOptions.Number("--fail-on-regression",
            "Exit 99 when the latest run regressed against the previous runs; PCT is the relative tolerance (default 10).");
        var minChange = CommonOptions.Number("--min-change-ms",
            "The smallest latency change that matters, ms (default: 1 % of the scope's p(95) threshold, else 1 ms).");
        var output = CommonOptions.Out("Write trend.html and trend.md into this folder.");
        var command = new Command("trend", "Runs over time: p50, p95, RPS and error rate per scenario, each run's gate, and the latest run judged\n"
            + "against the distribution of the previous runs (as compare --baseline with them). Runs are named by build label and commit.\n"
            + "The latest run's test is trended: runs of other tests (TestSuite / TestName; a quick run's is its request) are left out,\n"
            + "and so, beside whole runs, are execution segments' results (their merge is the run). Each is said in a note.\n\n"
            + "Examples:\n"
            + "  loadharness trend reports/day16_performance_audit/\n"
            + "  loadharness trend releases/ --window 10 --out trend\n"
            + "  loadharness trend history/ --fail-on-regression 10")
        {
            inputs, window, tolerance, minChange, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(window);
            if (n < 1)
            {
                throw new CliInputException($"--window: {n} is not a number of runs >= 1");
            }

            var failOn = parse.GetValue(tolerance);
            if (failOn is < 0 or > 1000)
            {
                throw new CliInputException($"--fail-on-regression: {failOn} is not a percentage from 0 to 1000");
            }

            var floor = parse.GetValue(minChange);
            if (floor is < 0)
            {
                throw new CliInputException($"--min-change-ms: {floor} is not a number of milliseconds >= 0");
            }

            var runs = await ResultSets.ReadAsync(parse.GetValue(inputs) ?? [], "trend", cancellationToken).ConfigureAwait(false);
            var trend = TrendAnalysis.Compute(runs, n, new CompareOptions { TolerancePercent = failOn ?? 10, MinChangeMs = floor });
            await cli.Out.WriteAsync(TrendMarkdown.Render(trend)).ConfigureAwait(false);
            if (parse.GetValue(output) is { } folder)
            {
                var written = await TrendReport.WriteAsync(trend, folder, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"wrote {string.Join(", ", written.Select(Path.GetFileName))} in {Path.GetFullPath(folder)}");
            }

            return failOn is not null && trend.Latest?.Outcome == ComparisonOutcome.Regression ? ExitCodes.ThresholdCrossed : ExitCodes.Passed;
        });
        return command;
    }
}
