using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Scenarios;
using static LoadHarness.Bench.BenchArgs;

namespace LoadHarness.Bench;

/// <summary>Memory: N VUs with 1 s think time (a no-op iteration) for D seconds; peak RSS.</summary>
internal static class MemoryBenchmark
{
    private static readonly Task<Response> Ok = Task.FromResult(Response.Ok());

    public static async Task RunAsync(string[] args)
    {
        var vus = (int)Get(args, "vus", 10_000);
        var seconds = Get(args, "seconds", 60);
        var before = PeakRssMb();
        var scenario = Scenario.Create("memory", ctx =>
            {
                ctx.Data["token"] = "abc";
                return Ok;
            })
            .WithThinkTime(TimeSpan.FromSeconds(1))
            .WithLoadSimulations(LoadSimulation.KeepConstant(vus, TimeSpan.FromSeconds(seconds)));
        var result = await new LoadRunner().RunAsync(new TestDefinition { TestName = "memory", Scenarios = [scenario] }, new RunOptions()).ConfigureAwait(false);
        var s = result.Scenarios[0];
        Console.WriteLine($"memory: {vus:N0} VUs, 1 s think, {F(seconds)} s: {s.Iterations.Completed:N0} iterations ({F(s.Iterations.Completed / (s.DurationMs / 1000), "N0")}/s, "
            + $"ideal {vus:N0}/s), peak VUs {s.PeakVUs:N0}, peak RSS {F(PeakRssMb(), "0")} MB (at start {F(before, "0")} MB), "
            + $"{F((PeakRssMb() - before) * 1024 / vus, "0.0")} KB per VU");
    }
}
