using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using static LoadHarness.Bench.BenchArgs;

namespace LoadHarness.Bench;

/// <summary>Engine overhead: a no-op iteration, closed model, recording on. Reports iterations per second.</summary>
internal static class EngineBenchmark
{
    private static readonly Task<Response> Ok = Task.FromResult(Response.Ok());

    public static async Task RunAsync(string[] args)
    {
        var seconds = Get(args, "seconds", 10);
        var vus = (int)Get(args, "vus", Environment.ProcessorCount);
        foreach (var withStep in new[] { false, true })
        {
            var scenario = withStep
                ? Scenario.Create("noop-step", async ctx => await Step.Run("noop", ctx, static () => Ok).ConfigureAwait(false))
                : Scenario.Create("noop", static _ => Ok);
            scenario = scenario.WithLoadSimulations(LoadSimulation.KeepConstant(vus, TimeSpan.FromSeconds(seconds)));
            var result = await new LoadRunner().RunAsync(new TestDefinition { TestName = "engine", Scenarios = [scenario] }, new RunOptions()).ConfigureAwait(false);
            var s = result.Scenarios[0];
            var perSecond = s.Iterations.Completed / (s.DurationMs / 1000);
            Console.WriteLine($"engine {scenario.Name}: {vus} VUs, {F(s.DurationMs / 1000, "0.0")} s, {s.Iterations.Completed:N0} iterations, "
                + $"{F(perSecond, "N0")} iterations/s, recorded {s.Stats.RequestCount:N0}{(withStep ? $" + {s.Steps[0].Stats.RequestCount:N0} step samples" : "")}, "
                + $"p99 {F(s.Stats.Latency.P99Ms, "0.###")} ms, peak RSS {F(PeakRssMb(), "0")} MB");
        }
    }
}
