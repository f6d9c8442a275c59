using System.Globalization;
using LoadHarness.Postgres.QueryBench;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>A query benchmark (and, with --before-after, its comparison) as Reporting's page.</summary>
internal static class QueriesDocumentMapper
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static AuditDocument Map(QueryBenchReport report, string target, string command, BenchComparison? comparison = null, QueryBenchReport? before = null)
    {
        var met = report.Queries.Count(q => !q.Failed);
        var findings = report.Queries.Select(Finding).OrderByDescending(f => f.Level).ToList();
        var tables = new List<AuditDocumentTable>();
        if (comparison is not null)
        {
            tables.AddRange(BeforeAfterTables.Build(comparison));
        }

        tables.Add(QueriesTable(report));
        tables.Add(PlansTable(report));
        if (report.Queries.Any(q => q.RlsOverheadMs is not null))
        {
            tables.Add(RlsTable(report));
        }

        tables.Add(SqlTable(report));
        if (before is not null)
        {
            tables.Add(QueriesTable(before) with { Id = "queries-before", Title = "Before the index migration: EXPLAIN ANALYZE per query" });
        }

        return new AuditDocument
        {
            Kind = "queries",
            Title = $"Query benchmark · {report.Database} on PostgreSQL {report.ServerVersion}",
            Verdict = new AuditVerdict(report.Passed ? "PASSED" : "FAILED", report.Passed,
                string.Create(Inv, $"{met} of {report.Queries.Count} queries met their targets (EXPLAIN ANALYZE, {report.Queries.Select(q => q.Runs).DefaultIfEmpty(0).Max()} runs each)")),
            Facts =
            [
                new("target", target),
                new("server", "PostgreSQL " + report.ServerVersion),
                new("database", report.Database),
                new("role", report.Role),
                new("started", report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Inv) + " UTC"),
            ],
            Findings = findings,
            Notes = report.Notes,
            Tables = tables,
            Command = command,
        };
    }

    public static string Verdict(QueryBenchResult q) =>
        q.Error is not null ? "ERROR"
        : q.Failed ? "FAILED"
        : q.Met is null ? "measured"
        : "ok";

    private static AuditDocumentFinding Finding(QueryBenchResult q)
    {
        if (q.Error is not null)
        {
            return new(AuditLevel.Critical, "query-error", q.Name, $"{q.Name}: could not run: {q.Error}");
        }

        var plan = string.Join(", ", q.Scans.Select(s => s.ToString()).Distinct());
        var big = q.Scans.Where(s => s.IsBigSequentialScan).Select(s => string.Create(Inv, $"{s.Relation} ({s.TableRows:#,0} rows)")).Distinct().ToArray();
        var bigText = big.Length == 0 ? "" : "; sequential scan over " + string.Join(", ", big);
        var measured = q.Target is { } t && q.MeasuredMs is { } ms
            ? string.Create(Inv, $"{t.Statistic} {Ms(ms)} {(q.Met == true ? "<" : "≥")} {Ms(t.ThresholdMs)}")
            : string.Create(Inv, $"median {Ms(q.ExecutionMedianMs)} (no target)");
        var rls = q.RlsOverheadMs is { } overhead
            ? string.Create(Inv, $"; RLS evaluation {Ms(overhead)}{(q.RlsTargetMs is { } rt ? (q.RlsMet == true ? " < " : " ≥ ") + Ms(rt) : "")}")
            : "";
        var level = q.Failed ? AuditLevel.Critical : big.Length > 0 ? AuditLevel.Warning : AuditLevel.Info;
        return new(level, q.Failed ? "missed-target" : "met-target", q.Name, $"{q.Name}: {measured}; plan: {plan}{bigText}{rls}");
    }

    private static AuditDocumentTable QueriesTable(QueryBenchReport report) => new()
    {
        Id = "queries",
        Title = "EXPLAIN ANALYZE per query",
        Caption = "Execution and planning times on the server over the runs; buffers are medians per run.",
        Columns =
        [
            new("query", "query"), new("target", "target"), new("measured_ms", "measured", AuditColumnKind.Ms), new("verdict", "verdict"),
            new("exec_median_ms", "exec median", AuditColumnKind.Ms), new("exec_p95_ms", "exec p95", AuditColumnKind.Ms), new("exec_max_ms", "exec max", AuditColumnKind.Ms),
            new("plan_median_ms", "planning median", AuditColumnKind.Ms), new("plan_p95_ms", "planning p95", AuditColumnKind.Ms),
            new("shared_hit", "buffers hit", AuditColumnKind.Count), new("shared_read", "buffers read", AuditColumnKind.Count), new("rows", "rows", AuditColumnKind.Count),
            new("runs", "runs", AuditColumnKind.Count), new("parameter_rows", "parameter rows", AuditColumnKind.Count),
        ],
        Rows = report.Queries.Select(q => q.Error is not null
            ? new AuditRow([q.Name, q.Target?.ToString(), AuditCell.Empty, "ERROR: " + q.Error], "fail")
            : new AuditRow(
                [q.Name, q.Target?.ToString(), AuditCell.Number(q.MeasuredMs), Verdict(q), q.ExecutionMedianMs, q.ExecutionP95Ms, q.ExecutionMaxMs,
                 q.PlanningMedianMs, q.PlanningP95Ms, q.SharedHitMedian, q.SharedReadMedian, q.RowsMedian, q.Runs, q.ParameterRows],
                q.Failed ? "fail" : "ok")).ToArray(),
    };

    private static AuditDocumentTable PlansTable(QueryBenchReport report) => new()
    {
        Id = "plans",
        Title = "Plans (last run)",
        Columns = [new("query", "query"), new("node_types", "node types"), new("scans", "scans"), new("big_seq_scans", "sequential scans over big tables")],
        Rows = report.Queries.Where(q => q.Error is null).Select(q => new AuditRow(
            [q.Name, string.Join(" > ", q.NodeTypes), string.Join(", ", q.Scans.Select(s => s.ToString())), string.Join(", ", q.BigSequentialScans)],
            q.BigSequentialScans.Count > 0 ? "warning" : null)).ToArray(),
    };

    private static AuditDocumentTable RlsTable(QueryBenchReport report) => new()
    {
        Id = "rls",
        Title = "Row-level security evaluation",
        Caption = "The median as the role with its settings minus the median without them (the seed's target: < 10 ms).",
        Columns = [new("query", "query"), new("role", "role"), new("overhead_ms", "RLS evaluation", AuditColumnKind.Ms), new("target_ms", "target", AuditColumnKind.Ms), new("verdict", "verdict")],
        Rows = report.Queries.Where(q => q.RlsOverheadMs is not null).Select(q => new AuditRow(
            [q.Name, q.Role ?? "-", AuditCell.Number(q.RlsOverheadMs), AuditCell.Number(q.RlsTargetMs), q.RlsMet switch { true => "ok", false => "FAILED", _ => "measured" }],
            q.RlsMet == false ? "fail" : null)).ToArray(),
    };

    private static AuditDocumentTable SqlTable(QueryBenchReport report) => new()
    {
        Id = "sql",
        Title = "The queries",
        Columns = [new("query", "query"), new("sql", "SQL")],
        Rows = report.Queries.Select(q => new AuditRow([q.Name, q.Sql])).ToArray(),
    };

    internal static string Ms(double ms) =>
        ms.ToString(Math.Abs(ms) < 1 ? "0.###" : Math.Abs(ms) < 100 ? "0.##" : "0.#", Inv) + " ms";
}
