using System.CommandLine;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Reporting;

namespace LoadHarness.Cli.Commands.Report;

/// <summary><c>loadharness report result.json</c>: re-render every report format from a result.json (no run needed).</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<string>("result.json") { Description = "A result.json written by run or merge, or the run's folder that holds it." };
        var formats = CommonOptions.Formats("Formats to render (default: html, md, csv, txt, junit).");
        var output = CommonOptions.Out("Folder to write into (default: the folder of result.json).");
        var command = new Command("report", "Re-render the reports (html, md, csv, txt, junit, png) from a result.json.\n\n"
            + "Examples:\n"
            + "  loadharness report reports/day16/20250101-120000/result.json\n"
            + "  loadharness report reports/day16/20250101-120000   (the run's folder: the reports are written back into it)\n"
            + "  loadharness report result.json --formats md,junit --out ci-reports")
        {
            file, formats, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = ResultFiles.Resolve(parse.GetValue(file)!);
            var result = await ResultFiles.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            var names = CommonOptions.List(parse.GetValue(formats)) ?? [.. ReportFormats.Known.Where(f => f != ReportFormats.Png)];
            var unknown = names.Where(n => !ReportFormats.IsKnown(n)).ToArray();
            if (unknown.Length > 0)
            {
                throw new CliInputException($"--formats: unknown report format '{unknown[0]}' (known: {string.Join(", ", ReportFormats.Known)})");
            }

            var folder = Path.GetFullPath(parse.GetValue(output) ?? Path.GetDirectoryName(Path.GetFullPath(path))!);
            var outcomes = await ReportWriterSet.ForFormats(names).WriteAsync(result, folder, cancellationToken).ConfigureAwait(false);
            ReportOutcomes.Print(cli, outcomes);
            cli.Out.WriteLine($"reports: {folder}");
            return outcomes.All(o => o.Succeeded) ? ExitCodes.Passed : ExitCodes.HarnessError;
        });
        return command;
    }
}
