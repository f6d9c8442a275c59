using LoadHarness.Core.Results;

namespace LoadHarness.Core.Capacity;

/// <summary>
/// What one capacity step measured (its measured part only: the warm-up is never recorded): the gate's outcomes and
/// the figures the search needs to tell a saturated system from a saturated generator. The throughput and latency
/// figures are carried for the answer and the report; the search judges by the gate.
/// </summary>
public sealed record StepObservation
{
    /// <summary>The load the step ran: VUs (closed model) or iterations per second (open model).</summary>
    public required int Load { get; init; }

    /// <summary>The gate's thresholds judged on the step's measured part.</summary>
    public IReadOnlyList<ThresholdOutcome> Gate { get; init; } = [];

    public long Requests { get; init; }

    /// <summary>Requests per second over the measured part (every request of every step of the scenario).</summary>
    public double RequestsPerSec { get; init; }

    /// <summary>Failed ÷ all requests, 0..1.</summary>
    public double ErrorRate { get; init; }

    public double MeanMs { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    /// <summary>True when the error guard stopped the step early (errors exploded).</summary>
    public bool Aborted { get; init; }

    /// <summary>True when the step was interrupted (Ctrl+C, SIGTERM).</summary>
    public bool Interrupted { get; init; }

    /// <summary>CPU the generator process used during the step, in cores; null when not measured.</summary>
    public double? GeneratorCpuCores { get; init; }

    /// <summary>The machine's cores (what the generator's CPU is compared with).</summary>
    public int ProcessorCount { get; init; }

    /// <summary>Open model: p95 of how late iterations started behind their schedule, ms; null for the closed model.</summary>
    public double? StartLatenessP95Ms { get; init; }

    public long IterationsStarted { get; init; }

    /// <summary>The most work items that waited for a thread-pool thread in any second of the step (series <c>generator.threadpool_queue</c>); null when not sampled.</summary>
    public long? ThreadPoolQueuePeak { get; init; }

    /// <summary>The longest the generator's process stalled (woke late) during the step, ms (series <c>generator.stall_ms</c>); null when not sampled.</summary>
    public double? StallMaxMs { get; init; }

    /// <summary>Open model: iterations that could not start because MaxVUs were all busy.</summary>
    public long IterationsDropped { get; init; }
}
