using System.CommandLine;
using System.Globalization;
using LoadHarness.Cli.Commands;
using LoadHarness.Cli.Commands.Capacity;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Commands.Audit;
using LoadHarness.Cli.Commands.BenchQueries;
using LoadHarness.Cli.Commands.Compare;
using LoadHarness.Cli.Commands.Trend;
using LoadHarness.Cli.Commands.List;
using LoadHarness.Cli.Commands.Merge;
using LoadHarness.Cli.Commands.Report;
using LoadHarness.Cli.Commands.Validate;
using LoadHarness.Cli.Commands.Run;

namespace LoadHarness.Cli;

/// <summary>
/// The <c>loadharness</c> command: verbs <c>run</c>, <c>report</c>, <c>list</c>, <c>validate</c>, <c>merge</c>, <c>compare</c>, <c>trend</c>.
/// <see cref="RunAsync"/> is the real entry point (Program calls it with the console; tests with their writers and token).
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command; never throws: 0 passed, 99 threshold crossed, 2 invalid input, 130 interrupted, 1 harness error.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken, bool isTerminal = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var cli = new CliContext(output, error, isTerminal);
        cli.Verbose = args.Contains("--verbose", StringComparer.Ordinal);
        try
        {
            var root = BuildRoot(cli);
            // No response files: an argument that starts with @ is itself (--body @order.json names a body's file, as in curl),
            // not a file of more arguments spliced into the command line.
            var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (ParseProblems.Describe(parse) is { Count: > 0 } problems)
            {
                foreach (var message in problems)
                {
                    cli.Problem($"loadharness: {message}");
                }

                cli.Problem(ParseProblems.HelpHint(parse));
                return ExitCodes.InvalidInput;
            }

            var invocation = new InvocationConfiguration
            {
                Output = cli.Out,
                Error = cli.Err,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null, // the launcher owns the signals
            };
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliInputException e)
        {
            cli.Problem(e.Message);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cli.Problem("interrupted");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // the command's last line of defence: one line, the details in a log file
        catch (Exception e)
#pragma warning restore CA1031
        {
            var log = WriteErrorLog(e);
            cli.Problem($"loadharness: unexpected error: {e.GetType().Name}: {e.Message}" + (log is null ? "" : $" (details in {log}; --verbose prints them)"));
            if (cli.Verbose)
            {
                cli.Problem(e.ToString());
            }

            return ExitCodes.HarnessError;
        }
    }

    internal static RootCommand BuildRoot(CliContext cli)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print details of unexpected errors.", Recursive = true };
        var root = new RootCommand(
            "loadharness: staged load tests against an HTTP API and PostgreSQL, k6-style thresholds as a CI gate, reports.\n\n"
            + "Exit codes: 0 passed, 99 a threshold crossed, 2 invalid config/arguments/input, 130 interrupted, 1 harness error.\n\n"
            + "Examples:\n"
            + "  loadharness run --url http://127.0.0.1:8080/api/health --vus 10 --duration 30s --threshold \"p(95) < 500\"\n"
            + "  loadharness run --config nbomber-config.json\n"
            + "  loadharness validate --config nbomber-config.json\n"
            + "  loadharness list --config nbomber-config.json\n"
            + "  loadharness report reports/mytest/20250101-120000/result.json\n"
            + "  loadharness merge results/segment-*/result.json --config nbomber-config.json --out merged\n"
            + "  loadharness compare baseline/result.json candidate/result.json --fail-on-regression 10\n"
            + "  loadharness trend reports/mytest/ --out trend\n"
            + "  loadharness capacity --url http://127.0.0.1:8080/api/health --step-vus 20 --think 1s\n"
            + "  loadharness audit --connection-string \"Host=db;Database=app;Username=auditor;Password=...\"\n"
            + "  loadharness bench-queries -c nbomber-config.json --before-after\n\n"
            + "loadharness COMMAND --help shows a command's options and more examples.");
        root.Options.Add(verbose);
        root.Subcommands.Add(RunCommand.Create(cli));
        root.Subcommands.Add(ReportCommand.Create(cli));
        root.Subcommands.Add(ListCommand.Create(cli));
        root.Subcommands.Add(ValidateCommand.Create(cli));
        root.Subcommands.Add(MergeCommand.Create(cli));
        root.Subcommands.Add(CompareCommand.Create(cli));
        root.Subcommands.Add(AuditCommand.Create(cli));
        root.Subcommands.Add(BenchQueriesCommand.Create(cli));
        root.Subcommands.Add(CapacityCommand.Create(cli));
        root.Subcommands.Add(TrendCommand.Create(cli));
        return root;
    }

    private static string? WriteErrorLog(Exception e)
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), "loadharness-error-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".log");
            File.WriteAllText(path, Redactor.Text(e.ToString()));
            return path;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
