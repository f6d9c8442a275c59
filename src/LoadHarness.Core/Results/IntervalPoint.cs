namespace LoadHarness.Core.Results;

/// <summary>One second (or merged interval) of a scenario's or step's timeline.</summary>
public sealed record IntervalPoint
{
    /// <summary>End of the interval, seconds since the scenario started (after warm-up).</summary>
    public double TimeSec { get; init; }

    /// <summary>Length of the interval in seconds (normally 1).</summary>
    public double IntervalSec { get; init; } = 1;

    /// <summary>Closed model: VUs alive at the end of the interval. Open model: busy VUs.</summary>
    public int ActiveVUs { get; init; }

    /// <summary>Open model: planned arrival rate (iterations/s) at the end of the interval; 0 for closed.</summary>
    public double TargetRate { get; init; }

    public long Started { get; init; }

    public long Completed { get; init; }

    public long Dropped { get; init; }

    public long Requests { get; init; }

    public long Ok { get; init; }

    public long Fail { get; init; }

    public double Rps { get; init; }

    public double ErrorRate { get; init; }

    public double P50Ms { get; init; }

    public double P75Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>Mean latency of the interval's requests; null in results written before it was recorded (and for merged charts' buckets).</summary>
    public double? MeanMs { get; init; }
}
