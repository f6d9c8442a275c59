namespace LoadHarness.Postgres.Audit;

/// <summary>One pg_stat_statements entry of the audited database (cumulative).</summary>
public sealed record StatementCounters
{
    public required long UserId { get; init; }

    public required string Role { get; init; }

    /// <summary>Null when the role may not see it (another role's statement without pg_read_all_stats).</summary>
    public long? QueryId { get; init; }

    /// <summary>toplevel (pg_stat_statements 1.9+; true before): false for a statement run inside a function.</summary>
    public bool TopLevel { get; init; } = true;

    /// <summary>The normalized text ($1 for constants), or "&lt;insufficient privilege&gt;".</summary>
    public required string Query { get; init; }

    public long Calls { get; init; }

    public double TotalMs { get; init; }

    public double MaxMs { get; init; }

    public long Rows { get; init; }

    public long SharedBlocksHit { get; init; }

    public long SharedBlocksRead { get; init; }

    /// <summary>Whether the text is hidden from this role.</summary>
    public bool IsHidden => Query.StartsWith("<insufficient privilege>", StringComparison.Ordinal);

    /// <summary>The key that identifies it across two snapshots.</summary>
    public (long UserId, long? QueryId, bool TopLevel, string Query) Key => (UserId, QueryId, TopLevel, QueryId is null ? Query : "");
}
