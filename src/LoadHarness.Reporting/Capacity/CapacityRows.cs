using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Capacity;

/// <summary>The rows every capacity page shows, in one order: the step table's columns and the search's settings.</summary>
internal static class CapacityRows
{
    public static readonly (string Header, bool Numeric)[] StepColumns =
    [
        ("#", true), ("Phase", false), ("Load", true), ("req/s", true), ("p50 ms", true), ("p95 ms", true), ("p99 ms", true),
        ("Errors", true), ("Generator CPU", true), ("Verdict", false),
    ];

    /// <summary>A step's cells, formatted, with the raw value of each numeric one (null for text).</summary>
    public static IReadOnlyList<(string Text, double? Raw)> Step(CapacityResult result, CapacityStepResult s)
    {
        var empty = s.Requests == 0;
        return
        [
            (s.Number.ToString(CultureInfo.InvariantCulture), s.Number),
            (CapacityText.Phase(s.Phase), null),
            (CapacityText.Describe(result.Model, s.Load), s.Load),
            (NumberText.Rate(s.RequestsPerSec), s.RequestsPerSec),
            (empty ? NumberText.Missing : NumberText.Ms(s.P50Ms), s.P50Ms),
            (empty ? NumberText.Missing : NumberText.Ms(s.P95Ms), s.P95Ms),
            (empty ? NumberText.Missing : NumberText.Ms(s.P99Ms), s.P99Ms),
            (CapacityText.Errors(s.ErrorRate), s.ErrorRate),
            (s.GeneratorCpuCores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) + " of " + s.ProcessorCount.ToString(CultureInfo.InvariantCulture) : NumberText.Missing, s.GeneratorCpuCores),
            (Verdict(result, s), null),
        ];
    }

    /// <summary>"held", "crossed: p(95) &lt; 300 (p(95)=412 ms, ...)", with the answer's marks.</summary>
    public static string Verdict(CapacityResult result, CapacityStepResult s)
    {
        var mark = s.Number == result.Answer.SustainableStep ? " ← sustainable"
            : s.Number == result.Answer.FirstFailingStep ? " ← first failing"
            : "";
        return s.Verdict == StepVerdict.Passed ? "held" + mark : CapacityText.Verdict(s.Verdict) + mark + ": " + s.Reason;
    }

    public static IReadOnlyList<(string Key, string Value)> Settings(CapacityResult r)
    {
        var s = r.Settings;
        return
        [
            ("Scenario", r.Scenario),
            ("Model", r.Model == LoadModel.Closed ? "closed (VUs loop)" : "open (iterations injected at a rate)"),
            ("Gate", string.Join(", ", r.Gate)),
            ("Ramp", $"from {CapacityText.Describe(r.Model, s.Start)}, +{s.Step.ToString(CultureInfo.InvariantCulture)} a step, up to {CapacityText.Describe(r.Model, s.MaxLoad)}"),
            ("Each step", $"{NumberText.Duration(s.WarmUpMs)} warm-up (not recorded) + {NumberText.Duration(s.StepDurationMs)} measured"),
            ("Bisection", $"to a resolution of {s.Resolution}; {(s.ConfirmFailures ? "a crossing counts once a second run confirms it" : "a single crossing counts")}"),
            ("Error explosion", $"the step is aborted from {CapacityText.Errors(s.ErrorExplosionRate)} errors"),
            ("Step budget", s.MaxSteps.ToString(CultureInfo.InvariantCulture) + " runs"),
            ("Segment", s.Segment),
            ("Suite / test", r.Test.TestSuite + " / " + r.Test.TestName),
            ("Started", NumberText.Time(r.StartedUtc)),
            ("Duration", NumberText.Duration(r.DurationMs)),
            ("Config", r.Test.ConfigPath ?? "(built in code)"),
            ("Git commit", r.Environment.GitCommit ?? "-"),
            ("Machine", $"{r.Environment.MachineName}, {r.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} cores, {r.Environment.OsDescription}"),
            (".NET / LoadHarness", r.Environment.DotnetVersion + " / " + r.Environment.HarnessVersion),
            .. r.Test.Targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => ("Target " + t.Key, t.Value)),
        ];
    }
}
