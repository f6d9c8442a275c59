namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Every counter the audit reads, at one moment (one read-only transaction; PostgreSQL 15+ with
/// stats_fetch_consistency = snapshot). Two snapshots make an interval audit: the analysis subtracts them.
/// Nothing is ever reset.
/// </summary>
public sealed record StatsSnapshot
{
    /// <summary>now() on the server when the snapshot was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    public required ServerFacts Server { get; init; }

    public IReadOnlyList<TableCounters> Tables { get; init; } = [];

    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys { get; init; } = [];

    public IReadOnlyList<ColumnInfo> Columns { get; init; } = [];

    public IReadOnlyList<StatementCounters> Statements { get; init; } = [];

    public StatementsAvailability StatementsAvailability { get; init; }

    /// <summary>Connections at the snapshot.</summary>
    public required ConnectionAudit Connections { get; init; }

    /// <summary>pg_stat_database of this database: committed transactions (to tell whether a window saw traffic).</summary>
    public long TransactionsCommitted { get; init; }

    /// <summary>What could not be read, and why, in words (missing rights, missing extension).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
