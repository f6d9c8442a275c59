using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>How a metric's per-second samples are compared: latencies by ratio, throughput by ratio of sums, errors by difference.</summary>
public enum SampleKind
{
    Latency,
    Throughput,
    ErrorRate,
}

/// <summary>
/// One compared metric: its name and unit, which way is better, its value over the whole run (from the stats block)
/// and its per-second value (from the timeline). Compare is generic over these.
/// </summary>
public sealed record MetricDescriptor(string Name, string Unit, SampleKind Kind, Func<StatsBlock, double> Overall, Func<IntervalPoint, double?> PerSecond)
{
    public static readonly MetricDescriptor P50 = new("p50", "ms", SampleKind.Latency, s => s.Latency.P50Ms, p => p.P50Ms);
    public static readonly MetricDescriptor P95 = new("p95", "ms", SampleKind.Latency, s => s.Latency.P95Ms, p => p.P95Ms);
    public static readonly MetricDescriptor P99 = new("p99", "ms", SampleKind.Latency, s => s.Latency.P99Ms, p => p.P99Ms);
    public static readonly MetricDescriptor Mean = new("mean", "ms", SampleKind.Latency, s => s.Latency.MeanMs, p => p.MeanMs);
    public static readonly MetricDescriptor Rps = new("rps", "/s", SampleKind.Throughput, s => s.Rps, p => p.Requests / Seconds(p));
    public static readonly MetricDescriptor Errors = new("errors", "%", SampleKind.ErrorRate, s => s.ErrorRate * 100, p => p.Requests == 0 ? null : 100.0 * p.Fail / p.Requests);

    public static IReadOnlyList<MetricDescriptor> All { get; } = [P50, P95, P99, Mean, Rps, Errors];

    public bool LowerIsBetter => Kind != SampleKind.Throughput;

    /// <summary>The unit of the change's interval: percent of the baseline for ratios, percentage points for the error rate.</summary>
    public string IntervalUnit => Kind == SampleKind.ErrorRate ? "pp" : "%";

    private static double Seconds(IntervalPoint p) => p.IntervalSec > 0 ? p.IntervalSec : 1;
}
