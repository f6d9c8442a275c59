namespace LoadHarness.Core.Results;

/// <summary>
/// The immutable outcome of one run (or of several merged segments). Every report format is a
/// function of this record; <c>result.json</c> is its canonical serialisation (see <see cref="RunResultJson"/>).
/// All latencies are milliseconds; histograms inside are microseconds.
/// Collections and strings with a default keep it when set to null (<c>init => field = value ?? []</c>, here and in the
/// records below): the compile-time JSON metadata (ResultJsonContext) sets every init-only property, so a result.json
/// written before a property existed would otherwise read it as null (dotnet/runtime#84484).
/// </summary>
public sealed record RunResult
{
    /// <summary>Bumped when the JSON shape changes incompatibly.</summary>
    public int SchemaVersion { get; init; } = 1;

    public required TestInfo Test { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    /// <summary>How the run ended: completed, aborted by an abortOnFail threshold, or interrupted (Ctrl+C / SIGTERM).</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Why the run stopped early (the threshold that aborted it, or the signal), else null.</summary>
    public string? StopReason { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset EndedUtc { get; init; }

    /// <summary>
    /// When the load began recording (after the scenarios' init hooks and warm-up: the timeline's second 0): what series
    /// measured beside the run are aligned to. Not written to result.json (its series are aligned already); null for a
    /// result read back or merged.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? LoadStartedUtc { get; init; }

    public required double DurationMs { get; init; }

    /// <summary>The execution segment this process ran (<c>"0:1"</c> for the whole test; several when merged).</summary>
    public IReadOnlyList<string> Segments { get; init => field = value ?? ["0:1"]; } = ["0:1"];

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init => field = value ?? []; } = [];

    /// <summary>Extra sections captured during the run (e.g. database health); rendered generically.</summary>
    public IReadOnlyList<ReportSection> Sections { get; init => field = value ?? []; } = [];

    /// <summary>Named figures measured beside the load (database, application), judged by measurement thresholds.</summary>
    public IReadOnlyList<Measurement> Measurements { get; init => field = value ?? []; } = [];

    /// <summary>Named figures sampled every second beside the load (connections, pool usage), for charts and thresholds.</summary>
    public IReadOnlyList<MeasurementSeries> Series { get; init => field = value ?? []; } = [];

    /// <summary>True when every threshold held (and there were none with no data).</summary>
    public bool Passed => Thresholds.All(t => t.Passed);

    /// <summary>All requests and the failed ones, as the thresholds count them (<see cref="ScenarioResult.RequestStats"/>).</summary>
    public (long Requests, long Failed) RequestCounts()
    {
        var blocks = Scenarios.SelectMany(s => s.RequestStats()).ToArray();
        return (blocks.Sum(b => b.RequestCount), blocks.Sum(b => b.FailCount));
    }
}

public enum RunStatus
{
    Completed,
    Aborted,
    Interrupted,
}
