namespace LoadHarness.Postgres.Audit;

/// <summary>
/// The seed's scripts 1 and 4 as recommendations: a big table read mostly by large sequential scans gets an index
/// suggestion from the statements that filter it (or from its unindexed foreign key when pg_stat_statements is missing).
/// A parallel scan counts once per worker and reads a share of the table each, so "large" is judged per query.
/// </summary>
internal static class ScanCritique
{
    /// <summary>Adds the findings; returns the tables whose suggestion leads with their foreign-key columns (the FK critique skips those).</summary>
    public static HashSet<(long Table, string Columns)> Run(AuditContext context)
    {
        var covered = new HashSet<(long, string)>();
        var options = context.Options;
        var workers = 1 + Math.Max(0, context.Current.Server.ParallelWorkersPerGather);
        foreach (var (oid, table) in context.Rollup.Tables)
        {
            if (table.SeqScans < options.MinScans || table.RowsPerSeqScan is not { } perScan)
            {
                continue;
            }

            // Big: the seed's script 4 (10,000 rows per scan). Medium: a tenth of that, read almost only sequentially: worth knowing.
            var share = table.SeqScanPercent ?? 100;
            var big = table.LiveRows >= options.BigTableRows && perScan * workers >= options.BigTableRows;
            var medium = table.LiveRows >= options.BigTableRows / 10 && perScan * workers >= options.BigTableRows / 10 && share >= 90;
            if (!big && !medium)
            {
                continue;
            }

            var severity = !big ? AuditSeverity.Info
                : share >= 90 && perScan >= 10 * options.BigTableRows ? AuditSeverity.Critical
                : share >= 50 ? AuditSeverity.Warning
                : AuditSeverity.Info;
            var what = Fmt.Invariant(
                $"{table.DisplayName}: {Fmt.Percent(share)} of scans sequential ({Fmt.Count(table.SeqScans)} sequential, {Fmt.Count(table.IndexScans ?? 0)} index {context.WindowWords}), {Fmt.Count(perScan)} rows read per scan of {Fmt.Count(table.LiveRows)}")
                + (workers > 1 && table.LiveRows > 0 && perScan < 0.75 * table.LiveRows
                    ? Fmt.Invariant($" (parallel scans count once per worker: about {Fmt.Count((double)table.SeqRowsRead / table.LiveRows)} whole-table reads)")
                    : "");
            var partitioned = table.Kind == "partitioned";
            var suggestion = context.StatementsAvailable
                ? IndexSuggester.Suggest(table, context.ColumnsOf(oid), context.IndexesOf(oid), context.ShapesOf(table))
                : null;
            if (suggestion is not null)
            {
                covered.Add((oid, string.Join(",", suggestion.KeyColumns.Select(k => k.Split(' ')[0].Trim('"')).Order(StringComparer.Ordinal))));
                context.Add(severity, "sequential-scans", table.DisplayName,
                    $"{what} — index {suggestion.Display} (for {suggestion.Statement}, {Fmt.Count(suggestion.Calls)} calls)"
                    + (suggestion.Remark is null ? "" : $"; {suggestion.Remark}"),
                    suggestion.Sql(table.DisplayName, partitioned));
                continue;
            }

            var foreignKey = context.Current.ForeignKeys.FirstOrDefault(fk => fk.TableOid == oid
                && !ForeignKeyCritique.IsIndexed(fk, context.IndexesOf(oid)));
            if (foreignKey is not null)
            {
                var columns = string.Join(", ", foreignKey.Columns.Select(AuditNames.Quote));
                covered.Add((oid, string.Join(",", foreignKey.Columns.Order(StringComparer.Ordinal))));
                context.Add(severity, "sequential-scans", table.DisplayName,
                    $"{what} — index ({columns}), its unindexed foreign key"
                    + (context.StatementsAvailable ? "; no statement in pg_stat_statements filters it simply" : "; pg_stat_statements would show which statements scan it"),
                    $"CREATE INDEX {(partitioned ? "" : "CONCURRENTLY ")}ON {table.DisplayName} ({columns});");
                continue;
            }

            context.Add(severity, "sequential-scans", table.DisplayName,
                $"{what} — find the statements that read it "
                + (context.StatementsAvailable ? "among the top statements (EXPLAIN them, or loadharness bench-queries)" : "(pg_stat_statements would list them)"));
        }

        return covered;
    }
}
