using System.Text.Json.Serialization;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Results;

/// <summary>A threshold judged on final statistics, with the observed value beside the limit.</summary>
public sealed record ThresholdOutcome
{
    /// <summary>The expression as written, e.g. "p(95) &lt; 500".</summary>
    public required string Expression { get; init; }

    /// <summary>Scenario name, or null for every scenario together.</summary>
    public string? Scenario { get; init; }

    /// <summary>Step name within the scenario, or null for the scenario level.</summary>
    public string? Step { get; init; }

    /// <summary>The metric judged: "p(95)", "rate", "rps", "checks", "dropped", ...</summary>
    public required string Metric { get; init; }

    /// <summary>What the metric measures, from the parsed expression (not written to result.json: its reader derives it again).</summary>
    [JsonIgnore]
    public ThresholdMetric Kind { get; init; }

    /// <summary>The statistic judged, from the parsed expression (not written to result.json).</summary>
    [JsonIgnore]
    public ThresholdStat Stat { get; init; }

    /// <summary>The unit of <see cref="Observed"/> and the limit, from the parsed expression (not written to result.json).</summary>
    [JsonIgnore]
    public ThresholdUnit Unit { get; init; }

    public required bool Passed { get; init; }

    /// <summary>The observed value (ms for latency, 0..1 for rates), null when there was no data.</summary>
    public double? Observed { get; init; }

    /// <summary>Human text: "p(95)=612.4 ms, limit &lt; 500 ms", or "no data".</summary>
    public required string Description { get; init; }

    public bool NoData { get; init; }

    /// <summary>True when this threshold crossed during the run and abortOnFail stopped it.</summary>
    public bool AbortedRun { get; init; }
}
