using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// Two benchmarks of the same queries, before and after a change (the sample's index migration), as the seed's
/// "Expected Improvements": per query the median before → after with the speed-up and the plan's scans, per table the
/// sequential and index scans the benchmark caused, and the index usage over all of them.
/// </summary>
public sealed record BenchComparison(IReadOnlyList<QueryImprovement> Queries, IReadOnlyList<TableImprovement> Tables)
{
    public double? IndexUsageBefore => Share(Tables.Sum(t => t.IndexScansBefore), Tables.Sum(t => t.SeqScansBefore));

    public double? IndexUsageAfter => Share(Tables.Sum(t => t.IndexScansAfter), Tables.Sum(t => t.SeqScansAfter));

    public static BenchComparison Build(QueryBenchReport before, QueryBenchReport after, IReadOnlyList<TableAudit>? tablesBefore = null,
        IReadOnlyList<TableAudit>? tablesAfter = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var queries = before.Queries
            .Join(after.Queries, b => b.Name, a => a.Name, (b, a) => new QueryImprovement(b.Name, b.Target?.ToString(),
                b.ExecutionMedianMs, a.ExecutionMedianMs, Plan(b), Plan(a), b.Error is null ? b.Met : null, a.Error is null ? a.Met : null))
            .ToArray();
        var after2 = (tablesAfter ?? []).ToDictionary(t => t.DisplayName, StringComparer.Ordinal);
        var tables = (tablesBefore ?? [])
            .Select(b => (Before: b, After: after2.GetValueOrDefault(b.DisplayName)))
            .Where(x => x.Before.SeqScans + (x.Before.IndexScans ?? 0) + (x.After?.SeqScans ?? 0) + (x.After?.IndexScans ?? 0) > 0)
            .Select(x => new TableImprovement(x.Before.DisplayName, x.Before.SeqScans, x.After?.SeqScans ?? 0, x.Before.IndexScans ?? 0, x.After?.IndexScans ?? 0))
            .OrderByDescending(t => t.SeqScansBefore)
            .ToArray();
        return new BenchComparison(queries, tables);
    }

    private static string Plan(QueryBenchResult result) =>
        result.Error is not null ? "error" : result.Scans.Count == 0 ? string.Join(" > ", result.NodeTypes) : string.Join(", ", result.Scans.Select(s => s.ToString()).Distinct());

    private static double? Share(long index, long seq) => index + seq > 0 ? 100.0 * index / (index + seq) : null;
}
