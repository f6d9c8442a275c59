using LoadHarness.Postgres.QueryBench;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>The seed's "Expected Improvements", measured: per query before → after with the speed-up, per table the scans.</summary>
internal static class BeforeAfterTables
{
    public static IReadOnlyList<AuditDocumentTable> Build(BenchComparison comparison) =>
    [
        new()
        {
            Id = "improvements",
            Title = "Before → after the index migration (the seed's Expected Improvements, measured)",
            Caption = "EXPLAIN ANALYZE median execution time per query, parameters drawn from real rows in both phases; the seed expected 5-10x faster queries.",
            Columns =
            [
                new("query", "query"), new("target", "target"), new("before_ms", "before", AuditColumnKind.Ms), new("after_ms", "after", AuditColumnKind.Ms),
                new("speed_up", "speed-up", AuditColumnKind.Number), new("plan_before", "plan before"), new("plan_after", "plan after"),
                new("met_before", "met before"), new("met_after", "met after"),
            ],
            Rows = comparison.Queries.Select(q => new AuditRow(
                [q.Name, q.Target, q.BeforeMedianMs, q.AfterMedianMs, AuditCell.Number(q.SpeedUp is { } s ? Math.Round(s, 1) : null), q.BeforePlan, q.AfterPlan, Met(q.MetBefore), Met(q.MetAfter)],
                q.MetAfter == false ? "fail" : "ok")).ToArray(),
        },
        new()
        {
            Id = "tables-before-after",
            Title = "Sequential vs index scans per table during the benchmark, before → after",
            Caption = "Counter deltas of each phase (the benchmark's own statements only). The seed: sequential scans common → rare, index usage ~70 % → > 95 %.",
            Columns =
            [
                new("table", "table"), new("seq_before", "seq scans before", AuditColumnKind.Count), new("seq_after", "seq scans after", AuditColumnKind.Count),
                new("index_before", "index scans before", AuditColumnKind.Count), new("index_after", "index scans after", AuditColumnKind.Count),
                new("usage_before", "index usage before", AuditColumnKind.Percent), new("usage_after", "index usage after", AuditColumnKind.Percent),
            ],
            Rows =
            [
                .. comparison.Tables.Select(t => new AuditRow(
                    [t.Table, t.SeqScansBefore, t.SeqScansAfter, t.IndexScansBefore, t.IndexScansAfter, AuditCell.Number(t.IndexUsageBefore), AuditCell.Number(t.IndexUsageAfter)])),
                new AuditRow(
                    ["all tables", comparison.Tables.Sum(t => t.SeqScansBefore), comparison.Tables.Sum(t => t.SeqScansAfter),
                     comparison.Tables.Sum(t => t.IndexScansBefore), comparison.Tables.Sum(t => t.IndexScansAfter),
                     AuditCell.Number(comparison.IndexUsageBefore), AuditCell.Number(comparison.IndexUsageAfter)], "ok"),
            ],
        },
    ];

    private static string Met(bool? met) => met switch { true => "yes", false => "NO", _ => "-" };
}
