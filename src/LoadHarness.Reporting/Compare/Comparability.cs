using System.Globalization;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Compare;

/// <summary>
/// Whether two results measured the same thing: the same scenarios and steps, the same load plans (model and planned
/// load second by second), the same part of the load (execution segments; the whole load however many processes sent
/// it) and the same thresholds. Anything else is "not comparable",
/// said and never compared. Differences that do not change what was measured (machine, harness version, an
/// interrupted run) are notes.
/// </summary>
public static class Comparability
{
    /// <summary>
    /// Whether two results are runs of one test (suite and name; a quick run's name is its request): what trend trends,
    /// a compare baseline folder gives and merge takes as segments of one load.
    /// </summary>
    public static bool SameTest(TestInfo a, TestInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.TestSuite == b.TestSuite && a.TestName == b.TestName;
    }

    /// <summary>"suite / name", as notes and errors name a test.</summary>
    public static string TestTitle(TestInfo test)
    {
        ArgumentNullException.ThrowIfNull(test);
        return $"{test.TestSuite} / {test.TestName}";
    }

    /// <summary>Why <paramref name="other"/> cannot be compared with <paramref name="reference"/>; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(RunResult reference, RunResult other)
    {
        var problems = new List<string>();
        var names = reference.Scenarios.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var otherNames = other.Scenarios.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        if (!names.SetEquals(otherNames))
        {
            problems.Add(Difference("scenarios", names, otherNames));
        }

        foreach (var s in reference.Scenarios)
        {
            if (other.Scenarios.FirstOrDefault(o => o.Name == s.Name) is not { } o)
            {
                continue;
            }

            if (s.Model != o.Model)
            {
                problems.Add($"{s.Name}: load model {Model(s.Model)} vs {Model(o.Model)}");
            }
            else if (!SamePlan(s.PlannedLoad, o.PlannedLoad))
            {
                problems.Add($"{s.Name}: load plans differ ({Plan(s)} vs {Plan(o)})");
            }

            var steps = s.Steps.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            var otherSteps = o.Steps.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
            if (!steps.SetEquals(otherSteps))
            {
                problems.Add(Difference($"{s.Name}: steps", steps, otherSteps));
            }
        }

        // The whole load is the whole load, sent by one process or merged from N segments (a note says how).
        var segments = reference.Segments.ToHashSet(StringComparer.Ordinal);
        if (!segments.SetEquals(other.Segments) && !(Merge.SegmentCoverage.IsWholeLoad(reference) && Merge.SegmentCoverage.IsWholeLoad(other)))
        {
            problems.Add($"execution segments differ ({string.Join(", ", reference.Segments)} vs {string.Join(", ", other.Segments)})");
        }

        var thresholds = reference.Thresholds.Select(ThresholdKey).ToHashSet(StringComparer.Ordinal);
        var otherThresholds = other.Thresholds.Select(ThresholdKey).ToHashSet(StringComparer.Ordinal);
        if (!thresholds.SetEquals(otherThresholds))
        {
            problems.Add(Difference("thresholds", thresholds, otherThresholds));
        }

        return problems;
    }

    private static string Senders(IReadOnlyList<string> segments) =>
        segments.Count == 1 ? "one process" : string.Create(CultureInfo.InvariantCulture, $"{segments.Count} processes (segments {string.Join(", ", segments)}, merged)");

    /// <summary>Differences worth knowing that do not make the runs incomparable.</summary>
    public static IReadOnlyList<string> Notes(RunResult reference, RunResult other, string otherName)
    {
        var notes = new List<string>();
        if (StatusNote(other, otherName) is { } status)
        {
            notes.Add(status);
        }

        if (reference.Environment.MachineName != other.Environment.MachineName || reference.Environment.ProcessorCount != other.Environment.ProcessorCount)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{otherName} ran on another machine ({other.Environment.MachineName}, {other.Environment.ProcessorCount} cores vs {reference.Environment.MachineName}, {reference.Environment.ProcessorCount} cores)"));
        }

        if (!reference.Segments.ToHashSet(StringComparer.Ordinal).SetEquals(other.Segments)
            && Merge.SegmentCoverage.IsWholeLoad(reference) && Merge.SegmentCoverage.IsWholeLoad(other))
        {
            notes.Add($"{otherName} sent the whole load from {Senders(other.Segments)}, the first baseline from {Senders(reference.Segments)}: "
                + "the same load, other generators (their CPU and network are part of what was measured)");
        }

        if (TargetsNote(reference, other, otherName) is { } targets)
        {
            notes.Add(targets);
        }

        if (reference.Environment.HarnessVersion != other.Environment.HarnessVersion)
        {
            notes.Add($"{otherName} was measured by LoadHarness {other.Environment.HarnessVersion} (the first baseline by {reference.Environment.HarnessVersion})");
        }

        if (other.Environment.GeneratorCpuCores is { } cores && GeneratorLoad.IsNearLimit(cores, other.Environment.ProcessorCount))
        {
            notes.Add($"{otherName}: {GeneratorLoad.Warning}");
        }

        if (BusierMachine(reference, other, otherName) is { } busier)
        {
            notes.Add(busier);
        }

        return notes;
    }

    /// <summary>
    /// The load went somewhere else (another host, port or path for the API, the database or an Http scenario): a note,
    /// as two builds are often deployed side by side. Two runs on the embedded default never differ by this: each got
    /// its own throwaway ports.
    /// </summary>
    public static string? TargetsNote(RunResult reference, RunResult other, string otherName)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        if (Embedded(reference) && Embedded(other))
        {
            return null;
        }

        // A target named on one side only is not a difference: a result written before that target was recorded.
        var differ = reference.Test.Targets.Where(t => other.Test.Targets.TryGetValue(t.Key, out var value) && value != t.Value)
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => $"{t.Key} {other.Test.Targets[t.Key]} (the first baseline: {t.Value})")
            .ToList();
        return differ.Count == 0 ? null : $"{otherName} sent its load elsewhere: {string.Join("; ", differ)}";
    }

    private static bool Embedded(RunResult run) => run.Test.Labels.GetValueOrDefault("embedded") == "true";

    /// <summary>The share of the machine's cores by which the rest of the machine's load may differ before it is noted.</summary>
    public const double OtherLoadNoteShare = 0.25;

    /// <summary>
    /// What the machine did besides LoadHarness (its whole CPU minus the generator's; a target on the same machine is part
    /// of it) differed by a quarter of the cores or more: a latency change may be the machine's, not the build's. A note,
    /// never a verdict: a slower build on the same machine also makes a local target busier.
    /// </summary>
    public static string? BusierMachine(RunResult reference, RunResult other, string otherName)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(other);
        if (Besides(reference) is not { } a || Besides(other) is not { } b
            || Math.Abs(b - a) < OtherLoadNoteShare * Math.Max(1, other.Environment.ProcessorCount))
        {
            return null;
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"the machine was {(b > a ? "busier" : "quieter")} during {otherName}: {b:0.00} cores in use besides LoadHarness vs {a:0.00} in the first baseline "
            + $"(of {other.Environment.ProcessorCount}; a target on the same machine counts): a change in latency may be the machine's, not the build's");
    }

    private static double? Besides(RunResult run) =>
        run.Environment.MachineCpuCores is { } machine ? Math.Max(0, machine - (run.Environment.GeneratorCpuCores ?? 0)) : null;

    /// <summary>"candidate x.json was aborted (...)": a run that did not complete, else null.</summary>
    public static string? StatusNote(RunResult run, string name) =>
        run.Status == RunStatus.Completed ? null
        : $"{name} was {run.Status.ToString().ToLowerInvariant()}" + (run.StopReason is { Length: > 0 } why ? $" ({why})" : "")
            + ": only the seconds both sides ran are paired";

    private static bool SamePlan(IReadOnlyList<PlanPoint> a, IReadOnlyList<PlanPoint> b) =>
        a.Count == b.Count && a.Zip(b).All(p => Math.Abs(p.First.TimeSec - p.Second.TimeSec) < 1e-6 && Math.Abs(p.First.Value - p.Second.Value) < 1e-6);

    private static string Plan(ScenarioResult s)
    {
        if (s.PlannedLoad.Count == 0)
        {
            return "no plan";
        }

        var unit = s.Model == LoadModel.Open ? " iterations/s" : " VUs";
        return string.Create(CultureInfo.InvariantCulture,
            $"{NumberText.Duration(s.PlannedLoad[^1].TimeSec * 1000)}, peak {s.PlannedLoad.Max(p => p.Value):0.##}{unit}");
    }

    private static string Model(LoadModel model) => model == LoadModel.Open ? "open" : "closed";

    private static string ThresholdKey(ThresholdOutcome t) => $"{Verdict.Target(t)}: {t.Expression}";

    private static string Difference(string what, IReadOnlySet<string> reference, IReadOnlySet<string> other)
    {
        var onlyReference = reference.Where(x => !other.Contains(x)).Order(StringComparer.Ordinal).ToList();
        var onlyOther = other.Where(x => !reference.Contains(x)).Order(StringComparer.Ordinal).ToList();
        var parts = new List<string>();
        if (onlyReference.Count > 0)
        {
            parts.Add("only in the first baseline: " + string.Join(", ", onlyReference));
        }

        if (onlyOther.Count > 0)
        {
            parts.Add("only in this run: " + string.Join(", ", onlyOther));
        }

        return $"{what} differ ({string.Join("; ", parts)})";
    }
}
