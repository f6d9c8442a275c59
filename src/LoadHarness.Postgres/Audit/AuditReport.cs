namespace LoadHarness.Postgres.Audit;

/// <summary>
/// The result of one audit: the seed's four scripts (scans, slow statements, bloat, missing indexes) made correct for
/// PostgreSQL 13–17, cache hit ratios, the index critique, connections, and recommendations with severities.
/// Immutable; serializes with System.Text.Json (numbers are invariant, enums are names).
/// </summary>
public sealed record AuditReport
{
    public required ServerFacts Server { get; init; }

    public required AuditWindow Window { get; init; }

    public required IReadOnlyList<AuditTarget> Targets { get; init; }

    /// <summary>Every table, partitioned tables with their partitions summed, by sequential scans descending (script 1).</summary>
    public required IReadOnlyList<TableAudit> Tables { get; init; }

    public required IReadOnlyList<IndexAudit> Indexes { get; init; }

    /// <summary>Top-level statements with a mean above the slow threshold, slowest mean first (script 2).</summary>
    public required IReadOnlyList<StatementAudit> SlowStatements { get; init; }

    /// <summary>Top-level statements by total time in the window.</summary>
    public required IReadOnlyList<StatementAudit> TopStatements { get; init; }

    public required IReadOnlyList<ForeignKeyAudit> UnindexedForeignKeys { get; init; }

    public required ConnectionAudit Connections { get; init; }

    public required StatementsAvailability StatementsAvailability { get; init; }

    /// <summary>Recommendations, most severe first.</summary>
    public required IReadOnlyList<AuditFinding> Findings { get; init; }

    /// <summary>How to read the figures, and what could not be read (rights, extension).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>The most severe finding, or null when there is none.</summary>
    public AuditSeverity? WorstSeverity => Findings.Count == 0 ? null : Findings.Max(f => f.Severity);

    /// <summary>Whether any finding is at least <paramref name="severity"/> (the <c>--fail-on</c> gate).</summary>
    public bool HasFindingsAtLeast(AuditSeverity severity) => Findings.Any(f => f.Severity >= severity);
}
