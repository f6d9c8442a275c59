namespace LoadHarness.Postgres.Audit;

/// <summary>What an audit looks at and the thresholds of its findings (defaults: the seed's).</summary>
public sealed record AuditOptions
{
    /// <summary>
    /// The index usage (index scans ÷ all scans) counts the tables whose heap has at least this many pages (64 kB at
    /// 8 kB pages). A smaller table is read sequentially by design, indexed or not: its scans cost a few page reads, and
    /// the planner prefers them to an index (pgbench's 10-row branches table, one page, is never read by its primary key).
    /// Counted, such scans made a well-indexed database miss the seed's "&gt; 95 %". Pages, not rows: a file's size is
    /// exact, while n_live_tup after a pg_stat_reset() counts only the rows inserted since.
    /// </summary>
    public const long IndexUsageMinPages = 8;

    /// <summary>Schemas to audit; null audits every user schema.</summary>
    public IReadOnlyList<string>? Schemas { get; init; }

    /// <summary>A table is big from this many rows, and a sequential scan "large" from this many rows read per scan (the seed's script 4: 10,000); a tenth of it read almost only sequentially is worth an info.</summary>
    public long BigTableRows { get; init; } = 10_000;

    /// <summary>A statement is slow from this mean execution time (the seed's script 2: 50 ms).</summary>
    public double SlowStatementMs { get; init; } = 50;

    /// <summary>How many slow statements to list (the seed's script 2: 20).</summary>
    public int SlowStatements { get; init; } = 20;

    /// <summary>How many statements to list by total time.</summary>
    public int TopStatements { get; init; } = 10;

    /// <summary>Sequential scans a table needs in the window before they are judged.</summary>
    public long MinScans { get; init; } = 10;

    /// <summary>Updates a table needs in the window before its HOT share is judged.</summary>
    public long MinUpdates { get; init; } = 100;

    /// <summary>Block reads (hit + read) needed in the window before a cache hit ratio is judged.</summary>
    public long MinBlocksForHitRatio { get; init; } = 10_000;

    /// <summary>The seed's index and table hit ratio target, in percent.</summary>
    public double HitRatioTargetPercent { get; init; } = 99;

    /// <summary>The seed's connection pool target: usage below this percentage of max_connections.</summary>
    public double ConnectionTargetPercent { get; init; } = 80;

    /// <summary>Dead rows (percent of all rows) from which a table counts as bloated.</summary>
    public double DeadRowsPercent { get; init; } = 20;
}
