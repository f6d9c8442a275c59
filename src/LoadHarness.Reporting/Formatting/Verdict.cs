using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

/// <summary>The one-line outcome every report opens with.</summary>
/// <param name="Gated">False when the run had no thresholds: nothing was judged, whatever <paramref name="Passed"/> says.</param>
internal sealed record Verdict(bool Passed, bool Gated, string Word, string Status, string Headline)
{
    public static Verdict Of(RunResult result)
    {
        // No thresholds: nothing was judged, so the report says so instead of "PASSED" over failed requests.
        var gated = result.Thresholds.Count > 0;
        var word = !result.Passed ? "FAILED" : gated ? "PASSED" : "NOT GATED";
        var status = result.Status switch
        {
            RunStatus.Aborted => "aborted",
            RunStatus.Interrupted => "interrupted",
            _ => "completed",
        };
        var failed = result.Thresholds.Count(t => !t.Passed);
        var (requests, failedRequests) = result.RequestCounts();
        var thresholds = !gated
            ? "no thresholds, nothing judged" + (failedRequests > 0 ? $" although {failedRequests} of {requests} requests failed" : "")
            : failed == 0
                ? $"{result.Thresholds.Count} of {result.Thresholds.Count} thresholds held"
                : $"{failed} of {result.Thresholds.Count} thresholds crossed";
        var headline = $"{word}: {thresholds}; run {status}";
        if (!string.IsNullOrWhiteSpace(result.StopReason))
        {
            headline += $" ({result.StopReason})";
        }

        return new Verdict(result.Passed, gated, word, status, headline);
    }

    /// <summary>"scenario.step" / "scenario" / "all scenarios" for a threshold.</summary>
    public static string Target(ThresholdOutcome t) =>
        t.Scenario is null ? "all scenarios" : t.Step is null ? t.Scenario : t.Scenario + "." + t.Step;
}
