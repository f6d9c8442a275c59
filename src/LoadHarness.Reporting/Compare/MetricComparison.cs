namespace LoadHarness.Reporting.Compare;

/// <summary>One metric of one scenario or step: the values of both sides, the change, the evidence and the verdict.</summary>
public sealed record MetricComparison
{
    public required string Scenario { get; init; }

    /// <summary>The step, or null for the whole scenario.</summary>
    public string? Step { get; init; }

    public required MetricDescriptor Metric { get; init; }

    /// <summary>The baseline's value over the whole run (the median of the runs' values when there are several).</summary>
    public required double Baseline { get; init; }

    public required double Candidate { get; init; }

    /// <summary>The smallest change that matters for this metric, in its unit.</summary>
    public required double Floor { get; init; }

    /// <summary>Where the floor comes from: "1 % of p(95) &lt; 500", "default", "--min-change-ms".</summary>
    public required string FloorSource { get; init; }

    /// <summary>The per-second effect and its interval (see <see cref="PairedBootstrap"/>).</summary>
    public required SecondEffect Evidence { get; init; }

    public required ChangeVerdict Verdict { get; init; }

    /// <summary>Why, in words: "within ±10 %", "+0.6 ms is below the 5 ms floor", "95 % interval −3 % .. +40 % includes no change".</summary>
    public required string Reason { get; init; }

    /// <summary>"scenario" or "scenario/step".</summary>
    public string Scope => Step is null ? Scenario : Scenario + "/" + Step;

    /// <summary>Candidate minus baseline, in the metric's unit.</summary>
    public double Change => Candidate - Baseline;

    /// <summary>Relative change in percent; null when the baseline is zero.</summary>
    public double? ChangePercent => Baseline == 0 ? null : (Candidate - Baseline) / Math.Abs(Baseline) * 100;
}
