namespace LoadHarness.Postgres.Audit;

/// <summary>One pg_stat_statements entry over the window (in an interval audit: calls and times are deltas; max is lifetime).</summary>
public sealed record StatementAudit
{
    public long? QueryId { get; init; }

    public required string Role { get; init; }

    public required string Query { get; init; }

    public bool TopLevel { get; init; } = true;

    public long Calls { get; init; }

    public double TotalMs { get; init; }

    public double MeanMs => Calls > 0 ? TotalMs / Calls : 0;

    /// <summary>The largest single execution since the entry was created (not a delta).</summary>
    public double MaxMs { get; init; }

    public long Rows { get; init; }

    public long SharedBlocksHit { get; init; }

    public long SharedBlocksRead { get; init; }

    public double? HitPercent => SharedBlocksHit + SharedBlocksRead > 0 ? 100.0 * SharedBlocksHit / (SharedBlocksHit + SharedBlocksRead) : null;
}
