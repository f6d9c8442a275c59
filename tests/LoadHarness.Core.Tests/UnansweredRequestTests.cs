using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;

namespace LoadHarness.Core.Tests;

/// <summary>
/// A request still waiting for its answer when GracefulStop ran out is a failure (kind "interrupted"), not dropped: a
/// server that hangs on some requests must not pass a gate at 0 % errors because the run ended before their timeout.
/// A request begun during the grace period, or a VU cut with GracefulStop 0, stays unrecorded, as k6 does.
/// </summary>
public sealed class UnansweredRequestTests
{
    [Fact]
    public async Task A_request_without_an_answer_for_the_whole_GracefulStop_is_an_interrupted_failure()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("hangs", async ctx =>
                await Step.Run("request", ctx, async () =>
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, fake, ctx.CancellationToken);
                    return Response.Ok();
                }))
            .WithRequestTimeout(TimeSpan.FromSeconds(60))
            .WithGracefulStop(TimeSpan.FromSeconds(2))
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        var s = Assert.Single((await FakeRuns.RunAsync(fake, scenario, TimeSpan.FromSeconds(10))).Scenarios);

        var step = Assert.Single(s.Steps).Stats;
        Assert.Equal(1, step.RequestCount);
        Assert.Equal(1, step.FailCount);
        var error = Assert.Single(step.Errors);
        Assert.Equal(ErrorKinds.Interrupted, error.Kind);
        Assert.Contains("GracefulStop (2 s)", error.FirstMessage, StringComparison.Ordinal);
        // At least the whole grace (it began when the VU did, on the fake clock's first ticks, and ended after the 2 s grace).
        Assert.True(step.Latency.MaxMs >= 2_000, $"{step.Latency.MaxMs} ms: less than the 2 s grace");
        Assert.Equal(1, s.Stats.FailCount); // the iteration around it failed too
        Assert.Equal(1, s.Iterations.Started);
        Assert.Equal(0, s.Iterations.Completed);
    }

    [Fact]
    public async Task A_request_begun_during_the_grace_period_is_not_counted()
    {
        // The first step outlasts the plan's end by 0.5 s; the second then hangs for the 0.5 s left of the grace.
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("late", async ctx =>
            {
                await Step.Run("first", ctx, async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.5), fake, ctx.CancellationToken);
                    return Response.Ok();
                });
                return await Step.Run("second", ctx, async () =>
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, fake, ctx.CancellationToken);
                    return Response.Ok();
                });
            })
            .WithGracefulStop(TimeSpan.FromSeconds(1))
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        var s = Assert.Single((await FakeRuns.RunAsync(fake, scenario, TimeSpan.FromSeconds(10))).Scenarios);

        var first = Assert.Single(s.Steps, x => x.Name == "first").Stats;
        Assert.Equal((1, 0), (first.OkCount, first.FailCount));
        Assert.DoesNotContain(s.Steps, x => x.Name == "second" && x.Stats.RequestCount > 0);
        Assert.Equal(0, s.Stats.RequestCount);
        Assert.Equal(1, s.Iterations.Started - s.Iterations.Completed);
    }

    [Fact]
    public async Task With_GracefulStop_0_a_cut_request_is_not_counted()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("cut", async ctx =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, fake, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithGracefulStop(TimeSpan.Zero)
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        var s = Assert.Single((await FakeRuns.RunAsync(fake, scenario, TimeSpan.FromSeconds(5))).Scenarios);

        Assert.Equal(0, s.Stats.RequestCount);
        Assert.Equal(1, s.Iterations.Started);
    }
}
