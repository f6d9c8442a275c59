using System.CommandLine;
using LoadHarness.Cli.Output;
using LoadHarness.Reporting.Compare;

namespace LoadHarness.Cli.Commands.Compare;

/// <summary>
/// <c>loadharness compare BASE CAND</c> (or <c>compare CAND --baseline a.json b.json | folder</c>): noise-aware verdicts
/// per scenario, step and metric; thresholds and database health side by side; compare.md / .html / .json with --out.
/// Exit: 0 (always without --fail-on-regression), 99 a regression, 2 bad input or (with --fail-on-regression) runs that
/// are not comparable.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("result.json")
        {
            Description = "BASE CAND: the baseline and the candidate. With --baseline: the candidate run(s) only. A folder stands for every result.json below it.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var baseline = new Option<string[]>("--baseline")
        {
            Description = "Baseline run(s): result.json files or folders searched recursively. Several runs widen the noise estimate.",
            AllowMultipleArgumentsPerToken = true,
        };
        var tolerance = CommonOptions.Number("--fail-on-regression",
            "Exit 99 on a regression; PCT is the relative tolerance (default 10). A regression must also be beyond the absolute floor "
                + "and significant against the runs' own noise. Runs that are not comparable then exit 2.");
        var minChange = CommonOptions.Number("--min-change-ms",
            "The smallest latency change that matters, ms (default: 1 % of the scope's p(95) threshold, else 1 ms).");
        var output = CommonOptions.Out("Also write compare.md, compare.html and compare.json into this folder.");
        var command = new Command("compare", "Compare builds: is the candidate slower than the baseline, beyond noise?\n\n"
            + "Per scenario and step, p50/p95/p99/mean latency, RPS and error rate are judged improved, regressed, unchanged or\n"
            + "inconclusive: a regression is worse by more than the tolerance, by more than the floor, and significant (a 95 %\n"
            + "interval of the per-second change from a paired block bootstrap). Thresholds and database health are compared too.\n\n"
            + "Examples:\n"
            + "  loadharness compare main/result.json pr/result.json\n"
            + "  loadharness compare main/result.json pr/result.json --fail-on-regression 10 --out compare\n"
            + "  loadharness compare pr/result.json --baseline releases/v1.4.1/ --fail-on-regression 10 --out compare\n\n"
            + "A --baseline folder gives the runs below it of the candidate's test (TestSuite / TestName; a quick run's is its request).")
        {
            files, baseline, tolerance, minChange, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var failOn = parse.GetValue(tolerance);
            if (failOn is < 0 or > 1000 || (failOn is { } f && !double.IsFinite(f)))
            {
                throw new CliInputException($"--fail-on-regression: {failOn} is not a percentage from 0 to 1000");
            }

            var floor = parse.GetValue(minChange);
            if (floor is < 0 || (floor is { } m && !double.IsFinite(m)))
            {
                throw new CliInputException($"--min-change-ms: {floor} is not a number of milliseconds >= 0");
            }

            var (baselinePaths, candidatePaths) = Sides(parse.GetValue(files) ?? [], parse.GetValue(baseline));
            // A baseline folder may hold other tests' runs (reports/quick holds every quick run's request): only the
            // candidate's test is its baseline, as in trend.
            var candidates = await ResultSets.ReadAsync(candidatePaths, "candidate", cancellationToken).ConfigureAwait(false);
            var leftOut = new List<string>();
            var baselines = await ResultSets.ReadAsync(baselinePaths, "baseline", candidates[^1].Result.Test, leftOut, cancellationToken).ConfigureAwait(false);
            var options = new CompareOptions { TolerancePercent = failOn ?? 10, MinChangeMs = floor };
            var comparison = BuildComparison.Compute(baselines, candidates, options);
            comparison = comparison with { Notes = [.. leftOut, .. comparison.Notes] };
            await cli.Out.WriteAsync(ComparisonRenderer.Text(comparison)).ConfigureAwait(false);
            if (parse.GetValue(output) is { } folder)
            {
                var written = await CompareReport.WriteAsync(comparison, folder, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"wrote {string.Join(", ", written.Select(Path.GetFileName))} in {Path.GetFullPath(folder)}");
            }

            if (failOn is null)
            {
                return ExitCodes.Passed;
            }

            if (comparison.Outcome == ComparisonOutcome.NotComparable)
            {
                cli.Problem("compare: the runs are not comparable (see above); --fail-on-regression cannot judge them: exit 2");
                return ExitCodes.InvalidInput;
            }

            return comparison.Outcome == ComparisonOutcome.Regression ? ExitCodes.ThresholdCrossed : ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>Without --baseline: the first argument is the baseline, the rest candidates; with it, every argument is a candidate.</summary>
    private static (IReadOnlyList<string> Baselines, IReadOnlyList<string> Candidates) Sides(string[] files, string[]? baseline)
    {
        if (baseline is { Length: > 0 })
        {
            if (files.Length == 0)
            {
                throw new CliInputException("compare: name the candidate result.json (or folder) before --baseline, which takes every path after it: compare CAND --baseline A B C");
            }

            return (baseline, files);
        }

        if (files.Length < 2)
        {
            throw new CliInputException("compare: give a baseline and a candidate (compare BASE CAND), or the candidate with --baseline FILES|FOLDER");
        }

        return ([files[0]], files[1..]);
    }
}
