using LoadHarness.Reporting.Audit;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>An audit page as the command maps it: every kind of cell, severity and table.</summary>
internal static class AuditDocuments
{
    public static AuditDocument Sample() => new()
    {
        Kind = "audit",
        Title = "Database audit · target on PostgreSQL 15.8",
        Verdict = new AuditVerdict("CRITICAL", false, "1 critical, 2 warnings, 1 info over the 60 s between two snapshots"),
        Facts =
        [
            new("server", "PostgreSQL 15.8"),
            new("database", "target"),
            new("window", "the 60 s between two snapshots"),
        ],
        Findings =
        [
            new(AuditLevel.Critical, "sequential-scans", "notifications",
                "notifications: 100 % of scans sequential (1,234 sequential, 0 index), 500,000 rows read per scan of 500,000 — index (user_id) WHERE is_read = false",
                "CREATE INDEX CONCURRENTLY ON notifications (user_id) WHERE is_read = false;"),
            new(AuditLevel.Warning, "hot-blocking-index", "idx_notifications_user_unread", "notifications: 3,000 updates, 0 % HOT — the partial index uses is_read <which> the updates set"),
            new(AuditLevel.Warning, "duplicate-index", "tasks_created_copy", "tasks_created_copy duplicates tasks_created", "DROP INDEX CONCURRENTLY tasks_created_copy;"),
            new(AuditLevel.Info, "unused-index", "tasks_created", "tasks_created: 0 scans in the 60 s window"),
        ],
        Notes = ["Window: the 60 s between two snapshots.", "Sizes come from pg_class.relpages."],
        Tables =
        [
            new AuditDocumentTable
            {
                Id = "scans",
                Title = "Sequential vs index scans (scripts 1 and 4)",
                Caption = "A partitioned table carries the sum of its partitions.",
                Columns =
                [
                    new("table", "table"), new("seq_scans", "seq scans", AuditColumnKind.Count), new("rows_per_scan", "rows per scan", AuditColumnKind.Number),
                    new("index_usage", "index usage", AuditColumnKind.Percent), new("size", "size", AuditColumnKind.Bytes), new("mean", "mean", AuditColumnKind.Ms),
                ],
                Rows =
                [
                    new([ "notifications", 1234, 500000.5, 0.0, 123456789L, 0.1234 ], "critical"),
                    new([ "api_keys", 30, 250, 99.82, 8192, 12.5 ], "warning"),
                    new([ "users", 3, AuditCell.Empty, AuditCell.Empty, 1024 * 1024, 1500 ], null),
                ],
            },
            new AuditDocumentTable
            {
                Id = "foreign-keys",
                Title = "Foreign keys without an index",
                Columns = [new("table", "table"), new("columns", "columns")],
                Rows = [],
                EmptyText = "Every foreign key has an index.",
            },
        ],
        Command = "loadharness audit --interval 60s",
    };
}
