using System.Globalization;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Compare;

/// <summary>The cells every rendering of a comparison shares (text, markdown, HTML): invariant, units included.</summary>
internal static class ComparisonText
{
    public static string Value(MetricDescriptor metric, double value) =>
        !double.IsFinite(value) ? NumberText.Missing
        : metric.Kind switch
        {
            SampleKind.Latency => NumberText.Ms(value) + " ms",
            SampleKind.Throughput => NumberText.Rate(value) + "/s",
            _ => value.ToString("0.###", CultureInfo.InvariantCulture) + " %",
        };

    /// <summary>"+50.1 % (+8.8 ms)", "+0.3 pp" for the error rate, "-" when nothing moved.</summary>
    public static string Change(MetricComparison m)
    {
        if (!double.IsFinite(m.Change))
        {
            return NumberText.Missing;
        }

        if (m.Metric.Kind == SampleKind.ErrorRate)
        {
            return VerdictRule.Signed(m.Change) + " pp";
        }

        var absolute = m.Metric.Kind == SampleKind.Latency ? VerdictRule.Signed(m.Change) + " ms" : VerdictRule.Signed(m.Change) + "/s";
        return m.ChangePercent is { } p ? $"{VerdictRule.Signed(p)} % ({absolute})" : absolute;
    }

    /// <summary>The per-second change and its interval: "+126 % [+98 .. +155]", "+0.4 pp [+0.1 .. +0.7]", "-" without one.</summary>
    public static string Interval(MetricComparison m)
    {
        var e = m.Evidence;
        if (e.Effect is not { } effect)
        {
            return NumberText.Missing;
        }

        var text = VerdictRule.Signed(effect) + " " + m.Metric.IntervalUnit;
        return e.Low is { } low && e.High is { } high ? $"{text} [{VerdictRule.Signed(low)} .. {VerdictRule.Signed(high)}]" : text + " (too few seconds)";
    }

    public static string Floor(MetricComparison m) =>
        m.Metric.Kind switch
        {
            SampleKind.Latency => NumberText.Ms(m.Floor) + " ms",
            SampleKind.Throughput => NumberText.Rate(m.Floor) + "/s",
            _ => m.Floor.ToString("0.###", CultureInfo.InvariantCulture) + " pp",
        };

    public static string Word(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Regressed => "✗ regressed",
        ChangeVerdict.Improved => "✓ improved",
        ChangeVerdict.Inconclusive => "? inconclusive",
        _ => "= unchanged",
    };

    public static string Word(ThresholdChange change) => change switch
    {
        ThresholdChange.NewlyCrossed => "✗ held before, crossed now",
        ThresholdChange.NowHeld => "✓ crossed before, holds now",
        ThresholdChange.StillCrossed => "✗ crossed on both sides",
        ThresholdChange.Flaky => "? held in some baseline runs only",
        _ => "✓ held on both sides",
    };

    public static string Headline(BuildComparison c) => c.Outcome switch
    {
        ComparisonOutcome.NotComparable => "NOT COMPARABLE",
        ComparisonOutcome.Regression => "REGRESSION",
        _ => "NO REGRESSION",
    };

    /// <summary>"2 regressed, 1 improved, 3 inconclusive, 30 unchanged; 1 threshold newly crossed".</summary>
    public static string Summary(BuildComparison c)
    {
        if (c.Outcome == ComparisonOutcome.NotComparable)
        {
            return "the runs measured different things; nothing was compared";
        }

        var parts = new[] { ChangeVerdict.Regressed, ChangeVerdict.Improved, ChangeVerdict.Inconclusive, ChangeVerdict.Unchanged }
            .Select(v => (Verdict: v, Count: c.Count(v)))
            .Where(x => x.Count > 0)
            .Select(x => $"{x.Count} {x.Verdict.ToString().ToLowerInvariant()}")
            .ToList();
        var crossed = c.Thresholds.Count(t => t.Change == ThresholdChange.NewlyCrossed);
        var held = c.Thresholds.Count(t => t.Change == ThresholdChange.NowHeld);
        var text = parts.Count == 0 ? "no metrics" : string.Join(", ", parts);
        if (crossed > 0)
        {
            text += $"; {crossed} threshold{(crossed == 1 ? "" : "s")} held before and crossed now";
        }

        if (held > 0)
        {
            text += $"; {held} threshold{(held == 1 ? "" : "s")} crossed before and held now";
        }

        return text;
    }

    /// <summary>"1 run" / "3 runs".</summary>
    public static string Runs(int count) => count == 1 ? "1 run" : $"{count} runs";

    /// <summary>How the verdicts were decided, in one paragraph.</summary>
    public static string HowDecided(BuildComparison c) => string.Create(CultureInfo.InvariantCulture,
        $"A metric regressed when it is worse by more than ±{c.Options.TolerancePercent:0.##} %, by more than its floor "
        + $"(latency: 1 % of the scope's p(95) threshold, else {CompareOptions.DefaultMinChangeMs:0.##} ms, or --min-change-ms; "
        + $"error rate: {c.Options.MinErrorPoints:0.###} percentage point; RPS: {c.Options.MinRps:0.###}/s), and the "
        + $"{c.Options.Confidence * 100:0.#} % interval of its per-second change excludes no change. Interval: "
        + $"{BuildComparison.Method}, {c.Options.Resamples:#,0} resamples. Beyond tolerance and floor but not significant: inconclusive.");
}
