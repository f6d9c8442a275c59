namespace LoadHarness.Postgres.QueryBench;

/// <summary>One query's benchmark: EXPLAIN ANALYZE times over its runs, buffers, the plan, and the verdict on its target.</summary>
public sealed record QueryBenchResult
{
    public required string Name { get; init; }

    public required string Sql { get; init; }

    public QueryTarget? Target { get; init; }

    public int Runs { get; init; }

    /// <summary>Distinct parameter rows the runs cycled through.</summary>
    public int ParameterRows { get; init; }

    /// <summary>Every measured run's execution time, in ms, sorted (what <see cref="Execution"/> and the target's statistic are taken from).</summary>
    public IReadOnlyList<double> ExecutionTimesMs { get; init; } = [];

    public double ExecutionMedianMs { get; init; }

    public double ExecutionP95Ms { get; init; }

    public double ExecutionMaxMs { get; init; }

    public double PlanningMedianMs { get; init; }

    public double PlanningP95Ms { get; init; }

    /// <summary>The target's statistic of the execution times (e.g. the p95 for "p(95) &lt; 5"), or null without a target.</summary>
    public double? MeasuredMs { get; init; }

    /// <summary>Median shared buffers found in the cache per run.</summary>
    public double SharedHitMedian { get; init; }

    /// <summary>Median shared buffers read from disk (or the OS cache) per run.</summary>
    public double SharedReadMedian { get; init; }

    public double RowsMedian { get; init; }

    /// <summary>Every plan node type of the last run, in plan order.</summary>
    public IReadOnlyList<string> NodeTypes { get; init; } = [];

    /// <summary>The scans of the last run.</summary>
    public IReadOnlyList<PlanScan> Scans { get; init; } = [];

    /// <summary>Role it ran as (null: the connecting user).</summary>
    public string? Role { get; init; }

    /// <summary>Median execution as the role with its settings minus the median without them (the seed's "RLS evaluation"), or null.</summary>
    public double? RlsOverheadMs { get; init; }

    public double? RlsTargetMs { get; init; }

    /// <summary>Null: not judged (no target); else whether the target held.</summary>
    public bool? Met { get; init; }

    public bool? RlsMet { get; init; }

    /// <summary>Why it could not run (bad SQL, no parameter rows), or null.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// A statistic of the execution times, as a target takes it (nearest-rank percentiles): <paramref name="statistic"/>
    /// "avg" is the mean, anything else the <paramref name="percentile"/> (0: the minimum, 100: the maximum); NaN without runs.
    /// </summary>
    public double Execution(string statistic, double percentile) =>
        ExecutionTimesMs.Count == 0 ? double.NaN : new QueryTarget(statistic, percentile, double.MaxValue).Measure(ExecutionTimesMs);

    /// <summary>Tables read sequentially although big.</summary>
    public IReadOnlyList<string> BigSequentialScans => Scans.Where(s => s.IsBigSequentialScan && s.Relation is not null).Select(s => s.Relation!).Distinct().ToArray();

    /// <summary>Whether its big sequential scans count as a failure (<see cref="QueryBenchOptions.FailOnBigSequentialScan"/>).</summary>
    public bool FailsOnBigSequentialScan { get; init; }

    /// <summary>Failed: an error, a missed target, or a big sequential scan when those fail.</summary>
    public bool Failed => Error is not null || Met == false || RlsMet == false || (FailsOnBigSequentialScan && BigSequentialScans.Count > 0);
}
