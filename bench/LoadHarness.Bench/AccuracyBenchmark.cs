using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using static LoadHarness.Bench.BenchArgs;

namespace LoadHarness.Bench;

/// <summary>
/// Scheduling accuracy: the seed's ramp (1m→10, 3m→50, 2m→100, 2m hold, 1m→0) compressed 10× must keep the active
/// VUs within ±1 of the plan at every 1 s sample; an open model at 5,000 it/s must achieve its rate within 1 %.
/// </summary>
internal static class AccuracyBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        if (args.Contains("--open-only"))
        {
            await OpenAsync((int)Get(args, "rate", 5000), Get(args, "open-seconds", 20), TickClock(args)).ConfigureAwait(false);
            return;
        }

        var compress = Get(args, "compress", 10);
        var rate = (int)Get(args, "rate", 5000);
        var openSeconds = Get(args, "open-seconds", 20);
        await ClosedAsync(compress).ConfigureAwait(false);
        await OpenAsync(rate, openSeconds, TickClock(args)).ConfigureAwait(false);
    }

    private static async Task ClosedAsync(double compress)
    {
        TimeSpan M(double minutes) => TimeSpan.FromMinutes(minutes / compress);
        var sims = Stages.ToSimulations([(M(1), 10), (M(3), 50), (M(2), 100), (M(2), 100), (M(1), 0)]);
        var scenario = Scenario.Create("ramp", async ctx =>
            {
                await Task.Delay(20, ctx.CancellationToken).ConfigureAwait(false);
                return Response.Ok();
            })
            .WithThinkTime(TimeSpan.FromMilliseconds(50))
            .WithLoadSimulations(sims);
        var result = await new LoadRunner().RunAsync(new TestDefinition { TestName = "accuracy", Scenarios = [scenario] }, new RunOptions()).ConfigureAwait(false);
        var s = result.Scenarios[0];
        var plan = LoadPlan.Create(sims);
        var worst = 0;
        var samples = 0;
        foreach (var point in s.Timeline.Where(p => p.IntervalSec > 0.5))
        {
            var planned = plan.TargetVUsAt(TimeSpan.FromSeconds(point.TimeSec));
            worst = Math.Max(worst, Math.Abs(point.ActiveVUs - planned));
            samples++;
        }

        Console.WriteLine($"accuracy closed: seed ramp /{F(compress)} ({F(plan.Duration.TotalSeconds)} s): {samples} samples, worst |active - planned| = {worst} VU(s) "
            + $"-> {(worst <= 1 ? "PASS" : "FAIL")} (target ±1); peak VUs {s.PeakVUs}");
    }

    /// <summary>--tick-pacer: the real clock behind a wrapper, so the open model falls back to the 10 ms control tick (the old behaviour).</summary>
    private static TimeProvider TickClock(string[] args) => args.Contains("--tick-pacer") ? new WrappedSystemClock() : TimeProvider.System;

    private static async Task OpenAsync(int rate, double seconds, TimeProvider clock)
    {
        var scenario = Scenario.Create("open", async ctx =>
            {
                await Task.Delay(5, ctx.CancellationToken).ConfigureAwait(false);
                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.Inject(rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds)));
        var result = await new LoadRunner().RunAsync(new TestDefinition { TestName = "accuracy-open", Scenarios = [scenario] }, new RunOptions { TimeProvider = clock }).ConfigureAwait(false);
        var s = result.Scenarios[0];
        var planned = rate * seconds;
        var achieved = s.Iterations.Started / seconds;
        var error = Math.Abs(achieved - rate) / rate;
        var full = s.Timeline.Where(p => p.IntervalSec > 0.9 && p.TimeSec <= seconds).Select(p => p.Started / p.IntervalSec).ToArray();
        Console.WriteLine($"accuracy open: {rate:N0} it/s for {F(seconds)} s: started {s.Iterations.Started:N0} of {F(planned, "N0")} planned, dropped {s.Iterations.Dropped:N0}, "
            + $"achieved {F(achieved, "N1")} it/s over the plan's duration (error {F(error * 100, "0.00")} % -> {(error <= 0.01 ? "PASS" : "FAIL")}), "
            + $"per-second min/max {F(full.DefaultIfEmpty().Min(), "N0")}/{F(full.DefaultIfEmpty().Max(), "N0")}, p99 {F(s.Stats.Latency.P99Ms, "0.##")} ms");
        var late = s.StartLateness ?? LatencyStats.Empty;
        Console.WriteLine($"accuracy open: start lateness (actual - scheduled) p50 {F(late.P50Ms, "0.###")} ms, p90 {F(late.P90Ms, "0.###")} ms, "
            + $"p99 {F(late.P99Ms, "0.###")} ms, max {F(late.MaxMs, "0.###")} ms -> {(late.P99Ms < 5 ? "PASS" : "FAIL")} (target p99 < 5 ms)");
    }
}

/// <summary>The system clock, but not <see cref="TimeProvider.System"/> itself.</summary>
internal sealed class WrappedSystemClock : TimeProvider;
