using System.Globalization;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;

namespace LoadHarness.Cli.Commands.Capacity;

/// <summary>The search's steps, their runs and the answer → the <see cref="CapacityResult"/> every capacity report renders.</summary>
internal static class CapacityResultBuilder
{
    public static CapacityResult Build(
        CapacitySearch search,
        IReadOnlyList<CapacityStepResult> steps,
        IReadOnlyList<RunResult> runs,
        CapacityPlan plan,
        IReadOnlyList<string> gate,
        TimeSpan thinkTime,
        string testSuite,
        string testName,
        string? configPath,
        string segment,
        DateTimeOffset startedUtc,
        DateTimeOffset endedUtc)
    {
        var answer = search.Answer ?? search.Interrupt();
        var first = runs.FirstOrDefault();
        var sustainable = answer.Sustainable is { } s ? steps.First(x => x.Number == s.Number) : null;
        var failing = answer.FirstFailing;
        return new CapacityResult
        {
            Test = new TestInfo
            {
                TestSuite = testSuite,
                TestName = testName,
                SessionId = startedUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-capacity-" + Guid.NewGuid().ToString("N")[..8],
                ConfigPath = configPath,
                Targets = first?.Test.Targets ?? new Dictionary<string, string>(),
                Labels = new Dictionary<string, string>(first?.Test.Labels.Where(l => !l.Key.StartsWith("capacity.", StringComparison.Ordinal)) ?? [], StringComparer.Ordinal)
                {
                    ["capacity"] = "true",
                },
            },
            Environment = (first?.Environment ?? EnvironmentCapture.Capture()) with { GeneratorCpuCores = null },
            Scenario = plan.Scenario,
            Model = plan.Search.Model,
            Gate = gate,
            Settings = new CapacitySettingsInfo
            {
                Start = plan.Search.FirstLoad,
                Step = plan.Search.Step,
                MaxLoad = plan.Search.MaxLoad,
                Resolution = plan.Search.Resolution.ToString(),
                MaxSteps = plan.Search.MaxSteps,
                StepDurationMs = plan.StepDuration.TotalMilliseconds,
                WarmUpMs = plan.WarmUp.TotalMilliseconds,
                ConfirmFailures = plan.Search.ConfirmFailures,
                ErrorExplosionRate = plan.Search.ErrorExplosionRate,
                Segment = segment,
            },
            StartedUtc = startedUtc,
            EndedUtc = endedUtc,
            DurationMs = (endedUtc - startedUtc).TotalMilliseconds,
            Steps = steps,
            Answer = new CapacityVerdict
            {
                Outcome = answer.Outcome,
                SustainableStep = answer.Sustainable?.Number,
                FirstFailingStep = failing?.Number,
                Reason = answer.Reason,
                Crossed = failing is null ? []
                    : failing.Judgement.Crossed.Count > 0 ? [.. failing.Judgement.Crossed.Select(t => t.Expression)]
                    : [CapacityText.Verdict(failing.Judgement.Verdict)],
            },
            Planning = sustainable is null ? null : Planning(sustainable, thinkTime),
        };
    }

    private static PlanningEstimate Planning(CapacityStepResult step, TimeSpan thinkTime)
    {
        var response = TimeSpan.FromMilliseconds(step.IterationMeanMs);
        return new PlanningEstimate
        {
            ThinkTimeMs = thinkTime.TotalMilliseconds,
            IterationsPerSec = step.IterationsPerSec,
            RequestsPerSec = step.RequestsPerSec,
            MeanMs = step.IterationMeanMs,
            P95Ms = step.P95Ms,
            Users = LittlesLaw.Concurrency(step.IterationsPerSec, response, thinkTime),
            IterationsPerSecPer100Users = LittlesLaw.Throughput(100, response, thinkTime),
        };
    }
}
