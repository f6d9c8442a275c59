using System.Text.Json.Serialization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Capacity;

/// <summary>
/// The outcome of one capacity search (capacity.json), complete enough to render capacity.md and capacity.html again
/// without the steps' result.json files: the search's settings, every step with its figures and its latency
/// histogram, and the answer. Latencies in ms; histograms in µs (HdrHistogram, base64).
/// </summary>
public sealed record CapacityResult
{
    public int SchemaVersion { get; init; } = 1;

    public required TestInfo Test { get; init; }

    public required EnvironmentInfo Environment { get; init; }

    public required string Scenario { get; init; }

    /// <summary>Closed: loads are VUs. Open: loads are iterations per second.</summary>
    public required LoadModel Model { get; init; }

    /// <summary>The gate's expressions, judged on each step's measured part.</summary>
    public required IReadOnlyList<string> Gate { get; init; }

    public required CapacitySettingsInfo Settings { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required DateTimeOffset EndedUtc { get; init; }

    public required double DurationMs { get; init; }

    public required IReadOnlyList<CapacityStepResult> Steps { get; init; }

    public required CapacityVerdict Answer { get; init; }

    /// <summary>Little's law at the sustainable load; null when no load held.</summary>
    public PlanningEstimate? Planning { get; init; }

    [JsonIgnore]
    public CapacityStepResult? Sustainable => Answer.SustainableStep is { } n ? Steps.FirstOrDefault(s => s.Number == n) : null;

    [JsonIgnore]
    public CapacityStepResult? FirstFailing => Answer.FirstFailingStep is { } n ? Steps.FirstOrDefault(s => s.Number == n) : null;
}

/// <summary>How the search ran.</summary>
public sealed record CapacitySettingsInfo
{
    public required int Start { get; init; }

    public required int Step { get; init; }

    public required int MaxLoad { get; init; }

    /// <summary>"10" (load units) or "5%".</summary>
    public required string Resolution { get; init; }

    public required int MaxSteps { get; init; }

    public required double StepDurationMs { get; init; }

    public required double WarmUpMs { get; init; }

    public bool ConfirmFailures { get; init; } = true;

    public double ErrorExplosionRate { get; init; }

    /// <summary>The execution segment each step ran ("0:1" for the whole load).</summary>
    public string Segment { get; init => field = value ?? "0:1"; } = "0:1";
}

/// <summary>One step: why it ran, its load, the verdict and its measured part's figures.</summary>
public sealed record CapacityStepResult
{
    public required int Number { get; init; }

    public required StepPhase Phase { get; init; }

    public required int Load { get; init; }

    public required StepVerdict Verdict { get; init; }

    public required string Reason { get; init; }

    public RunStatus Status { get; init; }

    public long Requests { get; init; }

    public double RequestsPerSec { get; init; }

    public double IterationsPerSec { get; init; }

    public double ErrorRate { get; init; }

    public double MeanMs { get; init; }

    public double P50Ms { get; init; }

    public double P95Ms { get; init; }

    public double P99Ms { get; init; }

    public double MaxMs { get; init; }

    /// <summary>Mean duration of a whole iteration (all its requests), ms: the response time of Little's law.</summary>
    public double IterationMeanMs { get; init; }

    public double? GeneratorCpuCores { get; init; }

    public int ProcessorCount { get; init; }

    public double? StartLatenessP95Ms { get; init; }

    public long Dropped { get; init; }

    public IReadOnlyList<ThresholdOutcome> Gate { get; init => field = value ?? []; } = [];

    /// <summary>The step's result.json, relative to capacity.json (forward slashes).</summary>
    public string? ResultPath { get; init; }

    /// <summary>Every request's latency (ok and failed), base64 of the compressed HdrHistogram encoding, µs.</summary>
    public string? LatencyHistogram { get; init; }

    [JsonIgnore]
    public bool Held => Verdict == StepVerdict.Passed;
}

/// <summary>The answer: how the search ended, the sustainable and first failing steps (by number), why, and what was crossed.</summary>
public sealed record CapacityVerdict
{
    public required SearchOutcome Outcome { get; init; }

    public int? SustainableStep { get; init; }

    public int? FirstFailingStep { get; init; }

    public required string Reason { get; init; }

    /// <summary>The first failing step's crossed gate expressions (or its verdict in words when it was not the gate).</summary>
    public IReadOnlyList<string> Crossed { get; init => field = value ?? []; } = [];
}

/// <summary>Little's law at the sustainable load: users = iterations/s × (mean iteration time + think time).</summary>
public sealed record PlanningEstimate
{
    public required double ThinkTimeMs { get; init; }

    public required double IterationsPerSec { get; init; }

    public required double RequestsPerSec { get; init; }

    public required double MeanMs { get; init; }

    public required double P95Ms { get; init; }

    public required double Users { get; init; }

    /// <summary>Iterations per second that 100 users with this think time and response time need.</summary>
    public required double IterationsPerSecPer100Users { get; init; }
}
