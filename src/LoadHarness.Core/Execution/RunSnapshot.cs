namespace LoadHarness.Core.Execution;

/// <summary>The live state of a run, once a second, for the console.</summary>
public sealed record RunSnapshot(TimeSpan Elapsed, IReadOnlyList<ScenarioSnapshot> Scenarios, IReadOnlyList<ThresholdState> Thresholds);

/// <summary>One scenario's live state. Rates and p95 are over the last second; ErrorRate too.</summary>
public sealed record ScenarioSnapshot
{
    public required string Name { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>The planned duration (warm-up excluded).</summary>
    public required TimeSpan Total { get; init; }

    public bool IsWarmingUp { get; init; }

    public bool IsFinished { get; init; }

    public int ActiveVUs { get; init; }

    /// <summary>Closed: planned VUs now. Open: planned iterations/s now.</summary>
    public double PlannedLoad { get; init; }

    public double Rps { get; init; }

    public double P95Ms { get; init; }

    public double ErrorRate { get; init; }

    public long TotalRequests { get; init; }

    public long TotalFailures { get; init; }

    public long Dropped { get; init; }
}

/// <summary>A threshold judged on cumulative statistics so far (final judgement happens at the end).</summary>
public sealed record ThresholdState(string Expression, string? Scenario, string? Step, bool Passing, string Description)
{
    /// <summary>Nothing recorded for it yet (warm-up, a ramp still at 0 VUs): not a crossing while the run goes on.</summary>
    public bool NoData { get; init; }
}
