namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Pure: one snapshot (lifetime counters) or two (the delta of an interval) in, an <see cref="AuditReport"/> out.
/// </summary>
public static class AuditAnalyzer
{
    public static AuditReport Analyze(StatsSnapshot current, StatsSnapshot? baseline = null, AuditOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        options ??= new AuditOptions();
        var context = new AuditContext(current, baseline, options);
        var topLevel = context.Rollup.Statements.Where(s => s.TopLevel && !s.Query.StartsWith('<')).ToArray();
        var slowAll = topLevel.Where(s => s.MeanMs > options.SlowStatementMs && !IsMaintenance(s.Query)).OrderByDescending(s => s.MeanMs).ToArray();
        var slow = slowAll.Take(options.SlowStatements).ToArray();
        // Statements whose text the role may not read ("<insufficient privilege>"): workload or DDL cannot be told, so a
        // slow one leaves the target unknown rather than met.
        var hiddenSlow = context.Rollup.Statements.Count(s => s.TopLevel && s.Query.StartsWith('<') && s.MeanMs > options.SlowStatementMs);
        var top = context.Rollup.Statements.Where(s => s.TopLevel).OrderByDescending(s => s.TotalMs).Take(options.TopStatements).ToArray();

        var suggested = ScanCritique.Run(context);
        var largeScanTables = context.Findings.Count(f => f.Kind == "sequential-scans" && f.Severity >= AuditSeverity.Warning);
        IndexCritique.Run(context);
        HotCritique.Run(context);
        var foreignKeys = ForeignKeyCritique.Run(context, suggested);
        HealthCritique.Run(context, slow);

        var indexes = context.Rollup.Indexes
            .Select(i => (Index: i.Definition, i.Partitions, Table: context.Rollup.TableOf(i.Definition)))
            .Where(i => i.Table is not null)
            .Select(i => new IndexAudit
            {
                Schema = i.Index.Schema,
                Table = i.Table!.DisplayName,
                Name = i.Index.Name,
                Definition = i.Index.Definition,
                KeyColumns = i.Index.DisplayKeys,
                Predicate = i.Index.Predicate,
                IsUnique = i.Index.IsUnique,
                IsPrimary = i.Index.IsPrimary,
                IsValid = i.Index.IsValid,
                Scans = i.Index.Scans ?? 0,
                TuplesRead = i.Index.TuplesRead,
                Bytes = i.Index.Bytes,
                BlocksRead = i.Index.BlocksRead,
                BlocksHit = i.Index.BlocksHit,
                LastScan = i.Index.LastScan,
                Partitions = i.Partitions,
                Verdicts = context.Verdicts.GetValueOrDefault(i.Index.Oid) ?? [],
            })
            .OrderBy(i => i.Table, StringComparer.Ordinal).ThenBy(i => i.Scans).ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToArray();

        return new AuditReport
        {
            Server = current.Server,
            Window = context.Window,
            Targets = AuditTargets.Measure(context, slowAll.Length, hiddenSlow, largeScanTables),
            Tables = context.Rollup.Tables.Values.OrderByDescending(t => t.SeqScans).ThenBy(t => t.DisplayName, StringComparer.Ordinal).ToArray(),
            Indexes = indexes,
            SlowStatements = slow,
            TopStatements = top,
            UnindexedForeignKeys = foreignKeys,
            Connections = current.Connections,
            StatementsAvailability = current.StatementsAvailability,
            Findings = context.Findings
                .OrderByDescending(f => f.Severity).ThenBy(f => KindOrder(f.Kind)).ThenBy(f => f.Subject, StringComparer.Ordinal).ToArray(),
            Notes = AuditNotes.Build(context, baseline),
        };
    }

    /// <summary>DDL, maintenance and session statements: slow by nature, not the workload's queries.</summary>
    internal static bool IsMaintenance(string query)
    {
        var first = query.TrimStart().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToUpperInvariant();
        // EXPLAIN too: a diagnostic someone ran (bench-queries, explain(...) thresholds, a DBA), not the workload; an
        // EXPLAIN ANALYZE of a slow query was flagged as a slow statement of its own.
        return first is "CREATE" or "ALTER" or "DROP" or "VACUUM" or "ANALYZE" or "REINDEX" or "CLUSTER" or "CHECKPOINT" or "GRANT" or "REVOKE"
            or "COMMENT" or "COPY" or "TRUNCATE" or "SET" or "RESET" or "SHOW" or "BEGIN" or "COMMIT" or "ROLLBACK" or "LOCK" or "DISCARD" or "EXPLAIN";
    }

    private static int KindOrder(string kind) => kind switch
    {
        "sequential-scans" => 0,
        "slow-statement" => 1,
        "cache-hit-ratio" => 2,
        "connections" => 3,
        "hot-blocking-index" => 4,
        "unindexed-foreign-key" => 5,
        "duplicate-index" => 6,
        "invalid-index" => 7,
        "unused-index" => 8,
        "table-bloat" => 9,
        _ => 10,
    };
}
