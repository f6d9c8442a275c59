namespace LoadHarness.Postgres.Audit;

/// <summary>Cache hit ratios (pg_statio_*), table bloat (the seed's script 3), slow statements (script 2) and connections.</summary>
internal static class HealthCritique
{
    public static void Run(AuditContext context, IReadOnlyList<StatementAudit> slow)
    {
        HitRatio(context, "index", t => t.IndexBlocksHit, t => t.IndexBlocksRead);
        HitRatio(context, "table (heap)", t => t.HeapBlocksHit, t => t.HeapBlocksRead);
        Bloat(context);
        foreach (var statement in slow.Take(5))
        {
            context.Add(statement.MeanMs >= 10 * context.Options.SlowStatementMs ? AuditSeverity.Critical : AuditSeverity.Warning, "slow-statement",
                IndexSuggester.Shorten(statement.Query),
                Fmt.Invariant($"mean {Fmt.Ms(statement.MeanMs)} over {Fmt.Count(statement.Calls)} call{(statement.Calls == 1 ? "" : "s")} {context.WindowWords} as {statement.Role} (the seed's target: < {Fmt.Ms(context.Options.SlowStatementMs)}): {IndexSuggester.Shorten(statement.Query)} — EXPLAIN (ANALYZE, BUFFERS) it, or measure it with loadharness bench-queries"));
        }

        var connections = context.Current.Connections;
        if (connections.UsagePercent >= context.Options.ConnectionTargetPercent)
        {
            context.Add(connections.UsagePercent >= 95 ? AuditSeverity.Critical : AuditSeverity.Warning, "connections", "max_connections",
                Fmt.Invariant($"{Fmt.Count(connections.Total)} of {connections.Available} usable connections in use ({Fmt.Percent(connections.UsagePercent)}; the seed's target: < {context.Options.ConnectionTargetPercent:0} %) — put a pooler (PgBouncer) in front or lower the applications' Max Pool Size"));
        }

        if (connections.IdleInTransaction >= 5)
        {
            context.Add(AuditSeverity.Info, "connections", "idle in transaction",
                Fmt.Invariant($"{connections.IdleInTransaction} sessions idle in a transaction: they hold locks and keep VACUUM from removing dead rows — set idle_in_transaction_session_timeout"));
        }
    }

    private static void HitRatio(AuditContext context, string what, Func<TableAudit, long> hit, Func<TableAudit, long> read)
    {
        var tables = context.Rollup.Tables.Values.ToArray();
        var hits = tables.Sum(hit);
        var reads = tables.Sum(read);
        if (hits + reads < context.Options.MinBlocksForHitRatio)
        {
            return;
        }

        var ratio = 100.0 * hits / (hits + reads);
        if (ratio >= context.Options.HitRatioTargetPercent)
        {
            return;
        }

        var worst = tables.Where(t => read(t) > 0).OrderByDescending(read).Take(3)
            .Select(t => $"{t.DisplayName} {Fmt.Count(read(t))}").ToArray();
        context.Add(ratio < 90 ? AuditSeverity.Critical : AuditSeverity.Warning, "cache-hit-ratio", what + " hit ratio",
            Fmt.Invariant($"{what} hit ratio {Fmt.Percent(ratio)} (the seed's target: > {context.Options.HitRatioTargetPercent:0} %) over {Fmt.Count(hits + reads)} block reads {context.WindowWords}")
            + (worst.Length > 0 ? "; most reads from disk (or the OS cache): " + string.Join(", ", worst) : "")
            + " — the working set does not fit shared_buffers, or large scans evict it (see the sequential scans)");
    }

    private static void Bloat(AuditContext context)
    {
        foreach (var table in context.Rollup.Tables.Values)
        {
            if (table.DeadRowsPercent is not { } dead || dead < context.Options.DeadRowsPercent || table.DeadRows < 1_000)
            {
                continue;
            }

            var vacuumed = table.LastAutovacuum ?? table.LastVacuum;
            context.Add(dead >= 50 ? AuditSeverity.Critical : AuditSeverity.Warning, "table-bloat", table.DisplayName,
                Fmt.Invariant($"{table.DisplayName}: {Fmt.Percent(dead)} dead rows ({Fmt.Count(table.DeadRows)} of {Fmt.Count(table.LiveRows + table.DeadRows)}), last vacuumed {(vacuumed is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC" : "never")}")
                + " — VACUUM it now; if it recurs, lower autovacuum_vacuum_scale_factor for it, and look for long transactions that hold old rows",
                $"VACUUM (ANALYZE) {table.DisplayName};");
        }
    }
}
