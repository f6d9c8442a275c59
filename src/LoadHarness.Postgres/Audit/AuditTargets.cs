namespace LoadHarness.Postgres.Audit;

/// <summary>The seed's database targets over the window: hit ratios &gt; 99 %, index usage (the seed: ~70 % before, &gt; 95 % after), no statement above 50 ms, connections &lt; 80 %.</summary>
internal static class AuditTargets
{
    /// <param name="slow">Top-level statements of the workload over the slow-statement limit (all of them, not the shown top).</param>
    /// <param name="hiddenSlow">Statements over the limit whose text the role may not read: with none of its own
    /// <paramref name="slow"/>, the target is unknown (a role without pg_monitor saw "0, ok" beside a 589 ms statement).</param>
    public static IReadOnlyList<AuditTarget> Measure(AuditContext context, int slow, int hiddenSlow, int largeScanTables)
    {
        var tables = context.Rollup.Tables.Values.ToArray();
        var options = context.Options;
        return
        [
            Ratio("index hit ratio", tables.Sum(t => t.IndexBlocksHit), tables.Sum(t => t.IndexBlocksRead), options.HitRatioTargetPercent, options.MinBlocksForHitRatio),
            Ratio("table hit ratio", tables.Sum(t => t.HeapBlocksHit), tables.Sum(t => t.HeapBlocksRead), options.HitRatioTargetPercent, options.MinBlocksForHitRatio),
            IndexUsage(tables),
            new AuditTarget("tables read by large sequential scans", largeScanTables, "count", "0 (the seed: minimize)", largeScanTables == 0),
            context.StatementsAvailable
                ? new AuditTarget(Fmt.Invariant($"statements with mean > {options.SlowStatementMs:0.#} ms"), slow, "count",
                    hiddenSlow == 0 ? "0" : Fmt.Invariant($"0 ({hiddenSlow} more with hidden texts)"), slow > 0 ? false : hiddenSlow == 0 ? true : null)
                : new AuditTarget(Fmt.Invariant($"statements with mean > {options.SlowStatementMs:0.#} ms"), null, "count", "0", null),
            new AuditTarget("connections / max_connections", context.Current.Connections.UsagePercent, "%",
                Fmt.Invariant($"< {options.ConnectionTargetPercent:0} %"), context.Current.Connections.UsagePercent < options.ConnectionTargetPercent),
        ];
    }

    /// <summary>Index scans ÷ all scans of the tables of <see cref="AuditOptions.IndexUsageMinPages"/> pages or more.</summary>
    private static AuditTarget IndexUsage(TableAudit[] tables)
    {
        var judged = tables.Where(t => t.HeapPages >= AuditOptions.IndexUsageMinPages).ToArray();
        return Ratio(Fmt.Invariant($"index usage (index scans ÷ all scans, tables ≥ {AuditOptions.IndexUsageMinPages} pages)"),
            judged.Sum(t => t.IndexScans ?? 0), judged.Sum(t => t.SeqScans), 95, 1);
    }

    private static AuditTarget Ratio(string name, long good, long other, double target, long minimum)
    {
        var total = good + other;
        if (total < minimum)
        {
            return new AuditTarget(name, total == 0 ? null : 100.0 * good / total, "%", Fmt.Invariant($"> {target:0} %"), null);
        }

        var value = 100.0 * good / total;
        return new AuditTarget(name, value, "%", Fmt.Invariant($"> {target:0} %"), value > target);
    }
}
