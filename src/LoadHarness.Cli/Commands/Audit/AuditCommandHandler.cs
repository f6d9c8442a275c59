using System.Globalization;
using LoadHarness.Cli.Commands.BenchQueries;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Postgres.Audit;
using LoadHarness.Postgres.QueryBench;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>
/// <c>loadharness audit</c>: resolves the database, audits it (lifetime counters, or the delta over <c>--interval</c>;
/// on the embedded sample the delta over the config's Queries run as traffic), prints it, writes audit.json/md/html.
/// Exit 0; 99 when <c>--fail-on</c> finds a finding that severe; 2 for a bad or unreachable connection.
/// </summary>
internal sealed class AuditCommandHandler(CliContext cli)
{
    public async Task<int> ExecuteAsync(AuditArguments arguments, CancellationToken cancellationToken)
    {
        var (settings, connectionString, exit) = DatabaseTarget.Resolve(cli, arguments.ConfigPath, arguments.ConnectionString);
        if (exit is { } invalid)
        {
            return invalid;
        }

        var (queries, problems) = QueriesConfigReader.Read(arguments.ConfigPath);
        if (problems.Count > 0)
        {
            ProblemPrinter.Print(cli, arguments.ConfigPath, problems);
            return ExitCodes.InvalidInput;
        }

        if (connectionString is null && arguments.Interval is not null)
        {
            cli.Problem("--interval needs a database with traffic of its own (--connection-string or Target.ConnectionString); "
                + "on the embedded sample the audited window is the config's Queries, run as traffic");
            return ExitCodes.InvalidInput;
        }

        if (connectionString is not null && arguments.WithoutIndexMigration)
        {
            cli.Problem("--without-index-migration applies to the embedded sample only (no --connection-string or Target.ConnectionString)");
            return ExitCodes.InvalidInput;
        }

        var options = new AuditOptions
        {
            Schemas = arguments.Schemas,
            BigTableRows = arguments.BigTableRows ?? new AuditOptions().BigTableRows,
        };
        string? lastLine = null;
        try
        {
            await using var target = await DatabaseTarget.OpenAsync(cli, settings, connectionString, arguments.WithoutIndexMigration, quiet: false, cancellationToken)
                .ConfigureAwait(false);
            var report = target.Embedded is null
                ? await PostgresAudit.RunAsync(target.ConnectionString, options, arguments.Interval, onWaiting: wait =>
                    cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first snapshot taken; the second in {wait.TotalSeconds:0.#} s (Ctrl+C stops)")),
                    cancellationToken: cancellationToken).ConfigureAwait(false)
                : await EmbeddedAuditAsync(target, queries, arguments.TrafficRuns, options, cancellationToken).ConfigureAwait(false);

            var where = target.Describe();
            AuditConsole.Print(cli.Out, report, where);
            var folder = ReportFolder.Resolve(arguments.OutFolder, settings?.ReportFolder ?? "reports", "audit", DateTimeOffset.UtcNow);
            var document = AuditDocumentMapper.Map(report, where, arguments.CommandLine());
            var files = await AuditDocumentWriter.WriteAsync(document, folder, CancellationToken.None).ConfigureAwait(false);
            var failed = arguments.FailOn is { } failOn && report.HasFindingsAtLeast(failOn);
            lastLine = $"audit: {AuditDocumentMapper.Counts(report)}"
                + (arguments.FailOn is { } level ? $"; --fail-on {level.ToString().ToLowerInvariant()}: {(failed ? "FAILED, exit 99" : "passed")}" : "")
                + $"; reports: {files.First(f => f.EndsWith(".html", StringComparison.Ordinal))} (and .json, .md)";
            return failed ? ExitCodes.ThresholdCrossed : ExitCodes.Passed;
        }
        catch (AuditConnectionException e)
        {
            cli.Problem("loadharness audit: " + e.Message);
            return ExitCodes.InvalidInput;
        }
        finally
        {
            // The last line names the reports, after the embedded database's shutdown line.
            if (lastLine is not null)
            {
                cli.Out.WriteLine();
                cli.Out.WriteLine(lastLine);
            }
        }
    }

    private async Task<AuditReport> EmbeddedAuditAsync(DatabaseTarget target, IReadOnlyList<BenchQuery> queries, int runs, AuditOptions options, CancellationToken ct)
    {
        var first = await PostgresAudit.SnapshotAsync(target.ConnectionString, options, ct).ConfigureAwait(false);
        if (queries.Count == 0)
        {
            cli.Out.WriteLine("no Queries in the config: nothing to send as traffic; the audit reports the seeding's counters");
            return AuditAnalyzer.Analyze(first, null, options);
        }

        cli.Out.WriteLine($"traffic: the config's {queries.Count} Queries, {runs} runs each (parameters from real rows, each run rolled back)");
        var executed = await QueryBenchRunner.RunTrafficAsync(target.ConnectionString, queries, runs, ct).ConfigureAwait(false);
        var second = await PostgresAudit.SnapshotAsync(target.ConnectionString, options, ct).ConfigureAwait(false);
        var report = AuditAnalyzer.Analyze(second, first, options);
        return report with
        {
            Notes = [$"Embedded sample: the window holds the config's Queries run {runs} times each as traffic ({executed} statements), nothing else.", .. report.Notes],
        };
    }
}
