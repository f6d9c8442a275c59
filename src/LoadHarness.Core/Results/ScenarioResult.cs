namespace LoadHarness.Core.Results;

/// <summary>One scenario's outcome: the whole scenario's stats (all iterations), each step, the timeline and the plan.</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }

    /// <summary>"closed" (VUs loop) or "open" (iterations injected at a rate).</summary>
    public required LoadModel Model { get; init; }

    /// <summary>Stats of whole iterations (the scenario's own name); a scenario without explicit steps has only these.</summary>
    public required StatsBlock Stats { get; init; }

    /// <summary>Per step, in first-seen order. Empty when the scenario has no explicit steps.</summary>
    public IReadOnlyList<StepResult> Steps { get; init => field = value ?? []; } = [];

    public required IterationCounts Iterations { get; init; }

    /// <summary>One point per second of the run (1 s resolution is kept; ReportingInterval only changes display).</summary>
    public IReadOnlyList<IntervalPoint> Timeline { get; init => field = value ?? []; } = [];

    /// <summary>The planned load (VUs for closed, iterations/s for open) sampled every second, for the overlay.</summary>
    public IReadOnlyList<PlanPoint> PlannedLoad { get; init => field = value ?? []; } = [];

    /// <summary>k6-style checks, counted apart from failures.</summary>
    public IReadOnlyList<CheckResult> Checks { get; init => field = value ?? []; } = [];

    /// <summary>Wall time the scenario ran (warm-up excluded), ms.</summary>
    public required double DurationMs { get; init; }

    /// <summary>The highest number of concurrently busy VUs seen.</summary>
    public int PeakVUs { get; init; }

    /// <summary>
    /// Open model: how late iterations actually started behind their schedule (actual start − scheduled start, ms;
    /// 0 when on time; a new VU's first start includes its init). Null for the closed model. Merged results keep the
    /// worst of the parts per statistic (an upper bound).
    /// </summary>
    public LatencyStats? StartLateness { get; init; }

    /// <summary>
    /// The requests, as a scenario's thresholds judge them (k6's http_req_duration): its steps' stats when it has steps,
    /// else its iterations' (a method, so it is never written to result.json).
    /// </summary>
    public IEnumerable<StatsBlock> RequestStats() => Steps.Count > 0 ? Steps.Select(step => step.Stats) : [Stats];
}

public enum LoadModel
{
    Closed,
    Open,
}

public sealed record StepResult
{
    public required string Name { get; init; }

    public required StatsBlock Stats { get; init; }

    public IReadOnlyList<IntervalPoint> Timeline { get; init => field = value ?? []; } = [];
}

public sealed record IterationCounts
{
    public long Started { get; init; }

    public long Completed { get; init; }

    /// <summary>Open model: iterations that could not start because MaxVUs were all busy (never queued).</summary>
    public long Dropped { get; init; }
}

public sealed record CheckResult
{
    public required string Name { get; init; }

    /// <summary>The step the check belongs to, or null for a scenario-level check.</summary>
    public string? Step { get; init; }

    public long Passes { get; init; }

    public long Fails { get; init; }

    public double PassRate => Passes + Fails == 0 ? 0 : (double)Passes / (Passes + Fails);
}

public sealed record PlanPoint(double TimeSec, double Value);
