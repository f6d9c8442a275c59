using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Tests;

/// <summary>k6's iteration_duration: whole iterations (their steps together), judged apart from the requests in them.</summary>
public sealed class IterationDurationTests
{
    [Fact]
    public async Task Iteration_duration_judges_whole_iterations_and_p95_their_requests()
    {
        // Each iteration is two 100 ms steps: its requests take 100 ms, the iteration 200 ms.
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("flow", async ctx =>
            {
                foreach (var name in new[] { "login", "profile" })
                {
                    await Step.Run(name, ctx, async () =>
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(100), fake, ctx.CancellationToken);
                        return Response.Ok();
                    });
                }

                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(2)));
        var test = new TestDefinition
        {
            TestName = "t",
            Scenarios = [scenario],
            Thresholds =
            [
                new ThresholdDefinition("iteration_duration: p(95) < 150"),
                new ThresholdDefinition("iteration_duration: p(95) < 300"),
                new ThresholdDefinition("p(95) < 150"),
                new ThresholdDefinition("iteration_duration{scenario:flow}: count > 3"),
                new ThresholdDefinition("iteration_duration: avg < 300") { Scenario = "flow", Step = "login" },
            ],
        };
        var result = await FakeRuns.RunAsync(fake, test, TimeSpan.FromSeconds(10));

        var t = result.Thresholds;
        Assert.False(t[0].Passed, t[0].Description);
        Assert.InRange(t[0].Observed!.Value, 199, 260);
        Assert.StartsWith("iteration_duration p(95)=", t[0].Description, StringComparison.Ordinal);
        Assert.True(t[1].Passed, t[1].Description);
        Assert.True(t[2].Passed, t[2].Description); // the requests: 100 ms each
        Assert.True(t[3].Passed, t[3].Description);
        Assert.InRange(t[4].Observed!.Value, 199, 260); // a step scope does not narrow whole iterations
    }
}
