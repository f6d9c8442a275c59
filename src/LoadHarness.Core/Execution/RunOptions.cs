using LoadHarness.Core.Load;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Execution;

/// <summary>How to run: the clock, the execution segment, the live observer and what goes into the result.</summary>
public sealed record RunOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>Called every second with a live snapshot (from a timer thread; keep it quick).</summary>
    public Action<RunSnapshot>? Observer { get; init; }

    /// <summary>Whether abortOnFail thresholds may stop the run (default true).</summary>
    public bool AbortOnFail { get; init; } = true;

    /// <summary>How often the drivers re-read the plan (closed: adjust VUs; open: start due arrivals). Default 10 ms.</summary>
    public TimeSpan ControlInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Called once after the scenarios' init hooks, just before the load starts (measurements beside the run forget
    /// what they saw during the preparation here).
    /// </summary>
    public Action? LoadStarting { get; init; }

    /// <summary>Overrides the environment captured at the start (tests, merges).</summary>
    public EnvironmentInfo? Environment { get; init; }

    public string? SessionId { get; init; }

    public string? ConfigPath { get; init; }

    public IReadOnlyDictionary<string, string> Targets { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
