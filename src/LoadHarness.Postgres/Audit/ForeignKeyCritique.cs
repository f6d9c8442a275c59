namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Foreign keys whose columns lead no valid, non-partial index of the referencing table: each delete (or key update)
/// of a referenced row scans the referencing table, and joins on the key cannot use an index.
/// </summary>
internal static class ForeignKeyCritique
{
    public static IReadOnlyList<ForeignKeyAudit> Run(AuditContext context, HashSet<(long Table, string Columns)> suggestedAlready)
    {
        var result = new List<ForeignKeyAudit>();
        foreach (var fk in context.Current.ForeignKeys)
        {
            var rootOid = context.Rollup.RootOf.GetValueOrDefault(fk.TableOid, fk.TableOid);
            if (IsIndexed(fk, context.IndexesOf(fk.TableOid)))
            {
                continue;
            }

            var table = context.Rollup.Tables.GetValueOrDefault(rootOid);
            var rows = table?.LiveRows ?? 0;
            result.Add(new ForeignKeyAudit(fk.Schema, fk.Table, fk.Name, fk.Columns, fk.References, rows));
            if (suggestedAlready.Contains((rootOid, string.Join(",", fk.Columns.Order(StringComparer.Ordinal)))))
            {
                continue;   // the sequential-scan finding already suggests this index
            }

            var name = AuditNames.Qualified(fk.Schema, fk.Table);
            var columns = string.Join(", ", fk.Columns.Select(AuditNames.Quote));
            var action = fk.OnDelete switch { "c" => " (ON DELETE CASCADE)", "n" => " (ON DELETE SET NULL)", "d" => " (ON DELETE SET DEFAULT)", _ => "" };
            context.Add(rows >= context.Options.BigTableRows ? AuditSeverity.Warning : AuditSeverity.Info, "unindexed-foreign-key", $"{name}.{columns}",
                $"{name} ({columns}) references {fk.References} without an index: each delete{action} or key update there scans {Fmt.Count(rows)} rows of {fk.Table}, and joins on it cannot use an index",
                $"CREATE INDEX {(table?.Kind == "partitioned" ? "" : "CONCURRENTLY ")}ON {name} ({columns});");
        }

        return result;
    }

    /// <summary>Whether a valid, non-partial index starts with the key's columns (in any order).</summary>
    public static bool IsIndexed(ForeignKeyDefinition fk, IReadOnlyList<IndexDefinition> indexes)
    {
        var wanted = fk.Columns.ToHashSet(StringComparer.Ordinal);
        return indexes.Any(i => i.IsValid && i.Predicate is null && i.AccessMethod == "btree" && i.KeyColumns.Count >= wanted.Count
            && i.KeyColumns.Take(wanted.Count).Select(c => c.Trim('"')).ToHashSet(StringComparer.Ordinal).SetEquals(wanted));
    }
}
