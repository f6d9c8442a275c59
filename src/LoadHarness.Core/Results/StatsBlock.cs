namespace LoadHarness.Core.Results;

/// <summary>
/// Final statistics of one scenario or step. Latencies in milliseconds. The encoded HdrHistograms
/// (microseconds, 1 µs .. 1 h, 3 significant digits) make merging results of several processes exact.
/// </summary>
public sealed record StatsBlock
{
    public long RequestCount { get; init; }

    public long OkCount { get; init; }

    public long FailCount { get; init; }

    /// <summary>Requests per second over the scenario's duration.</summary>
    public double Rps { get; init; }

    /// <summary>FailCount / RequestCount, 0..1 (0 when there were no requests).</summary>
    public double ErrorRate { get; init; }

    /// <summary>Latency of every request (ok and failed), as k6's http_req_duration.</summary>
    public required LatencyStats Latency { get; init; }

    /// <summary>Latency of ok requests only, as NBomber's OkLatency.</summary>
    public required LatencyStats OkLatency { get; init; }

    public long BytesTotal { get; init; }

    /// <summary>The status code of a request that gave none: a Sql or db_* step, or an HTTP request that got no answer.</summary>
    public const string NoStatusCode = "none";

    /// <summary>Counts by status code as text ("200", "503"; <see cref="NoStatusCode"/> when the step gave no code).</summary>
    public IReadOnlyDictionary<string, long> StatusCodes { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();

    /// <summary>Failures by kind ("timeout", "connection refused", "status 500", ...), most frequent first.</summary>
    public IReadOnlyList<ErrorKindCount> Errors { get; init => field = value ?? []; } = [];

    /// <summary>Samples above the histogram's range (1 h), recorded as the maximum.</summary>
    public long ClampedCount { get; init; }

    /// <summary>Base64 of the compressed HdrHistogram encoding (microseconds) of ok latencies.</summary>
    public string? OkHistogram { get; init; }

    /// <summary>Base64 of the compressed HdrHistogram encoding (microseconds) of failed latencies.</summary>
    public string? FailHistogram { get; init; }

    /// <summary>
    /// A provisional result's live cumulative histograms instead of the encoded ones (never written): the run's monitor
    /// judges thresholds on them every second while it holds the scenario's collector gate.
    /// </summary>
    internal HdrHistogram.HistogramBase? LiveOk { get; init; }

    internal HdrHistogram.HistogramBase? LiveFail { get; init; }
}

public sealed record LatencyStats
{
    public static readonly LatencyStats Empty = new();

    public double MinMs { get; init; }

    public double MeanMs { get; init; }

    public double StdDevMs { get; init; }

    public double P50Ms { get; init; }

    public double P75Ms { get; init; }

    public double P90Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }
}

public sealed record ErrorKindCount
{
    public required string Kind { get; init; }

    public long Count { get; init; }

    /// <summary>The first message seen for this kind (secrets removed), for a reader to start from.</summary>
    public string? FirstMessage { get; init; }
}
