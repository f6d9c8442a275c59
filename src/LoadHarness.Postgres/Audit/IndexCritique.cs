using System.Text.RegularExpressions;

namespace LoadHarness.Postgres.Audit;

/// <summary>
/// The index critique: invalid indexes, unused ones (no scan in the window; constraint indexes excepted), duplicates and
/// indexes covered by a longer one (same method, same predicate, keys a prefix with the same ordering and opclass),
/// indexes that extend a unique key (one row per key: the extra columns rarely help), and key columns a partial
/// index's predicate already fixes.
/// </summary>
internal static partial class IndexCritique
{
    public static void Run(AuditContext context)
    {
        var all = context.Rollup.Indexes.Select(i => i.Definition).ToArray();
        foreach (var index in all)
        {
            var table = context.Rollup.TableOf(index);
            if (table is null)
            {
                continue;
            }

            var name = AuditNames.Qualified(index.Schema, index.Name);
            var drop = index.Kind == "I" ? $"DROP INDEX {name};" : $"DROP INDEX CONCURRENTLY {name};";
            if (!index.IsValid)
            {
                context.Verdict(index, "invalid");
                context.Add(AuditSeverity.Warning, "invalid-index", name,
                    $"{name} on {table.DisplayName} is invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): it is maintained on every write but never used — drop it and create it again",
                    drop);
                continue;
            }

            if ((index.Scans ?? 0) == 0 && !index.EnforcesConstraint)
            {
                context.Verdict(index, "unused");
                var writes = table.Inserts + table.Updates + table.Deletes;
                var severity = !context.Window.IsInterval && writes > 0 ? AuditSeverity.Warning : AuditSeverity.Info;
                context.Add(severity, "unused-index", name,
                    $"{name} on {table.DisplayName} {Describe(index)}: 0 scans {context.WindowWords}, {Fmt.Bytes(index.Bytes)}"
                    + (writes > 0 ? Fmt.Invariant($", maintained by {Fmt.Count(writes)} writes") : "")
                    + " — drop it unless a standby, a rare job or a constraint needs it (a standby counts its own scans)",
                    drop);
            }
        }

        foreach (var group in all.Where(i => i.IsValid).GroupBy(i => i.TableOid))
        {
            Overlaps(context, group.ToArray());
        }

        foreach (var index in all.Where(i => i.IsValid && i.Predicate is not null))
        {
            RedundantPredicateColumns(context, index);
        }
    }

    internal static string Describe(IndexDefinition index) =>
        "(" + string.Join(", ", index.DisplayKeys) + ")" + (index.Predicate is null ? "" : " WHERE " + index.Predicate);

    private static void Overlaps(AuditContext context, IndexDefinition[] indexes)
    {
        var flagged = new HashSet<long>();
        foreach (var a in indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            foreach (var b in indexes.OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                if (a.Oid == b.Oid || flagged.Contains(a.Oid) || flagged.Contains(b.Oid) || a.AccessMethod != b.AccessMethod
                    || IndexSuggester.Normalize(a.Predicate) != IndexSuggester.Normalize(b.Predicate) || a.KeyColumns.Count > b.KeyColumns.Count
                    || !a.KeyColumns.SequenceEqual(b.KeyColumns.Take(a.KeyColumns.Count)) || !a.KeySignatures.SequenceEqual(b.KeySignatures.Take(a.KeySignatures.Count)))
                {
                    continue;
                }

                var table = context.Rollup.TableOf(a)?.DisplayName ?? a.TableName;
                var identical = a.KeyColumns.Count == b.KeyColumns.Count && a.IncludeColumns.SequenceEqual(b.IncludeColumns);
                var aName = AuditNames.Qualified(a.Schema, a.Name);
                var bName = AuditNames.Qualified(b.Schema, b.Name);
                if (identical)
                {
                    // Keep the one that enforces a constraint; of two plain ones, drop the later name.
                    if (a.EnforcesConstraint && b.EnforcesConstraint)
                    {
                        continue;
                    }

                    var (drop, keep) = a.EnforcesConstraint ? (b, a) : (a, b);
                    if (!a.EnforcesConstraint && !b.EnforcesConstraint && string.CompareOrdinal(a.Name, b.Name) < 0)
                    {
                        (drop, keep) = (b, a);
                    }

                    flagged.Add(drop.Oid);
                    context.Verdict(drop, $"duplicate of {keep.Name}");
                    context.Add(AuditSeverity.Warning, "duplicate-index", AuditNames.Qualified(drop.Schema, drop.Name),
                        $"{drop.Name} duplicates {keep.Name} on {table} {Describe(drop)}: twice the writes and {Fmt.Bytes(drop.Bytes)} for nothing",
                        Drop(drop));
                }
                else if (a.KeyColumns.Count < b.KeyColumns.Count && !a.EnforcesConstraint && a.AccessMethod == "btree"
                         && a.IncludeColumns.All(c => b.KeyColumns.Contains(c) || b.IncludeColumns.Contains(c)))
                {
                    flagged.Add(a.Oid);
                    context.Verdict(a, $"covered by {b.Name}");
                    context.Add(AuditSeverity.Warning, "duplicate-index", aName,
                        $"{a.Name} {Describe(a)} is covered by {b.Name} {Describe(b)} on {table}: every query on its columns can use {b.Name}; {a.Name} costs {Fmt.Bytes(a.Bytes)} and a write per row",
                        Drop(a));
                }
                else if (a.KeyColumns.Count < b.KeyColumns.Count && a.IsUnique && a.Predicate is null && !b.EnforcesConstraint && b.AccessMethod == "btree")
                {
                    flagged.Add(b.Oid);
                    context.Verdict(b, $"extends unique {a.Name}");
                    context.Add(AuditSeverity.Warning, "duplicate-index", bName,
                        $"{b.Name} {Describe(b)} on {table} extends the unique {a.Name} {Describe(a)}: at most one row per key, so its extra columns only help index-only scans — likely redundant",
                        Drop(b));
                }
            }
        }
    }

    private static string Drop(IndexDefinition index) =>
        index.Kind == "I" ? $"DROP INDEX {AuditNames.Qualified(index.Schema, index.Name)};" : $"DROP INDEX CONCURRENTLY {AuditNames.Qualified(index.Schema, index.Name)};";

    private static void RedundantPredicateColumns(AuditContext context, IndexDefinition index)
    {
        if (Or().IsMatch(index.Predicate!) || index.KeyColumns.Count < 2)
        {
            return;
        }

        foreach (var key in index.KeyColumns)
        {
            var column = Regex.Escape(key);
            var fixedByPredicate = new Regex($@"(^|[(\s]){column}\s*(=\s*(true|false|'[^']*'|-?\d+(\.\d+)?)|IS\s+(NOT\s+)?(NULL|TRUE|FALSE))|NOT\s+{column}\b|^\(?{column}\)?$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            if (!fixedByPredicate.IsMatch(index.Predicate!.Trim()))
            {
                continue;
            }

            var name = AuditNames.Qualified(index.Schema, index.Name);
            var smaller = "(" + string.Join(", ", index.DisplayKeys.Where((_, i) => index.KeyColumns[i] != key)) + ") WHERE " + index.Predicate;
            context.Verdict(index, $"{key} fixed by predicate");
            context.Add(AuditSeverity.Info, "redundant-index-column", name,
                $"{name} {Describe(index)}: {key} has one value under the predicate, so as a key column it only makes the index bigger — {smaller} serves the same queries");
        }
    }

    [GeneratedRegex(@"\bOR\b", RegexOptions.IgnoreCase)]
    private static partial Regex Or();
}
