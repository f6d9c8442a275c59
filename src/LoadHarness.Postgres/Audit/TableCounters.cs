namespace LoadHarness.Postgres.Audit;

/// <summary>
/// One row of pg_stat_user_tables joined with pg_statio_user_tables and pg_class, as read (not yet summed over
/// partitions). Counters are cumulative; <see cref="LiveRows"/>, <see cref="DeadRows"/> and the sizes are gauges.
/// </summary>
public sealed record TableCounters
{
    public required long Oid { get; init; }

    public required string Schema { get; init; }

    public required string Name { get; init; }

    /// <summary>pg_class.relkind: r table, p partitioned table, m materialized view, t toast.</summary>
    public required string Kind { get; init; }

    /// <summary>The top of its partition tree (pg_partition_root), or its own oid.</summary>
    public required long RootOid { get; init; }

    public required string RootSchema { get; init; }

    public required string RootName { get; init; }

    public long SeqScans { get; init; }

    public long SeqRowsRead { get; init; }

    /// <summary>Null when the table has no index at all (pg_stat_user_tables.idx_scan is NULL then).</summary>
    public long? IndexScans { get; init; }

    public long IndexRowsFetched { get; init; }

    public long Inserts { get; init; }

    public long Updates { get; init; }

    public long HotUpdates { get; init; }

    public long Deletes { get; init; }

    public long LiveRows { get; init; }

    /// <summary>The heap's pages (<see cref="AuditSql.HeapPages"/>).</summary>
    public long HeapPages { get; init; }

    public long DeadRows { get; init; }

    public long HeapBlocksRead { get; init; }

    public long HeapBlocksHit { get; init; }

    public long IndexBlocksRead { get; init; }

    public long IndexBlocksHit { get; init; }

    public long TotalBytes { get; init; }

    /// <summary>last_seq_scan (PostgreSQL 16+; null before).</summary>
    public DateTimeOffset? LastSeqScan { get; init; }

    public DateTimeOffset? LastVacuum { get; init; }

    public DateTimeOffset? LastAutovacuum { get; init; }

    public DateTimeOffset? LastAnalyze { get; init; }

    /// <summary>fillfactor from reloptions (null: the default, 100).</summary>
    public int? FillFactor { get; init; }

    public bool IsPartition => RootOid != Oid;
}
