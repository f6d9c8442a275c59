using System.Globalization;
using LoadHarness.Cli.Commands.Audit;
using LoadHarness.Postgres.QueryBench;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>bench-queries on the console: a line per query as it finishes, then the table (and the before → after table).</summary>
internal static class QueriesConsole
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Progress(TextWriter w, QueryBenchResult q) =>
        w.WriteLine(q.Error is not null
            ? $"  {q.Name}: ERROR {q.Error}"
            : string.Create(Inv, $"  {q.Name}: median {QueriesDocumentMapper.Ms(q.ExecutionMedianMs)}, p95 {QueriesDocumentMapper.Ms(q.ExecutionP95Ms)}; {string.Join(", ", q.Scans.Select(s => s.ToString()).Distinct())} — {QueriesDocumentMapper.Verdict(q)}"));

    public static void Print(TextWriter w, QueryBenchReport report)
    {
        w.WriteLine();
        var table = new TextTable(("query", false), ("target", false), ("measured", true), ("exec median", true), ("exec p95", true), ("planning", true),
            ("buffers hit/read", true), ("plan", false), ("verdict", false));
        foreach (var q in report.Queries)
        {
            if (q.Error is not null)
            {
                table.Row(q.Name, q.Target?.ToString() ?? "-", "-", "-", "-", "-", "-", "-", "ERROR");
                continue;
            }

            table.Row(q.Name, q.Target?.ToString() ?? "-", q.MeasuredMs is { } m ? QueriesDocumentMapper.Ms(m) : "-", QueriesDocumentMapper.Ms(q.ExecutionMedianMs),
                QueriesDocumentMapper.Ms(q.ExecutionP95Ms), QueriesDocumentMapper.Ms(q.PlanningMedianMs),
                string.Create(Inv, $"{q.SharedHitMedian:0}/{q.SharedReadMedian:0}"), string.Join(", ", q.Scans.Select(s => s.ToString()).Distinct()),
                QueriesDocumentMapper.Verdict(q) + (q.RlsOverheadMs is { } rls ? string.Create(Inv, $" (RLS {QueriesDocumentMapper.Ms(rls)})") : ""));
        }

        table.WriteTo(w);
    }

    public static void Print(TextWriter w, BenchComparison comparison)
    {
        w.WriteLine();
        w.WriteLine("before → after the index migration (EXPLAIN ANALYZE median):");
        var queries = new TextTable(("query", false), ("target", false), ("before", true), ("after", true), ("speed-up", true), ("plan before → after", false));
        foreach (var q in comparison.Queries)
        {
            queries.Row(q.Name, q.Target ?? "-", QueriesDocumentMapper.Ms(q.BeforeMedianMs), QueriesDocumentMapper.Ms(q.AfterMedianMs),
                q.SpeedUp is { } s ? s.ToString("0.#", Inv) + "x" : "-", q.BeforePlan + " → " + q.AfterPlan);
        }

        queries.WriteTo(w);
        w.WriteLine();
        var tables = new TextTable(("table", false), ("seq scans", true), ("index scans", true), ("index usage", true));
        foreach (var t in comparison.Tables)
        {
            tables.Row(t.Table, string.Create(Inv, $"{t.SeqScansBefore:#,0} → {t.SeqScansAfter:#,0}"), string.Create(Inv, $"{t.IndexScansBefore:#,0} → {t.IndexScansAfter:#,0}"),
                Percent(t.IndexUsageBefore) + " → " + Percent(t.IndexUsageAfter));
        }

        tables.Row("all tables", string.Create(Inv, $"{comparison.Tables.Sum(t => t.SeqScansBefore):#,0} → {comparison.Tables.Sum(t => t.SeqScansAfter):#,0}"),
            string.Create(Inv, $"{comparison.Tables.Sum(t => t.IndexScansBefore):#,0} → {comparison.Tables.Sum(t => t.IndexScansAfter):#,0}"),
            Percent(comparison.IndexUsageBefore) + " → " + Percent(comparison.IndexUsageAfter));
        tables.WriteTo(w);
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", Inv) + " %" : "-";
}
