using System.CommandLine;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting;
using LoadHarness.Reporting.Merge;

namespace LoadHarness.Cli.Commands.Merge;

/// <summary>
/// <c>loadharness merge a/result.json b/result.json ...</c>: adds the segments' results (exact percentiles from the
/// histograms) and judges the thresholds on the merged result: the config's when given, else those found in the inputs.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext cli)
    {
        var files = new Argument<string[]>("result.json") { Description = "The segments' result.json files.", Arity = ArgumentArity.OneOrMore };
        var config = CommonOptions.Config();
        var output = CommonOptions.Out("Folder for the merged result.json and reports (default: reports/<TestName>/<UTC timestamp>-merged).");
        var formats = CommonOptions.Formats("Report formats besides result.json (default: the config's, else html, md, csv, junit).");
        var allowPartial = new Option<bool>("--allow-partial")
        {
            Description = "Merge even when the results are not one test's whole load (segments missing or doubled, never run at the same time, or of different tests): the result is marked partial and never passes the gate (exit 99).",
        };
        var command = new Command("merge", "Merge the result.json of several execution segments into one result and gate on its thresholds (exit 99 if crossed).\n\n"
            + "The segments must add up to the whole test (0:1) exactly and have run at the same time; a missing or doubled segment, "
            + "one that ended before another began (an earlier run's result.json), or results of different tests, is refused (exit 2) unless --allow-partial.\n\n"
            + "Examples:\n"
            + "  loadharness merge /results/segment-*/result.json --config nbomber-config.json --out /results/merged")
        {
            files, config, output, formats, allowPartial,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var results = new List<RunResult>();
            foreach (var path in parse.GetValue(files)!)
            {
                results.Add(await ResultFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false));
            }

            IReadOnlyList<string> coverage = [.. SegmentCoverage.Problems(results.SelectMany(r => r.Segments)), .. SegmentCoverage.NotTogether(results)];
            if (coverage.Count > 0 && !parse.GetValue(allowPartial))
            {
                throw new CliInputException("merge: the results are not one test's whole load: " + string.Join("; ", coverage)
                    + ". Merge every segment's result.json, or pass --allow-partial (the result is marked partial and never passes the gate).");
            }

            var configPath = parse.GetValue(config);
            RunSettings? settings = null;
            if (configPath is not null)
            {
                var load = CliCatalog.Loader(CliCatalog.Create()).Load(configPath, new ConfigOverrides { ReportFormats = CommonOptions.List(parse.GetValue(formats)) });
                if (!load.IsValid)
                {
                    ProblemPrinter.Print(cli, configPath, load.Problems);
                    return ExitCodes.InvalidInput;
                }

                settings = load.Settings!;
            }

            // Judged once, on the merged result: the config's thresholds for the scenarios that list some, the inputs' own for the rest.
            var merged = ResultMerger.Merge(results, settings?.Scenarios.Where(s => s.HasThresholds).SelectMany(s => s.Thresholds).ToArray());
            // Judged again on the sum, a figure with no data says why, from the segments' own notes (as a run's does).
            merged = merged with { Thresholds = Run.NoDataReasons.Explain(merged.Thresholds, merged.Sections) };
            if (coverage.Count > 0)
            {
                merged = ResultMerger.MarkPartial(merged, coverage);
                cli.Problem("merge: PARTIAL result (" + string.Join("; ", coverage) + "): it cannot pass the gate");
            }

            if (SegmentCoverage.StartedApart(results) is { } apart)
            {
                cli.Out.WriteLine("note: " + apart);
            }

            var names = CommonOptions.List(parse.GetValue(formats)) ?? settings?.ReportFormats ?? ReportFormats.Default;
            var folder = parse.GetValue(output) is { } o ? Path.GetFullPath(o)
                : ReportFolder.Resolve(null, settings?.ReportFolder ?? "reports", merged.Test.TestName, DateTimeOffset.UtcNow, "-merged");
            RunSummary.Write(cli.Out, merged);
            var (saved, asAsked) = await ReportSaving.WriteAsync(cli, merged, folder, names).ConfigureAwait(false);
            var exit = !merged.Passed ? ExitCodes.ThresholdCrossed : asAsked ? ExitCodes.Passed : ExitCodes.ReportsNotWritten;
            cli.Out.WriteLine($"merged {results.Count} results ({string.Join(", ", merged.Segments)}); {(merged.Thresholds.Count == 0 ? "no thresholds to judge" : merged.Passed ? "thresholds passed" : "threshold crossed")}; exit {exit}; {(saved is null ? "result not saved (see above)" : "reports: " + saved)}");
            return exit;
        });
        return command;
    }
}
