using System.Globalization;
using LoadHarness.Postgres.Audit;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>The audit page's tables: targets, the seed's four scripts, cache, HOT, indexes, foreign keys, connections.</summary>
internal static class AuditTables
{
    public static IReadOnlyList<AuditDocumentTable> Build(AuditReport r) =>
    [
        new()
        {
            Id = "targets",
            Title = "The seed's database targets",
            Columns = [new("metric", "metric"), new("value", "value", AuditColumnKind.Number), new("unit", "unit"), new("target", "target"), new("verdict", "verdict")],
            Rows = r.Targets.Select(t => new AuditRow([t.Name, AuditCell.Number(t.Value), t.Unit, t.Target, t.Met switch { true => "ok", false => "MISSED", _ => "not judged" }],
                t.Met switch { true => "ok", false => "fail", _ => null })).ToArray(),
        },
        new()
        {
            Id = "scans",
            Title = "Sequential vs index scans per table (scripts 1 and 4)",
            Caption = "A partitioned table carries the sum of its partitions. A parallel scan counts once per worker. Index scans '-': the table has no index.",
            Columns =
            [
                new("table", "table"), new("partitions", "partitions", AuditColumnKind.Count), new("seq_scans", "seq scans", AuditColumnKind.Count),
                new("seq_rows_read", "seq rows read", AuditColumnKind.Count), new("rows_per_seq_scan", "rows per seq scan", AuditColumnKind.Count),
                new("index_scans", "index scans", AuditColumnKind.Count), new("index_usage", "index usage", AuditColumnKind.Percent),
                new("live_rows", "rows", AuditColumnKind.Count), new("size", "size", AuditColumnKind.Bytes), new("last_seq_scan", "last seq scan"),
            ],
            Rows = r.Tables.Select(t => new AuditRow(
                [t.DisplayName, t.Partitions, t.SeqScans, t.SeqRowsRead, AuditCell.Number(t.RowsPerSeqScan), AuditCell.Number(t.IndexScans), AuditCell.Number(t.IndexUsagePercent),
                 t.LiveRows, t.TotalBytes, Time(t.LastSeqScan)],
                Status(r, "sequential-scans", t.DisplayName))).ToArray(),
        },
        Statements("slow-statements", $"Slow statements: mean above the seed's 50 ms (script 2)", r.SlowStatements,
            r.StatementsAvailability == StatementsAvailability.Available ? "No statement's mean is above the threshold." : "pg_stat_statements is not available (see the notes)."),
        Statements("top-statements", "Top statements by total time", r.TopStatements,
            r.StatementsAvailability == StatementsAvailability.Available ? "No statement ran in the window." : "pg_stat_statements is not available (see the notes)."),
        new()
        {
            Id = "bloat",
            Title = "Dead rows per table (script 3)",
            Caption = "n_dead_tup and n_live_tup are estimates at the last snapshot, not deltas.",
            Columns =
            [
                new("table", "table"), new("live_rows", "live rows", AuditColumnKind.Count), new("dead_rows", "dead rows", AuditColumnKind.Count),
                new("dead_percent", "dead", AuditColumnKind.Percent), new("last_autovacuum", "last autovacuum"), new("last_vacuum", "last vacuum"),
            ],
            Rows = r.Tables.Where(t => t.LiveRows > 0).OrderByDescending(t => t.DeadRows)
                .Select(t => new AuditRow([t.DisplayName, t.LiveRows, t.DeadRows, AuditCell.Number(t.DeadRowsPercent), Time(t.LastAutovacuum), Time(t.LastVacuum)],
                    Status(r, "table-bloat", t.DisplayName))).ToArray(),
        },
        new()
        {
            Id = "cache",
            Title = "Cache hit ratios per table (pg_statio)",
            Columns =
            [
                new("table", "table"), new("heap_hit", "heap hit", AuditColumnKind.Percent), new("heap_read", "heap blocks read", AuditColumnKind.Count),
                new("index_hit", "index hit", AuditColumnKind.Percent), new("index_read", "index blocks read", AuditColumnKind.Count),
            ],
            Rows = r.Tables.Where(t => t.HeapBlocksHit + t.HeapBlocksRead + t.IndexBlocksHit + t.IndexBlocksRead > 0)
                .OrderByDescending(t => t.HeapBlocksRead + t.IndexBlocksRead)
                .Select(t => new AuditRow([t.DisplayName, AuditCell.Number(t.HeapHitPercent), t.HeapBlocksRead, AuditCell.Number(t.IndexHitPercent), t.IndexBlocksRead])).ToArray(),
            EmptyText = "No block was read in the window.",
        },
        new()
        {
            Id = "updates",
            Title = "Updates and HOT updates per table",
            Caption = "A HOT update stays on its page and writes no index entry; an index on an updated column (key or partial predicate) rules it out.",
            Columns =
            [
                new("table", "table"), new("updates", "updates", AuditColumnKind.Count), new("hot_updates", "HOT updates", AuditColumnKind.Count),
                new("hot_percent", "HOT", AuditColumnKind.Percent), new("fillfactor", "fillfactor", AuditColumnKind.Count),
            ],
            Rows = r.Tables.Where(t => t.Updates > 0).OrderByDescending(t => t.Updates)
                .Select(t => new AuditRow([t.DisplayName, t.Updates, t.HotUpdates, AuditCell.Number(t.HotPercent), AuditCell.Number(t.FillFactor ?? 100)])).ToArray(),
            EmptyText = "No updates in the window.",
        },
        new()
        {
            Id = "indexes",
            Title = "Indexes and the critique",
            Columns =
            [
                new("table", "table"), new("index", "index"), new("definition", "keys and predicate"), new("scans", "scans", AuditColumnKind.Count),
                new("size", "size", AuditColumnKind.Bytes), new("hit", "hit", AuditColumnKind.Percent), new("verdicts", "critique"),
            ],
            Rows = r.Indexes.Select(i => new AuditRow(
                [i.Table, i.Name, "(" + string.Join(", ", i.KeyColumns) + ")" + (i.Predicate is null ? "" : " WHERE " + i.Predicate) + (i.IsPrimary ? " primary key" : i.IsUnique ? " unique" : ""),
                 i.Scans, i.Bytes, AuditCell.Number(i.HitPercent), string.Join("; ", i.Verdicts)],
                i.Verdicts.Count > 0 ? "warning" : null)).ToArray(),
        },
        new()
        {
            Id = "foreign-keys",
            Title = "Foreign keys without an index",
            Columns = [new("table", "table"), new("columns", "columns"), new("references", "references"), new("constraint", "constraint"), new("rows", "rows", AuditColumnKind.Count)],
            Rows = r.UnindexedForeignKeys.Select(f => new AuditRow([f.Table, string.Join(", ", f.Columns), f.References, f.Constraint, f.TableRows])).ToArray(),
            EmptyText = "Every foreign key leads an index.",
        },
        new()
        {
            Id = "connections",
            Title = "Connections",
            Columns = [new("metric", "metric"), new("value", "value", AuditColumnKind.Number)],
            Rows =
            [
                new(["client connections", r.Connections.Total]),
                new(["active", r.Connections.Active]),
                new(["idle in transaction", r.Connections.IdleInTransaction]),
                new(["hidden from this role", r.Connections.Hidden]),
                new(["max_connections", r.Connections.MaxConnections]),
                new(["reserved for superusers", r.Connections.Reserved]),
                new(["usage (% of usable)", Math.Round(r.Connections.UsagePercent, 2)]),
            ],
        },
    ];

    private static AuditDocumentTable Statements(string id, string title, IReadOnlyList<StatementAudit> statements, string empty) => new()
    {
        Id = id,
        Title = title,
        Columns =
        [
            new("query", "query"), new("role", "role"), new("calls", "calls", AuditColumnKind.Count), new("mean_ms", "mean", AuditColumnKind.Ms),
            new("total_ms", "total", AuditColumnKind.Ms), new("max_ms", "max (lifetime)", AuditColumnKind.Ms), new("rows", "rows", AuditColumnKind.Count),
            new("hit_percent", "buffer hit", AuditColumnKind.Percent),
        ],
        Rows = statements.Select(s => new AuditRow([Shorten(s.Query), s.Role, s.Calls, s.MeanMs, s.TotalMs, s.MaxMs, s.Rows, AuditCell.Number(s.HitPercent)],
            s.MeanMs > 50 ? "warning" : null)).ToArray(),
        EmptyText = empty,
    };

    private static string? Status(AuditReport r, string kind, string subject) =>
        r.Findings.Where(f => f.Kind == kind && f.Subject == subject).Select(f => (AuditSeverity?)f.Severity).Max() switch
        {
            AuditSeverity.Critical => "critical",
            AuditSeverity.Warning => "warning",
            AuditSeverity.Info => "info",
            _ => null,
        };

    private static AuditCell Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : AuditCell.Empty;

    private static string Shorten(string query)
    {
        var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 200 ? text : text[..197] + "...";
    }
}
