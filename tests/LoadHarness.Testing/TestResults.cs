using LoadHarness.Core.Results;

namespace LoadHarness.Testing;

/// <summary>Small hand-built results (one scenario) for threshold, merge and report tests.</summary>
public static class TestResults
{
    public static ScenarioResult Scenario(string name, StatsBlock stats, long dropped = 0, (long Passes, long Fails) checks = default) => new()
    {
        Name = name,
        Model = LoadModel.Closed,
        Stats = stats,
        Iterations = new IterationCounts { Started = stats.RequestCount, Completed = stats.RequestCount, Dropped = dropped },
        Checks = checks == default ? [] : [new CheckResult { Name = "ok", Passes = checks.Passes, Fails = checks.Fails }],
        DurationMs = 10_000,
    };

    public static RunResult With(ScenarioResult scenario, double durationMs) => new()
    {
        Test = new TestInfo { TestSuite = "s", TestName = "t", SessionId = "id" },
        Environment = new EnvironmentInfo { MachineName = "m", ProcessorCount = 2, OsDescription = "os", DotnetVersion = ".NET", HarnessVersion = "1" },
        Status = RunStatus.Completed,
        StartedUtc = DateTimeOffset.UnixEpoch,
        EndedUtc = DateTimeOffset.UnixEpoch.AddMilliseconds(durationMs),
        DurationMs = durationMs,
        Scenarios = [scenario],
    };
}
