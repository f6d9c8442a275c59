using LoadHarness.Cli.Commands.Audit;
using LoadHarness.Cli.Output;
using LoadHarness.Cli.Configuration;
using LoadHarness.Postgres.Audit;
using LoadHarness.Postgres.QueryBench;
using TargetApi.Database;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>
/// <c>loadharness bench-queries</c>: the config's Queries with EXPLAIN ANALYZE on the target (or the embedded sample),
/// console, queries.json/md/html. <c>--before-after</c> (embedded): the sample without the index migration, the
/// migration, again; the comparison leads the page. Exit 0 every target met; 99 a target missed; 2 a query that cannot
/// run, bad arguments or config, or a database that cannot be reached.
/// </summary>
internal sealed class BenchQueriesCommandHandler(CliContext cli)
{
    public async Task<int> ExecuteAsync(BenchQueriesArguments arguments, CancellationToken cancellationToken)
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

        if (queries.Count == 0)
        {
            cli.Problem($"{arguments.ConfigPath ?? "no config"}: no Queries to benchmark: add a \"Queries\" section, e.g. "
                + "[{ \"Name\": \"profile\", \"Sql\": \"SELECT * FROM profiles WHERE user_id = @user_id\", "
                + "\"Parameters\": [{ \"Name\": \"user_id\", \"From\": \"SELECT id FROM users ORDER BY random() LIMIT 100\" }], \"Target\": \"p(95) < 10\" }]");
            return ExitCodes.InvalidInput;
        }

        if (connectionString is not null && (arguments.BeforeAfter || arguments.WithoutIndexMigration))
        {
            cli.Problem("--before-after and --without-index-migration apply to the embedded sample only (no --connection-string or Target.ConnectionString)");
            return ExitCodes.InvalidInput;
        }

        var options = new QueryBenchOptions
        {
            Runs = arguments.Runs ?? new QueryBenchOptions().Runs,
            BigTableRows = arguments.BigTableRows ?? new QueryBenchOptions().BigTableRows,
            FailOnBigSequentialScan = arguments.FailOnSeqScan,
        };
        string? lastLine = null;
        try
        {
            await using var target = await DatabaseTarget.OpenAsync(cli, settings, connectionString, arguments.WithoutIndexMigration || arguments.BeforeAfter,
                quiet: false, cancellationToken).ConfigureAwait(false);
            QueryBenchReport? before = null;
            BenchComparison? comparison = null;
            QueryBenchReport report;
            if (arguments.BeforeAfter)
            {
                cli.Out.WriteLine("before the index migration:");
                var (beforeReport, beforeTables) = await PhaseAsync(target.ConnectionString, queries, options, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine("applying db/003_performance_indexes.sql, CHECKPOINT, VACUUM ANALYZE (statistics are not reset: each phase is a delta)...");
                await SampleDatabase.ApplyIndexesAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
                await SampleDatabase.CheckpointAndAnalyzeAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine("after the index migration:");
                var (afterReport, afterTables) = await PhaseAsync(target.ConnectionString, queries, options, cancellationToken).ConfigureAwait(false);
                comparison = BenchComparison.Build(beforeReport, afterReport, beforeTables, afterTables);
                (before, report) = (beforeReport, afterReport);
            }
            else
            {
                cli.Out.WriteLine($"bench-queries: {queries.Count} queries, EXPLAIN (ANALYZE, BUFFERS) × {options.Runs} runs each on {target.Describe()}");
                report = await QueryBenchRunner.RunAsync(target.ConnectionString, queries, options, q => QueriesConsole.Progress(cli.Out, q), cancellationToken)
                    .ConfigureAwait(false);
            }

            QueriesConsole.Print(cli.Out, report);
            if (comparison is not null)
            {
                QueriesConsole.Print(cli.Out, comparison);
            }

            var folder = ReportFolder.Resolve(arguments.OutFolder, settings?.ReportFolder ?? "reports", "queries", DateTimeOffset.UtcNow);
            var document = QueriesDocumentMapper.Map(report, target.Describe(), arguments.CommandLine(), comparison, before);
            var files = await AuditDocumentWriter.WriteAsync(document, folder, CancellationToken.None).ConfigureAwait(false);
            var errors = report.Queries.Count(q => q.Error is not null);
            var failed = report.Queries.Count(q => q.Failed);
            var code = errors > 0 ? ExitCodes.InvalidInput : failed > 0 ? ExitCodes.ThresholdCrossed : ExitCodes.Passed;
            lastLine = $"bench-queries: {report.Queries.Count - failed} of {report.Queries.Count} met their targets"
                + (errors > 0 ? $", {errors} could not run" : "") + $"; exit {code}; reports: {files.First(f => f.EndsWith(".html", StringComparison.Ordinal))} (and .json, .md)";
            return code;
        }
        catch (AuditConnectionException e)
        {
            cli.Problem("loadharness bench-queries: " + e.Message);
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

    /// <summary>One benchmark between two audit snapshots: its results and the scans it caused per table.</summary>
    private async Task<(QueryBenchReport, IReadOnlyList<TableAudit>)> PhaseAsync(string connectionString, IReadOnlyList<BenchQuery> queries,
        QueryBenchOptions options, CancellationToken ct)
    {
        var first = await PostgresAudit.SnapshotAsync(connectionString, null, ct).ConfigureAwait(false);
        var report = await QueryBenchRunner.RunAsync(connectionString, queries, options, q => QueriesConsole.Progress(cli.Out, q), ct).ConfigureAwait(false);
        var second = await PostgresAudit.SnapshotAsync(connectionString, null, ct).ConfigureAwait(false);
        return (report, AuditAnalyzer.Analyze(second, first).Tables);
    }
}
