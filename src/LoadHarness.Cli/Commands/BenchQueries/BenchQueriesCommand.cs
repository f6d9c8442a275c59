using System.CommandLine;
using LoadHarness.Cli.Commands.Audit;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary><c>loadharness bench-queries</c>: the config's Queries measured with EXPLAIN ANALYZE against their targets.</summary>
internal static class BenchQueriesCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var connection = new Option<string?>("--connection-string") { Description = "The database to measure on (overrides Target.ConnectionString)." };
        var runs = new Option<int?>("--runs") { Description = "Measured runs per query (default 20; a query's Runs overrides it)." };
        var bigTable = new Option<long?>("--big-table-rows") { Description = "Flag sequential scans over tables of at least this many rows (default 10,000)." };
        var failOnSeqScan = new Option<bool>("--fail-on-seq-scan") { Description = "A query whose plan reads a big table sequentially fails even when its time meets the target." };
        var output = CommonOptions.Out("Write queries.json, queries.md and queries.html into this folder (default: <ReportFolder>/queries/<UTC timestamp>/).");
        var beforeAfter = new Option<bool>("--before-after")
        {
            Description = "Embedded sample only: benchmark without the index migration, apply it, benchmark again; the page leads with "
                + "the seed's Expected Improvements measured (median before → after, speed-up, plans, seq vs index scans per table). Exit by the 'after' run.",
        };
        var withoutMigration = new Option<bool>("--without-index-migration") { Description = "Embedded sample only: benchmark it before db/003_performance_indexes.sql." };
        var command = new Command("bench-queries", "Run each of the config's Queries N times with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON), parameters drawn "
            + "from real rows, each run rolled back: median and p95 execution and planning time, buffers, plan node types, sequential scans over big "
            + "tables; pass/fail per target. A query with a Role and Settings also reports the RLS evaluation (median with them minus without).\n\n"
            + "Without --connection-string or Target.ConnectionString it starts the embedded sample database.\n"
            + "Exit codes: 0 every target met; 99 a target missed; 2 bad arguments or config (no Queries), a query that cannot run, "
            + "or a database that cannot be reached.\n\n"
            + "Examples:\n"
            + "  loadharness bench-queries -c nbomber-config.json --connection-string \"Host=db;Database=app;Username=app\"\n"
            + "  loadharness bench-queries -c nbomber-config.json --before-after\n"
            + "  loadharness bench-queries -c nbomber-config.json --runs 50 --fail-on-seq-scan")
        {
            config, connection, runs, bigTable, failOnSeqScan, output, beforeAfter, withoutMigration,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(runs) is < 1)
            {
                throw new CliInputException("--runs must be at least 1");
            }

            if (parse.GetValue(bigTable) is < 1)
            {
                throw new CliInputException("--big-table-rows must be at least 1");
            }

            var arguments = new BenchQueriesArguments
            {
                ConfigPath = DatabaseTarget.ConfigPath(parse.GetValue(config)),
                ConnectionString = parse.GetValue(connection),
                Runs = parse.GetValue(runs),
                BigTableRows = parse.GetValue(bigTable),
                FailOnSeqScan = parse.GetValue(failOnSeqScan),
                OutFolder = parse.GetValue(output),
                BeforeAfter = parse.GetValue(beforeAfter),
                WithoutIndexMigration = parse.GetValue(withoutMigration),
            };
            return new BenchQueriesCommandHandler(cli).ExecuteAsync(arguments, cancellationToken);
        });
        return command;
    }
}
