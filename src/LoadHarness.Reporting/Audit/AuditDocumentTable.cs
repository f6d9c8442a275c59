namespace LoadHarness.Reporting.Audit;

/// <summary>A table of the page: an id (its anchor and key in audit.json), a title, an optional caption, columns and rows.</summary>
public sealed record AuditDocumentTable
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Caption { get; init; }

    public required IReadOnlyList<AuditColumn> Columns { get; init; }

    public required IReadOnlyList<AuditRow> Rows { get; init; }

    /// <summary>Shown instead of an empty table.</summary>
    public string? EmptyText { get; init; }
}
