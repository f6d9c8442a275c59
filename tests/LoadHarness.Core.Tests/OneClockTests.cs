using System.Collections.Concurrent;
using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Tests;

/// <summary>
/// One clock per request: what a transport's checks see as a request's duration (<see cref="StepScope.Elapsed"/>) is what
/// the histogram records, also under the open model when an iteration starts late (latency counts from the schedule).
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class OneClockTests
{
    [Fact]
    public async Task Checks_and_the_histogram_see_the_same_duration_when_open_model_starts_are_late()
    {
        var fake = new FakeTimeProvider();
        var seenByChecks = new ConcurrentBag<double>();

        // 30 arrivals/s are due every 33.3 ms; the fake clock moves in 10 ms ticks, so most start 3.3 or 6.7 ms late.
        var scenario = Scenario.Create("open", ctx =>
            {
                var scope = StepScope.Begin("request", ctx);
                var end = scope.Timestamp();
                seenByChecks.Add(scope.Elapsed(end).TotalMilliseconds);
                return Task.FromResult(scope.End(Response.Ok(), end));
            })
            .WithLoadSimulations(LoadSimulation.Inject(30, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithMaxVUs(10);
        var test = new TestDefinition { TestName = "t", Scenarios = [scenario] };
        var run = new LoadRunner().RunAsync(test, new RunOptions { TimeProvider = fake }, CancellationToken.None);
        await Task.Delay(20);
        await fake.RunFor(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), () => run.IsCompleted);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        var step = Assert.Single(Assert.Single(result.Scenarios).Steps);
        var durations = seenByChecks.ToArray();
        Assert.Equal(durations.Length, step.Stats.RequestCount);
        Assert.True(durations.Max() >= 3, $"no late start was injected: max {durations.Max()} ms");
        // The histogram keeps 3 significant digits: its min and max are the recorded values to within 0.1 % (10 ms read
        // back as 10.007 ms when a start was a whole 10 ms tick late).
        AssertWithinHistogramPrecision(durations.Max(), step.Stats.Latency.MaxMs);
        AssertWithinHistogramPrecision(durations.Min(), step.Stats.Latency.MinMs);
        Assert.Equal(durations.Average(), step.Stats.Latency.MeanMs, 1);
    }

    private static void AssertWithinHistogramPrecision(double expected, double actual) =>
        Assert.InRange(actual, (expected * 0.999) - 0.005, (expected * 1.001) + 0.005);
}
