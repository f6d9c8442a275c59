using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Formatting;

internal static class ThresholdText
{
    /// <summary>"passed", "crossed", "no data", with "aborted the run" when abortOnFail fired.</summary>
    public static string Of(ThresholdOutcome t)
    {
        var text = t.NoData ? "no data" : t.Passed ? "passed" : "crossed";
        return t.AbortedRun ? text + " (aborted the run)" : text;
    }
}
