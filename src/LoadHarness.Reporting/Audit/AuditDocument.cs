namespace LoadHarness.Reporting.Audit;

/// <summary>
/// What an audit page (audit.md/html/json) or a query benchmark page (queries.md/html/json) shows: a verdict, facts,
/// findings with severities, notes and tables of typed cells. Reporting's own records: the command maps the database
/// results onto them, so Reporting knows nothing of PostgreSQL.
/// </summary>
public sealed record AuditDocument
{
    /// <summary>"audit" or "queries": the file names (audit.json, queries.json) and the page's kind.</summary>
    public required string Kind { get; init; }

    public required string Title { get; init; }

    public required AuditVerdict Verdict { get; init; }

    /// <summary>Label/value lines under the verdict: server, database, role, window, ...</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Facts { get; init; } = [];

    public IReadOnlyList<AuditDocumentFinding> Findings { get; init; } = [];

    public IReadOnlyList<string> Notes { get; init; } = [];

    public IReadOnlyList<AuditDocumentTable> Tables { get; init; } = [];

    /// <summary>The command line that made it, for the footer.</summary>
    public string? Command { get; init; }
}
