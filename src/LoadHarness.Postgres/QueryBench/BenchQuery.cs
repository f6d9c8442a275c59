namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// One query to benchmark with EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON): its SQL with @name parameters drawn from real
/// rows, a target, and optionally a role and settings to run it as (row-level security: the sample's app.user_id),
/// which adds the "RLS evaluation" figure: the median with them minus the median without.
/// </summary>
public sealed record BenchQuery
{
    public required string Name { get; init; }

    public required string Sql { get; init; }

    public IReadOnlyList<BenchParameter> Parameters { get; init; } = [];

    /// <summary>The target on the execution time (null: measured, not judged).</summary>
    public QueryTarget? Target { get; init; }

    /// <summary>Runs (null: the bench's default).</summary>
    public int? Runs { get; init; }

    /// <summary>SET LOCAL ROLE for each run (the connecting user must be a member, or a superuser).</summary>
    public string? Role { get; init; }

    /// <summary>set_config(name, value, true) for each run; a value "@name" takes that parameter's value.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The target on the RLS evaluation overhead in ms (median as the role minus median without), or null.</summary>
    public double? RlsTargetMs { get; init; }

    /// <summary>Whether it runs as a role or with settings (and so gets a run without them for the RLS figure).</summary>
    public bool HasRole => Role is not null || Settings.Count > 0;
}
