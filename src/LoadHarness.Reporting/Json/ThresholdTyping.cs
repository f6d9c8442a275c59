using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Json;

/// <summary>
/// A threshold outcome's typed metric (kind, statistic, unit) is not part of result.json (its format predates them and
/// stays byte-identical): reading a file derives them once from the expression, here, at the boundary. Writers never
/// parse expression text.
/// </summary>
internal static class ThresholdTyping
{
    public static RunResult Restore(RunResult result) =>
        result.Thresholds.Count == 0 ? result : result with { Thresholds = result.Thresholds.Select(t => Restore(t, result)).ToArray() };

    /// <summary>A measurement threshold's unit is its measurement's, found in the same result.</summary>
    private static ThresholdOutcome Restore(ThresholdOutcome outcome, RunResult result) =>
        ThresholdExpression.TryParse(outcome.Expression, out var parsed, out _)
            ? outcome with { Kind = parsed!.Metric, Stat = parsed.Stat, Unit = ThresholdEvaluator.UnitOf(parsed, result) }
            : outcome;
}
