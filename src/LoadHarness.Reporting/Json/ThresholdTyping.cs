using System.Text.Json.Serialization.Metadata;
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
    /// <summary>Leaves the typed properties out of the serializer's view (the reference the hand-written writer is tested against).</summary>
    public static void Hide(JsonTypeInfo info)
    {
        if (info.Type != typeof(ThresholdOutcome))
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Name is "kind" or "stat" or "unit")
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    public static RunResult Restore(RunResult result) =>
        result.Thresholds.Count == 0 ? result : result with { Thresholds = result.Thresholds.Select(t => Restore(t, result)).ToArray() };

    /// <summary>A measurement threshold's unit is its measurement's, found in the same result.</summary>
    private static ThresholdOutcome Restore(ThresholdOutcome outcome, RunResult result) =>
        ThresholdExpression.TryParse(outcome.Expression, out var parsed, out _)
            ? outcome with { Kind = parsed!.Metric, Stat = parsed.Stat, Unit = ThresholdEvaluator.UnitOf(parsed, result) }
            : outcome;
}
