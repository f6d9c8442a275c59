namespace LoadHarness.Postgres.QueryBench;

/// <summary>The result of <c>bench-queries</c>: every query's figures and verdict.</summary>
public sealed record QueryBenchReport
{
    public required string ServerVersion { get; init; }

    public required string Database { get; init; }

    public required string Role { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required IReadOnlyList<QueryBenchResult> Queries { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>No error and every target met.</summary>
    public bool Passed => Queries.All(q => !q.Failed);
}
