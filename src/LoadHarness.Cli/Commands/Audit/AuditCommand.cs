using System.CommandLine;
using LoadHarness.Core.Load;
using LoadHarness.Postgres.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary><c>loadharness audit</c>: the seed's four audit scripts, PostgreSQL-version-correct, plus the index critique, on any database.</summary>
internal static class AuditCommand
{
    public static Command Create(CliContext cli)
    {
        var config = CommonOptions.Config();
        var connection = new Option<string?>("--connection-string") { Description = "The database to audit (overrides Target.ConnectionString). A role with pg_monitor is enough." };
        var interval = new Option<string?>("--interval")
        {
            Description = "Audit the traffic of the next interval only (e.g. 60s, 5m): a snapshot, a wait, a second snapshot, the difference. "
                + "Without it, the counters since the statistics were last reset. Nothing is ever reset.",
        };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit 99 when a finding is at least this severe: warning or critical." };
        failOn.AcceptOnlyFromAmong("warning", "critical");
        var output = CommonOptions.Out("Write audit.json, audit.md and audit.html into this folder (default: <ReportFolder>/audit/<UTC timestamp>/).");
        var schemas = new Option<string[]>("--schema") { Description = "Audit only these schemas (repeatable; default: every user schema).", AllowMultipleArgumentsPerToken = true };
        var bigTable = new Option<long?>("--big-table-rows") { Description = "A table is big, and a sequential scan large, from this many rows (default 10,000: the seed's script 4)." };
        var withoutMigration = new Option<bool>("--without-index-migration") { Description = "Embedded sample only: audit it before db/003_performance_indexes.sql." };
        var command = new Command("audit", "Audit a PostgreSQL database (13-17): sequential vs index scans, slow statements (pg_stat_statements), "
            + "dead rows, large sequential scans, cache hit ratios, unused / duplicate / HOT-blocking indexes, foreign keys without an index, "
            + "connections; recommendations with a severity. Read-only: never resets statistics.\n\n"
            + "Without --connection-string or Target.ConnectionString it starts the embedded sample database and audits the config's Queries run as traffic.\n"
            + "Exit codes: 0 audited; 99 a finding at --fail-on's severity or above; 2 bad arguments, config or connection string, "
            + "or the server cannot be reached (nothing was audited).\n\n"
            + "Examples:\n"
            + "  loadharness audit --connection-string \"Host=db;Database=app;Username=auditor;Password=...\"\n"
            + "  loadharness audit -c nbomber-config.json --interval 60s --fail-on critical\n"
            + "  loadharness audit --without-index-migration     # the embedded sample before the seed's migration")
        {
            config, connection, interval, failOn, output, schemas, bigTable, withoutMigration,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            TimeSpan? wait = null;
            if (parse.GetValue(interval) is { } text)
            {
                if (!DurationParser.TryParse(text, out var value, out _) || value <= TimeSpan.Zero)
                {
                    throw new CliInputException($"--interval: '{text}' is not a positive duration (e.g. 60s, 5m, 00:01:00)");
                }

                wait = value;
            }

            if (parse.GetValue(bigTable) is < 1)
            {
                throw new CliInputException("--big-table-rows must be at least 1");
            }

            var arguments = new AuditArguments
            {
                ConfigPath = DatabaseTarget.ConfigPath(parse.GetValue(config)),
                ConnectionString = parse.GetValue(connection),
                Interval = wait,
                FailOn = parse.GetValue(failOn) switch { "warning" => AuditSeverity.Warning, "critical" => AuditSeverity.Critical, _ => null },
                OutFolder = parse.GetValue(output),
                Schemas = CommonOptions.List(parse.GetValue(schemas)),
                BigTableRows = parse.GetValue(bigTable),
                WithoutIndexMigration = parse.GetValue(withoutMigration),
            };
            return new AuditCommandHandler(cli).ExecuteAsync(arguments, cancellationToken);
        });
        return command;
    }
}
