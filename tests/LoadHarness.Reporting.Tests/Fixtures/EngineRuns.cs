using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Reporting.Tests.Fixtures;

/// <summary>Results of real (short) runs through the engine's <see cref="LoadRunner"/>.</summary>
internal static class EngineRuns
{
    /// <summary>~2.5 s: a ramp to 8 VUs then a plateau; a fast step and a slower one failing ~5 % of the time.</summary>
    public static Task<RunResult> DelayStepsAsync()
    {
        var scenario = Scenario.Create("delay_steps", async ctx =>
        {
            await Step.Run("fast", ctx, async () =>
            {
                await Task.Delay(5, ctx.CancellationToken);
                return Response.Ok(200, 512);
            });
            return await Step.Run("slow", ctx, async () =>
            {
                await Task.Delay(Random.Shared.Next(10, 30), ctx.CancellationToken);
                return Random.Shared.NextDouble() < 0.05 ? Response.Fail(503, "Service Unavailable", 64) : Response.Ok(200, 2048);
            });
        })
        .WithLoadSimulations(LoadSimulation.RampingConstant(8, TimeSpan.FromSeconds(1)), LoadSimulation.KeepConstant(8, TimeSpan.FromSeconds(1.5)))
        .WithGracefulStop(TimeSpan.FromSeconds(1));

        var test = new TestDefinition
        {
            TestSuite = "reporting-tests",
            TestName = "engine-delay-steps",
            Scenarios = [scenario],
            Thresholds =
            [
                new ThresholdDefinition("p(95) < 1000", "delay_steps"),
                new ThresholdDefinition("rate < 0.5", "delay_steps", "slow"),
            ],
        };
        return new LoadRunner().RunAsync(test, new RunOptions());
    }
}
