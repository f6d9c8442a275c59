namespace LoadHarness.Core.Thresholds;

/// <summary>What a threshold looks at.</summary>
public enum ThresholdMetric
{
    /// <summary>Latency of every request (k6 http_req_duration). The default for p(N), avg, med, min, max.</summary>
    Latency,

    /// <summary>Latency of ok requests (NBomber OkLatency).</summary>
    OkLatency,

    /// <summary>Latency of failed requests.</summary>
    FailLatency,

    /// <summary>All requests (count, rps). The default for count and rps.</summary>
    Requests,

    /// <summary>Ok requests (NBomber OkRequest): count, rps, rate/percent of all.</summary>
    OkRequests,

    /// <summary>Failed requests (NBomber FailRequest, k6 http_req_failed): rate/percent of all, count, rps. The default for rate.</summary>
    FailedRequests,

    /// <summary>k6 checks: rate/percent passed, count of failed checks.</summary>
    Checks,

    /// <summary>Iterations: count completed, rps, dropped.</summary>
    Iterations,

    /// <summary>Requests with one status code (NBomber StatusCode): count, rate/percent of all.</summary>
    StatusCode,

    /// <summary>
    /// A named measurement of the run (<see cref="Results.RunResult.Measurements"/>) or, with a statistic, of a sampled
    /// series (<see cref="Results.RunResult.Series"/>): <c>db.index_hit_ratio &gt; 0.99</c>, <c>app.pool_usage: max &lt; 0.8</c>.
    /// </summary>
    Measurement,

    /// <summary>
    /// Latency of whole iterations, their steps together without think time (k6 iteration_duration): the scenario's
    /// own row, not its requests. Judged on the scenarios of the scope (a config Step on it is refused as bad input).
    /// </summary>
    IterationDuration,
}
