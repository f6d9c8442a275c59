namespace LoadHarness.Core.Results;

/// <summary>
/// A generic extra section of a result (database health, query benchmarks, before/after, ...):
/// tables of already-formatted cells, so reports render it without knowing where it came from.
/// </summary>
public sealed record ReportSection
{
    /// <summary>A stable id ("database", "query-benchmarks"), used for anchors and lookups.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public IReadOnlyList<string> Notes { get; init => field = value ?? []; } = [];

    public IReadOnlyList<ReportTable> Tables { get; init => field = value ?? []; } = [];
}

public sealed record ReportTable
{
    public required string Title { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Rows of cells formatted with the invariant culture, units included.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }
}
