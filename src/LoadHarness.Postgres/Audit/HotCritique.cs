namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Updates that are not HOT (heap-only tuple): an update can stay on its page without touching the indexes only when no
/// index uses a changed column — key, INCLUDE, expression or a partial index's predicate — and the page has room.
/// A partial index whose predicate uses a column the workload updates (WHERE is_read = false, then mark as read) makes
/// every such update write to every index of the table. The updated columns come from the UPDATE statements in
/// pg_stat_statements; without it a partial index on a table with few HOT updates is only a suspect.
/// </summary>
internal static class HotCritique
{
    private const double LowHotPercent = 50;

    public static void Run(AuditContext context)
    {
        foreach (var (oid, table) in context.Rollup.Tables)
        {
            if (table.Updates < context.Options.MinUpdates || table.HotPercent is not { } hot || hot >= LowHotPercent)
            {
                continue;
            }

            var indexes = context.IndexesOf(oid);
            var updated = context.UpdatedColumns(table);
            var what = Fmt.Invariant($"{table.DisplayName}: {Fmt.Count(table.Updates)} updates {context.WindowWords}, {Fmt.Percent(hot)} HOT");
            if (updated is null)
            {
                foreach (var index in indexes.Where(i => i.Predicate is not null))
                {
                    context.Verdict(index, "may block HOT updates");
                    context.Add(AuditSeverity.Info, "hot-blocking-index", AuditNames.Qualified(index.Schema, index.Name),
                        $"{what} — {index.Name} WHERE {index.Predicate} blocks HOT for every update that changes a predicate column; pg_stat_statements would tell which columns the updates change");
                }

                continue;
            }

            var blocking = false;
            foreach (var index in indexes)
            {
                var predicateColumns = index.Predicate is null ? [] : index.ReferencedColumns.Where(c => SqlIdentifiers.ColumnsIn(index.Predicate, [c]).Any()).ToArray();
                var hitByPredicate = predicateColumns.Where(updated.Contains).ToArray();
                var hitByColumns = index.ReferencedColumns.Except(predicateColumns).Where(updated.Contains).ToArray();
                if (hitByPredicate.Length > 0)
                {
                    blocking = true;
                    context.Verdict(index, $"blocks HOT updates ({string.Join(", ", hitByPredicate)})");
                    context.Add(AuditSeverity.Warning, "hot-blocking-index", AuditNames.Qualified(index.Schema, index.Name),
                        $"{what} — the partial index {index.Name} WHERE {index.Predicate} uses {string.Join(", ", hitByPredicate)}, which the updates set: "
                        + Fmt.Invariant($"none of them can be HOT, each writes a new entry into all {indexes.Count} indexes of {table.Name}; ")
                        + "keep it only if the reads it serves outweigh that, or index the rows without a predicate on an updated column");
                }
                else if (hitByColumns.Length > 0)
                {
                    blocking = true;
                    context.Verdict(index, $"updates change {string.Join(", ", hitByColumns)}");
                }
            }

            if (!blocking && updated.Count > 0)
            {
                context.Add(AuditSeverity.Info, "fillfactor", table.DisplayName,
                    $"{what} although no index uses the updated columns ({string.Join(", ", updated.Order(StringComparer.Ordinal))}): the pages have no room for the new row versions"
                    + (table.FillFactor is { } ff ? Fmt.Invariant($" (fillfactor {ff})") : "")
                    + " — a lower fillfactor leaves that room (existing pages get it on their next rewrite: VACUUM FULL or pg_repack)",
                    $"ALTER TABLE {table.DisplayName} SET (fillfactor = 90);");
            }
        }
    }
}
