namespace LoadHarness.Postgres.Audit;

/// <summary>
/// One index with its definition (pg_index, pg_get_indexdef) and counters (pg_stat_user_indexes, pg_statio_user_indexes).
/// A partition's index attached to a partitioned index is folded into that parent by the analysis.
/// </summary>
public sealed record IndexDefinition
{
    public required long Oid { get; init; }

    public required string Schema { get; init; }

    public required string Name { get; init; }

    /// <summary>The table's oid (for a partitioned index: the partitioned table).</summary>
    public required long TableOid { get; init; }

    public required string TableName { get; init; }

    /// <summary>The top of the index's partition tree (a partitioned index), or its own oid.</summary>
    public required long RootOid { get; init; }

    /// <summary>pg_class.relkind: i index, I partitioned index.</summary>
    public required string Kind { get; init; }

    public required string AccessMethod { get; init; }

    /// <summary>pg_get_indexdef.</summary>
    public required string Definition { get; init; }

    /// <summary>Key columns as pg_get_indexdef(index, n) gives them: a column name or an expression.</summary>
    public required IReadOnlyList<string> KeyColumns { get; init; }

    /// <summary>Per key column: DESC, NULLS FIRST and the opclass/collation when not the default, to compare orderings.</summary>
    public required IReadOnlyList<string> KeySignatures { get; init; }

    /// <summary>Key columns as written in CREATE INDEX: "created_at DESC" for a descending one.</summary>
    public IReadOnlyList<string> DisplayKeys => KeyColumns
        .Select((k, i) => i < KeySignatures.Count && int.TryParse(KeySignatures[i].Split('/')[0], out var option) && (option & 1) == 1 ? k + " DESC" : k)
        .ToArray();

    /// <summary>INCLUDE columns.</summary>
    public IReadOnlyList<string> IncludeColumns { get; init; } = [];

    /// <summary>Every table column the index uses: keys, INCLUDE, expressions and predicate (what blocks HOT updates).</summary>
    public IReadOnlyList<string> ReferencedColumns { get; init; } = [];

    /// <summary>The WHERE of a partial index (pg_get_expr), or null.</summary>
    public string? Predicate { get; init; }

    public bool IsUnique { get; init; }

    public bool IsPrimary { get; init; }

    public bool IsValid { get; init; } = true;

    /// <summary>The constraint it backs (primary key, unique, exclusion), or null.</summary>
    public string? Constraint { get; init; }

    /// <summary>idx_scan (null for a partitioned index: its partitions count).</summary>
    public long? Scans { get; init; }

    public long TuplesRead { get; init; }

    public long BlocksRead { get; init; }

    public long BlocksHit { get; init; }

    public long Bytes { get; init; }

    /// <summary>last_idx_scan (PostgreSQL 16+).</summary>
    public DateTimeOffset? LastScan { get; init; }

    /// <summary>Whether dropping it would drop a constraint: primary key, unique or exclusion.</summary>
    public bool EnforcesConstraint => IsPrimary || IsUnique || Constraint is not null;
}
