namespace LoadHarness.Postgres.Audit;

/// <summary>
/// One table over the audit window: a partitioned table carries the sum of its partitions (its own counters are zero).
/// Counters are deltas in an interval audit; rows, dead rows and size are the values at the last snapshot.
/// </summary>
public sealed record TableAudit
{
    public required string Schema { get; init; }

    public required string Name { get; init; }

    /// <summary>"table", "partitioned" or "materialized view".</summary>
    public required string Kind { get; init; }

    /// <summary>Partitions summed into it (0 for a plain table).</summary>
    public int Partitions { get; init; }

    public long SeqScans { get; init; }

    public long SeqRowsRead { get; init; }

    /// <summary>Null when the table has no index.</summary>
    public long? IndexScans { get; init; }

    public long IndexRowsFetched { get; init; }

    public long Inserts { get; init; }

    public long Updates { get; init; }

    public long HotUpdates { get; init; }

    public long Deletes { get; init; }

    public long LiveRows { get; init; }

    /// <summary>The heap's pages (a partitioned table: its partitions').</summary>
    public long HeapPages { get; init; }

    public long DeadRows { get; init; }

    public long HeapBlocksRead { get; init; }

    public long HeapBlocksHit { get; init; }

    public long IndexBlocksRead { get; init; }

    public long IndexBlocksHit { get; init; }

    /// <summary>Heap, TOAST and indexes, from pg_class.relpages (as of the last VACUUM/ANALYZE; read without locks).</summary>
    public long TotalBytes { get; init; }

    public DateTimeOffset? LastSeqScan { get; init; }

    public DateTimeOffset? LastAutovacuum { get; init; }

    public DateTimeOffset? LastVacuum { get; init; }

    public int? FillFactor { get; init; }

    /// <summary>Index scans as a share of all scans (the seed's script 1), null without scans.</summary>
    public double? IndexUsagePercent => SeqScans + (IndexScans ?? 0) is var all and > 0 ? 100.0 * (IndexScans ?? 0) / all : null;

    /// <summary>Sequential scans as a share of all scans, null without scans.</summary>
    public double? SeqScanPercent => IndexUsagePercent is { } usage ? 100 - usage : null;

    /// <summary>seq_tup_read / seq_scan (the seed's script 4). A parallel scan counts once per worker, so this is per worker.</summary>
    public double? RowsPerSeqScan => SeqScans > 0 ? (double)SeqRowsRead / SeqScans : null;

    /// <summary>Dead rows as a share of all rows (the seed's script 3).</summary>
    public double? DeadRowsPercent => LiveRows + DeadRows > 0 ? 100.0 * DeadRows / (LiveRows + DeadRows) : null;

    /// <summary>HOT updates as a share of updates.</summary>
    public double? HotPercent => Updates > 0 ? 100.0 * HotUpdates / Updates : null;

    /// <summary>Heap blocks found in shared buffers, in percent.</summary>
    public double? HeapHitPercent => HeapBlocksHit + HeapBlocksRead > 0 ? 100.0 * HeapBlocksHit / (HeapBlocksHit + HeapBlocksRead) : null;

    /// <summary>Index blocks found in shared buffers, in percent.</summary>
    public double? IndexHitPercent => IndexBlocksHit + IndexBlocksRead > 0 ? 100.0 * IndexBlocksHit / (IndexBlocksHit + IndexBlocksRead) : null;

    /// <summary>"notifications" in public, "audit.events" elsewhere.</summary>
    public string DisplayName => AuditNames.Qualified(Schema, Name);
}
