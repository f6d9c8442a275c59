namespace LoadHarness.Postgres.QueryBench;

/// <summary>How <see cref="QueryBenchRunner"/> measures.</summary>
public sealed record QueryBenchOptions
{
    /// <summary>Measured runs per query (a query's Runs overrides it).</summary>
    public int Runs { get; init; } = 20;

    /// <summary>Unmeasured runs first (plan cache, catalog and buffer warm-up).</summary>
    public int WarmUpRuns { get; init; } = 1;

    /// <summary>A sequential scan over a table of at least this many rows is flagged (the seed's script 4: 10,000).</summary>
    public long BigTableRows { get; init; } = 10_000;

    /// <summary>A query whose plan reads a big table sequentially fails even when its time meets the target (the seed: "sequential scans: minimize").</summary>
    public bool FailOnBigSequentialScan { get; init; }

    /// <summary>Rows kept from a parameter's From query.</summary>
    public int MaxParameterRows { get; init; } = 1_000;
}
