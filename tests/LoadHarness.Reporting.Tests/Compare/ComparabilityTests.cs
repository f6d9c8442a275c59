using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;

namespace LoadHarness.Reporting.Tests.Compare;

/// <summary>Runs that measured different things are said to be not comparable, by what differs, and never compared.</summary>
public sealed class ComparabilityTests
{
    private static readonly RunResult Baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 1 });

    private static BuildComparison Compare(RunResult candidate) =>
        BuildComparison.Compute([new ComparedRun("base.json", Baseline)], [new ComparedRun("cand.json", candidate)]);

    public static TheoryData<string, string> Mismatches() => new()
    {
        { "scenario", "scenarios differ (only in the first baseline: api_orders; only in this run: api_profile)" },
        { "plan", "api_orders: load plans differ (1m 00s, peak 50 VUs vs 30 s, peak 50 VUs)" },
        { "model", "api_orders: load model closed vs open" },
        { "segments", "execution segments differ (0:1 vs 0:1/2)" },
        { "thresholds", "thresholds differ (only in the first baseline: api_orders: rate < 0.01; only in this run: api_orders: rate < 0.05)" },
        { "steps", "api_orders: steps differ (only in the first baseline: get; only in this run: fetch)" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void A_candidate_that_measured_something_else_is_not_comparable(string what, string expected)
    {
        var candidate = what switch
        {
            "scenario" => SyntheticRuns.Build(new SyntheticRun { Seed = 2, Scenario = "api_profile" }),
            "plan" => SyntheticRuns.Build(new SyntheticRun { Seed = 2, Seconds = 30 }),
            "model" => Edit(SyntheticRuns.Build(new SyntheticRun { Seed = 2 }), s => s with { Model = LoadModel.Open }),
            "segments" => SyntheticRuns.Build(new SyntheticRun { Seed = 2 }) with { Segments = ["0:1/2"] },
            "thresholds" => SyntheticRuns.Build(new SyntheticRun { Seed = 2, Thresholds = ["p(95) < 500", "rate < 0.05"] }),
            _ => Edit(SyntheticRuns.Build(new SyntheticRun { Seed = 2 }), s => s with { Steps = [s.Steps[0] with { Name = "fetch" }] }),
        };

        var c = Compare(candidate);

        Assert.Equal(ComparisonOutcome.NotComparable, c.Outcome);
        Assert.Contains("candidate cand.json: " + expected, c.NotComparable);
        Assert.Equal(what == "scenario" ? 2 : 1, c.NotComparable.Count); // a renamed scenario renames its thresholds too
        Assert.Empty(c.Metrics);
        Assert.Empty(c.Thresholds);
        Assert.Contains("NOT COMPARABLE", ComparisonRenderer.Text(c), StringComparison.Ordinal);
        Assert.Contains(expected, ComparisonRenderer.Markdown(c), StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_that_differs_from_the_other_baselines_is_named()
    {
        var c = BuildComparison.Compute(
            [new ComparedRun("a.json", Baseline), new ComparedRun("b.json", SyntheticRuns.Build(new SyntheticRun { Seed = 3, Seconds = 30 }))],
            [new ComparedRun("cand.json", SyntheticRuns.Build(new SyntheticRun { Seed = 2 }))]);

        Assert.Equal(ComparisonOutcome.NotComparable, c.Outcome);
        Assert.StartsWith("baseline b.json: api_orders: load plans differ", Assert.Single(c.NotComparable), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_machine_or_an_aborted_run_is_a_note_not_a_refusal()
    {
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 2 }) is var r
            ? r with { Status = RunStatus.Aborted, StopReason = "p(95) < 500 crossed", Environment = r.Environment with { MachineName = "laptop", ProcessorCount = 8 } }
            : null!;

        var c = Compare(candidate);

        Assert.NotEqual(ComparisonOutcome.NotComparable, c.Outcome);
        Assert.Contains(c.Notes, n => n.Contains("was aborted (p(95) < 500 crossed)", StringComparison.Ordinal));
        Assert.Contains(c.Notes, n => n.Contains("ran on another machine (laptop, 8 cores", StringComparison.Ordinal));
        Assert.NotEmpty(c.Metrics);
    }

    [Fact]
    public void The_whole_load_merged_from_segments_is_compared_with_the_whole_load_from_one_process()
    {
        // The release ran on one machine; this build's gate ran as 2 pods of an Indexed Job, merged.
        var merged = SyntheticRuns.Build(new SyntheticRun { Seed = 2 }) with { Segments = ["0:1/2", "1/2:1"] };

        var c = Compare(merged);

        Assert.NotEqual(ComparisonOutcome.NotComparable, c.Outcome);
        Assert.NotEmpty(c.Metrics);
        Assert.Contains("candidate cand.json sent the whole load from 2 processes (segments 0:1/2, 1/2:1, merged), the first baseline from one process", c.Notes.Single(n => n.Contains("whole load", StringComparison.Ordinal)), StringComparison.Ordinal);

        // 4 pods against 2: the same load.
        var four = BuildComparison.Compute([new ComparedRun("two.json", merged)], [new ComparedRun("four.json", merged with { Segments = ["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"] })]);
        Assert.NotEqual(ComparisonOutcome.NotComparable, four.Outcome);

        // Not the whole load: a merge with --allow-partial, though its segments add up (they never ran together).
        var partial = merged with { Test = merged.Test with { Labels = new Dictionary<string, string> { ["partial"] = "never at the same time" } } };
        Assert.Equal(ComparisonOutcome.NotComparable, Compare(partial).Outcome);
        Assert.DoesNotContain(Compare(partial).Notes, n => n.Contains("whole load", StringComparison.Ordinal));
    }

    private static RunResult Edit(RunResult run, Func<ScenarioResult, ScenarioResult> edit) => run with { Scenarios = [edit(run.Scenarios[0])] };

    [Theory]
    [InlineData(0.3, 1.9, 0.3, 0.5, "the machine was busier during candidate cand.json: 1.60 cores in use besides LoadHarness vs 0.20 in the first baseline (of 2;")]
    [InlineData(0.3, 0.5, 0.3, 1.9, "the machine was quieter during candidate cand.json: 0.20 cores in use besides LoadHarness vs 1.60 in the first baseline (of 2;")]
    [InlineData(0.3, 0.5, 0.4, 0.8, null)]
    [InlineData(0.3, null, 0.3, 1.9, null)]
    public void A_machine_busier_or_quieter_besides_loadharness_is_noted_not_judged(double generator, double? machine, double baseGenerator, double? baseMachine, string? expected)
    {
        var baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 1 });
        baseline = baseline with { Environment = baseline.Environment with { ProcessorCount = 2, GeneratorCpuCores = baseGenerator, MachineCpuCores = baseMachine } };
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 1 });
        candidate = candidate with { Environment = candidate.Environment with { ProcessorCount = 2, GeneratorCpuCores = generator, MachineCpuCores = machine } };

        var c = BuildComparison.Compute([new ComparedRun("base.json", baseline)], [new ComparedRun("cand.json", candidate)]);

        var note = c.Notes.SingleOrDefault(n => n.StartsWith("the machine was", StringComparison.Ordinal));
        if (expected is null)
        {
            Assert.Null(note);
        }
        else
        {
            Assert.NotNull(note);
            Assert.StartsWith(expected, note, StringComparison.Ordinal);
            Assert.Contains(expected, ComparisonRenderer.Markdown(c), StringComparison.Ordinal);
        }

        Assert.NotEqual(ComparisonOutcome.NotComparable, c.Outcome);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5001", "http://127.0.0.1:5002", false, "candidate cand.json sent its load elsewhere: api http://127.0.0.1:5002 (the first baseline: http://127.0.0.1:5001)")]
    [InlineData("http://127.0.0.1:5001", "http://127.0.0.1:5001", false, null)]
    [InlineData("http://127.0.0.1:5001", null, false, null)] // a result written before its target was recorded
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:38765", true, null)] // the embedded default: throwaway ports
    public void Load_sent_elsewhere_is_noted_not_judged(string baseApi, string? candidateApi, bool embedded, string? expected)
    {
        var labels = embedded ? new Dictionary<string, string> { ["embedded"] = "true" } : new Dictionary<string, string>();
        var baseline = SyntheticRuns.Build(new SyntheticRun { Seed = 1 });
        baseline = baseline with { Test = baseline.Test with { Targets = new Dictionary<string, string> { ["api"] = baseApi }, Labels = labels } };
        var candidate = SyntheticRuns.Build(new SyntheticRun { Seed = 1 });
        candidate = candidate with
        {
            Test = candidate.Test with { Targets = candidateApi is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["api"] = candidateApi }, Labels = labels },
        };

        var c = BuildComparison.Compute([new ComparedRun("base.json", baseline)], [new ComparedRun("cand.json", candidate)]);

        var note = c.Notes.SingleOrDefault(n => n.Contains("sent its load elsewhere", StringComparison.Ordinal));
        Assert.Equal(expected, note);
        if (expected is not null)
        {
            Assert.Contains(expected, ComparisonRenderer.Markdown(c), StringComparison.Ordinal);
        }

        Assert.NotEqual(ComparisonOutcome.NotComparable, c.Outcome);
    }
}
