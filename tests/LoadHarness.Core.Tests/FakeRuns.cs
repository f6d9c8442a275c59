using LoadHarness.Core.Execution;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Tests;

/// <summary>A whole engine run on a <see cref="FakeTimeProvider"/>, moved on in 10 ms ticks until it ends (or <c>max</c> passed).</summary>
internal static class FakeRuns
{
    public static readonly EnvironmentInfo Env = new() { MachineName = "m", ProcessorCount = 2, OsDescription = "os", DotnetVersion = ".NET", HarnessVersion = "1" };

    public static Task<RunResult> RunAsync(FakeTimeProvider fake, ScenarioDefinition scenario, TimeSpan max) =>
        RunAsync(fake, new TestDefinition { TestName = "t", Scenarios = [scenario] }, max);

    public static async Task<RunResult> RunAsync(FakeTimeProvider fake, TestDefinition test, TimeSpan max)
    {
        var run = new LoadRunner().RunAsync(test, new RunOptions { TimeProvider = fake, Environment = Env }, CancellationToken.None);
        await Task.Delay(20);
        await fake.RunFor(max, TimeSpan.FromMilliseconds(10), () => run.IsCompleted);
        return await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
