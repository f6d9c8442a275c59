using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

/// <summary>The one-line outcome every report opens with.</summary>
internal sealed record Verdict(bool Passed, string Word, string Status, string Headline)
{
    public static Verdict Of(RunResult result)
    {
        var word = result.Passed ? "PASSED" : "FAILED";
        var status = result.Status switch
        {
            RunStatus.Aborted => "aborted",
            RunStatus.Interrupted => "interrupted",
            _ => "completed",
        };
        var failed = result.Thresholds.Count(t => !t.Passed);
        var thresholds = result.Thresholds.Count == 0
            ? "no thresholds"
            : failed == 0
                ? $"{result.Thresholds.Count} of {result.Thresholds.Count} thresholds held"
                : $"{failed} of {result.Thresholds.Count} thresholds crossed";
        var headline = $"{word}: {thresholds}; run {status}";
        if (!string.IsNullOrWhiteSpace(result.StopReason))
        {
            headline += $" ({result.StopReason})";
        }

        return new Verdict(result.Passed, word, status, headline);
    }

    /// <summary>"scenario.step" / "scenario" / "all scenarios" for a threshold.</summary>
    public static string Target(ThresholdOutcome t) =>
        t.Scenario is null ? "all scenarios" : t.Step is null ? t.Scenario : t.Scenario + "." + t.Step;
}
