using System.Text;
using LoadHarness.Core.Results;
using Xunit.Sdk;

namespace LoadGate;

/// <summary>Asserts a run's thresholds like a CI gate: on failure the message lists every threshold, observed vs limit.</summary>
public static class GateAssert
{
    public static void Passed(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Thresholds.Count == 0)
        {
            throw new XunitException("the run has no thresholds: nothing was gated");
        }

        if (!result.Passed)
        {
            throw new XunitException(Describe(result));
        }
    }

    /// <summary>"load gate FAILED: 1 of 3 thresholds crossed" then one line per threshold: ✓/✗ scope 'expression': observed, limit.</summary>
    public static string Describe(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var crossed = result.Thresholds.Count(t => !t.Passed);
        var text = new StringBuilder(crossed == 0
            ? $"load gate passed: {result.Thresholds.Count} thresholds held"
            : $"load gate FAILED: {crossed} of {result.Thresholds.Count} thresholds crossed");
        foreach (var t in result.Thresholds)
        {
            text.Append('\n').Append(t.Passed ? "  ✓ " : "  ✗ ")
                .Append(t.Scenario ?? "all scenarios").Append(t.Step is null ? "" : "/" + t.Step)
                .Append(" '").Append(t.Expression).Append("': ").Append(t.Description);
        }

        foreach (var scenario in result.Scenarios.Where(s => s.Stats.Errors.Count > 0))
        {
            text.Append("\n  errors of ").Append(scenario.Name).Append(": ")
                .AppendJoin(", ", scenario.Stats.Errors.Select(e => $"{e.Kind} x{e.Count}"));
        }

        return text.ToString();
    }
}
