using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Compare;

/// <summary>How a threshold's verdict moved from the baseline to the candidate.</summary>
public enum ThresholdChange
{
    /// <summary>Held in every run of both sides.</summary>
    StillHeld,

    /// <summary>Crossed on both sides.</summary>
    StillCrossed,

    /// <summary>Held in every baseline run, crossed now: a regression.</summary>
    NewlyCrossed,

    /// <summary>Crossed in the baseline, held now.</summary>
    NowHeld,

    /// <summary>The baseline runs disagree (held in some, crossed in others): the threshold sits in the noise.</summary>
    Flaky,
}

/// <summary>One threshold (same expression on the same scenario/step) judged in both sides' runs.</summary>
public sealed record ThresholdComparison(
    string Target, string Expression, int BaselineHeld, int BaselineRuns, int CandidateHeld, int CandidateRuns,
    string BaselineObserved, string CandidateObserved, ThresholdChange Change)
{
    public static IReadOnlyList<ThresholdComparison> Compute(IReadOnlyList<ComparedRun> baselines, IReadOnlyList<ComparedRun> candidates)
    {
        var keys = baselines.Concat(candidates).SelectMany(r => r.Result.Thresholds).Select(Key).Distinct().ToList();
        return [.. keys.Select(key =>
        {
            var b = baselines.Select(r => r.Result.Thresholds.FirstOrDefault(t => Key(t) == key)).OfType<ThresholdOutcome>().ToList();
            var c = candidates.Select(r => r.Result.Thresholds.FirstOrDefault(t => Key(t) == key)).OfType<ThresholdOutcome>().ToList();
            var baseHeld = b.Count(t => t.Passed);
            var candHeld = c.Count(t => t.Passed);
            var change = baseHeld > 0 && baseHeld < b.Count ? ThresholdChange.Flaky
                : baseHeld == b.Count ? (candHeld == c.Count ? ThresholdChange.StillHeld : ThresholdChange.NewlyCrossed)
                : candHeld == c.Count ? ThresholdChange.NowHeld : ThresholdChange.StillCrossed;
            var any = b.Concat(c).First();
            return new ThresholdComparison(Verdict.Target(any), any.Expression, baseHeld, b.Count, candHeld, c.Count,
                b.Count == 0 ? NumberText.Missing : NumberText.Observed(b[^1]), c.Count == 0 ? NumberText.Missing : NumberText.Observed(c[^1]), change);
        })];
    }

    private static (string?, string?, string) Key(ThresholdOutcome t) => (t.Scenario, t.Step, t.Expression);
}
