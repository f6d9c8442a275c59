using LoadHarness.Core.Capacity;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>The validated capacity search: the config's Capacity section with the flags over it.</summary>
internal sealed record CapacityPlan
{
    public static readonly TimeSpan DefaultStepDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(10);
    public static readonly IReadOnlyList<string> DefaultGate = ["p(95) < 500", "rate < 0.01"];

    public const int DefaultStep = 10;
    public const int DefaultMaxStepsFactor = 20;

    public required string Scenario { get; init; }

    /// <summary>The gate's expressions; null = the scenario's own thresholds (or <see cref="DefaultGate"/> when it has none).</summary>
    public IReadOnlyList<string>? Gate { get; init; }

    public required CapacitySearchOptions Search { get; init; }

    public required TimeSpan StepDuration { get; init; }

    public required TimeSpan WarmUp { get; init; }

    /// <summary>
    /// Names this search for its segments (--search-id; capacity-job.yaml passes the Job's uid): a segment's result or
    /// roll-call entry with another id is an earlier search's, whatever its time. Null: told apart by time alone.
    /// </summary>
    public string? SearchId { get; init; }

    /// <summary>How long a segment waits for the others: at the start, and past each step's length (--segment-wait).</summary>
    public TimeSpan SegmentWait { get; init; } = CapacityStepRunner.SegmentTimeout;

    /// <summary>Think time for Little's law; null = the scenario's mean think time, or 1 s when it has none.</summary>
    public TimeSpan? ThinkTime { get; init; }
}
