namespace LoadHarness.Postgres.Audit;

/// <summary>One index over the audit window (a partitioned index: the sum of its partitions' indexes) and what the critique found.</summary>
public sealed record IndexAudit
{
    public required string Schema { get; init; }

    public required string Table { get; init; }

    public required string Name { get; init; }

    public required string Definition { get; init; }

    public required IReadOnlyList<string> KeyColumns { get; init; }

    public string? Predicate { get; init; }

    public bool IsUnique { get; init; }

    public bool IsPrimary { get; init; }

    public bool IsValid { get; init; } = true;

    public long Scans { get; init; }

    public long TuplesRead { get; init; }

    public long Bytes { get; init; }

    public long BlocksRead { get; init; }

    public long BlocksHit { get; init; }

    public DateTimeOffset? LastScan { get; init; }

    /// <summary>Partition indexes summed into it (0 for a plain index).</summary>
    public int Partitions { get; init; }

    /// <summary>Short verdicts of the critique: "unused", "covered by idx_b", "blocks HOT updates (is_read)", ...</summary>
    public IReadOnlyList<string> Verdicts { get; init; } = [];

    public double? HitPercent => BlocksHit + BlocksRead > 0 ? 100.0 * BlocksHit / (BlocksHit + BlocksRead) : null;
}
