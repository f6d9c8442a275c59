using System.CommandLine;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;

namespace LoadHarness.Cli.Commands.Validate;

/// <summary><c>loadharness validate --config file</c>: every problem of the config at once (exit 2), or a one-line OK (exit 0).</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config(required: true);
        var command = new Command("validate", "Check a config without running it and print every problem with its JSON path and line.\n\n"
            + "Examples:\n"
            + "  loadharness validate --config nbomber-config.json")
        {
            config,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config);
            var load = CliCatalog.Loader(CliCatalog.Create()).Load(path, ConfigOverrides.None);
            if (!load.IsValid)
            {
                ProblemPrinter.Print(cli, path, load.Problems);
                return ExitCodes.InvalidInput;
            }

            var queries = BenchQueries.QueriesConfigReader.Read(path);
            if (queries.Problems.Count > 0)
            {
                ProblemPrinter.Print(cli, path, queries.Problems);
                return ExitCodes.InvalidInput;
            }

            var settings = load.Settings!;
            cli.Out.WriteLine($"{path}: OK: {settings.TestSuite}/{settings.TestName}, scenarios {string.Join(", ", settings.TargetScenarios)}; "
                + $"reports {string.Join(", ", settings.ReportFormats)} into {settings.ReportFolder}/"
                + (settings.UsesEmbeddedTarget ? "; no Target: the embedded PostgreSQL and sample API will be started" : ""));
            return ExitCodes.Passed;
        });
        return command;
    }
}
