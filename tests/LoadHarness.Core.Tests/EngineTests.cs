using LoadHarness.Core.Execution;
using LoadHarness.Core.Load;
using LoadHarness.Core.Results;
using LoadHarness.Core.Scenarios;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Core.Tests;

public sealed class EngineTests
{
    private static readonly EnvironmentInfo Env = FakeRuns.Env;

    [Fact]
    public async Task Open_model_with_one_VU_counts_dropped_iterations()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("open", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), fake, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithMaxVUs(1);

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(5));

        var s = Assert.Single(result.Scenarios);
        Assert.Equal(LoadModel.Open, s.Model);
        Assert.Equal(10, s.Iterations.Started + s.Iterations.Dropped);
        Assert.InRange(s.Iterations.Dropped, 4, 7);
        Assert.Equal(s.Iterations.Started, s.Stats.RequestCount);
        Assert.Equal(1, s.PeakVUs);
    }

    [Fact]
    public async Task Open_model_starts_on_schedule_and_measures_from_the_scheduled_start()
    {
        var fake = new FakeTimeProvider();
        var origin = fake.GetTimestamp();
        var starts = new System.Collections.Concurrent.ConcurrentBag<long>();
        var scenario = Scenario.Create("open", async ctx =>
            {
                starts.Add(fake.GetTimestamp() - origin);
                await Task.Delay(TimeSpan.FromMilliseconds(200), fake, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)))
            .WithMaxVUs(20);

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(5));

        var s = Assert.Single(result.Scenarios);
        Assert.Equal(0, s.Iterations.Dropped);
        Assert.Equal(10, s.Iterations.Completed);
        var sorted = starts.Order().ToArray();
        for (var k = 0; k < 10; k++)
        {
            var scheduled = TimeSpan.FromMilliseconds(50 + (100 * k)).Ticks;
            Assert.InRange(sorted[k], scheduled, scheduled + TimeSpan.FromMilliseconds(20).Ticks);
        }

        // Min is the histogram bucket's lowest equivalent value (3 significant digits: within 0.1 %).
        Assert.True(s.Stats.Latency.MinMs >= 199.8, $"min latency {s.Stats.Latency.MinMs} ms");
        Assert.True(s.Stats.Latency.P50Ms >= 200, $"p50 latency {s.Stats.Latency.P50Ms} ms");
        Assert.True(s.Stats.Latency.MaxMs < 230, $"max latency {s.Stats.Latency.MaxMs} ms");
    }

    [Fact]
    public async Task Closed_model_follows_the_planned_VUs()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("closed", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), fake, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithThinkTime(TimeSpan.FromMilliseconds(100))
            .WithLoadSimulations(
                LoadSimulation.RampingConstant(6, TimeSpan.FromSeconds(3)),
                LoadSimulation.KeepConstant(6, TimeSpan.FromSeconds(2)),
                LoadSimulation.RampingConstant(0, TimeSpan.FromSeconds(2)));

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(12));

        var s = Assert.Single(result.Scenarios);
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(6, s.PeakVUs);
        var plan = LoadPlan.Create(scenario.LoadSimulations);
        foreach (var point in s.Timeline.Where(p => p.TimeSec < 7))
        {
            Assert.InRange(point.ActiveVUs, plan.TargetVUsAt(TimeSpan.FromSeconds(point.TimeSec)) - 1, plan.TargetVUsAt(TimeSpan.FromSeconds(point.TimeSec)) + 1);
        }

        // Think time is never latency: every iteration is the 50 ms step, never the step and the 100 ms think time. The
        // fake clock moves 10 ms a real millisecond whether or not the pool has run the step's continuation yet, so a
        // starved machine stretches a step by a few fake milliseconds per real one: the bound is the think time's, not 70.
        Assert.InRange(s.Stats.Latency.MaxMs, 50, 149);
        Assert.InRange(s.Stats.Latency.P50Ms, 50, 70);
        Assert.True(s.Iterations.Completed > 100, $"completed {s.Iterations.Completed}");
        Assert.Equal(8, s.PlannedLoad.Count);
    }

    [Fact]
    public async Task Steps_record_exceptions_timeouts_and_checks()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("steps", async ctx =>
            {
                await Step.Run("ok", ctx, () =>
                {
                    ctx.Check("always", true);
                    return Task.FromResult(Response.Ok(201, 10));
                });
                await Step.Run("throws", ctx, () => throw new InvalidOperationException("boom"));
                var slow = await Step.Run("slow", ctx, async () =>
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), fake, ctx.CancellationToken);
                    return Response.Ok();
                });
                ctx.Check("slow ok", slow.IsOk);
                return slow;
            })
            .WithRequestTimeout(TimeSpan.FromMilliseconds(300))
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(2)));

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(10));

        var s = Assert.Single(result.Scenarios);
        Assert.Equal(["ok", "throws", "slow"], s.Steps.Select(x => x.Name));
        var ok = s.Steps[0].Stats;
        Assert.Equal(ok.RequestCount, ok.OkCount);
        Assert.Equal(ok.OkCount, ok.StatusCodes["201"]);
        Assert.Equal(ok.OkCount * 10, ok.BytesTotal);
        var thrown = s.Steps[1].Stats;
        Assert.Equal(thrown.RequestCount, thrown.FailCount);
        Assert.Equal("InvalidOperationException", Assert.Single(thrown.Errors).Kind);
        Assert.Equal("boom", thrown.Errors[0].FirstMessage);
        var slow = s.Steps[2].Stats;
        Assert.True(slow.FailCount > 0);
        Assert.Equal("timeout", Assert.Single(slow.Errors).Kind);
        // The 300 ms timeout, not the 5 s step, ended it. The fake clock keeps ticking while a stalled machine delays the
        // continuation that records the end, so the upper bound is the step's 5 s, not the timeout plus a few ticks.
        Assert.InRange(slow.Latency.MaxMs, 300, 4_999);
        Assert.Equal(s.Stats.RequestCount, s.Stats.FailCount);
        var check = Assert.Single(s.Checks, c => c.Name == "always");
        Assert.Equal("ok", check.Step);
        Assert.True(check.Passes > 0);
        Assert.Equal(0, Assert.Single(s.Checks, c => c.Name == "slow ok").Passes);
    }

    [Fact]
    public async Task Abort_on_fail_stops_the_run_and_names_the_threshold()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("failing", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), fake, ctx.CancellationToken);
                return Response.Fail(500, "server error");
            })
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromSeconds(60)))
            .WithThresholds(new ThresholdDefinition("rate < 0.5", abortOnFail: true, delayAbortEval: TimeSpan.FromSeconds(2)), new ThresholdDefinition("p(95) < 1000"));

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(20));

        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.Contains("rate < 0.5", result.StopReason, StringComparison.Ordinal);
        Assert.InRange(result.DurationMs, 2000, 6000);
        Assert.True(result.Thresholds[0].AbortedRun);
        Assert.False(result.Thresholds[0].Passed);
        Assert.False(result.Thresholds[1].AbortedRun);
        Assert.True(result.Thresholds[1].Passed);
        Assert.False(result.Passed);
        Assert.Equal("status 500", Assert.Single(result.Scenarios[0].Stats.Errors).Kind);
    }

    [Fact]
    public async Task Cancellation_interrupts_and_keeps_the_partial_result()
    {
        var fake = new FakeTimeProvider();
        using var cts = new CancellationTokenSource();
        var scenario = Scenario.Create("long", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), fake, CancellationToken.None);
                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.KeepConstant(3, TimeSpan.FromMinutes(10)));
        var test = new TestDefinition { Scenarios = [scenario] };
        var run = new LoadRunner().RunAsync(test, new RunOptions { TimeProvider = fake, Environment = Env }, cts.Token);
        await Task.Delay(20);
        await fake.RunFor(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(10));
        await cts.CancelAsync();
        await fake.RunFor(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), () => run.IsCompleted);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Interrupted, result.Status);
        var s = Assert.Single(result.Scenarios);
        Assert.True(s.Stats.OkCount > 30, $"ok {s.Stats.OkCount}");
        Assert.Equal(s.Iterations.Started, s.Iterations.Completed);
        Assert.Equal(0, s.Stats.FailCount);
    }

    [Fact]
    public async Task Warm_up_is_not_recorded_and_MaxFailCount_stops_the_scenario()
    {
        var fake = new FakeTimeProvider();
        var calls = 0;
        var scenario = Scenario.Create("warm", async ctx =>
            {
                Interlocked.Increment(ref calls);
                await Task.Delay(TimeSpan.FromMilliseconds(100), fake, ctx.CancellationToken);
                return Response.Fail(503);
            })
            .WithWarmUpDuration(TimeSpan.FromSeconds(1))
            .WithMaxFailCount(15)
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(30)));

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(40));

        var s = Assert.Single(result.Scenarios);
        Assert.Contains("MaxFailCount", result.StopReason, StringComparison.Ordinal);
        Assert.InRange(s.Stats.FailCount, 16, 30);
        Assert.True(calls >= s.Stats.RequestCount + 9, $"calls {calls}, recorded {s.Stats.RequestCount}");
        Assert.True(s.DurationMs < 5000);
    }

    [Fact]
    public async Task Iterations_for_constant_runs_exactly_the_shared_iterations()
    {
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("shared", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), fake, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(4, 50), LoadSimulation.KeepConstant(1, TimeSpan.FromMilliseconds(500)));

        var result = await Run(fake, scenario, TimeSpan.FromSeconds(10));

        var s = Assert.Single(result.Scenarios);
        Assert.InRange(s.Iterations.Completed, 50 + 10, 50 + 30);
        Assert.Equal(4, s.PeakVUs);
    }

    [Fact]
    public async Task A_pooled_scenario_runs_its_value_task_and_replacing_Run_drops_it()
    {
        var fake = new FakeTimeProvider();
        var pooledCalls = 0;
        var taskCalls = 0;
        var pooled = Scenario.CreatePooled("pooled", _ =>
            {
                Interlocked.Increment(ref pooledCalls);
                return ValueTask.FromResult(Response.Ok());
            })
            .WithLoadSimulations(LoadSimulation.IterationsForConstant(2, 40));
        var replaced = pooled with
        {
            Name = "replaced",
            Run = _ =>
            {
                Interlocked.Increment(ref taskCalls);
                return Task.FromResult(Response.Fail(500, "replaced"));
            },
        };

        var result = await Run(fake, pooled, TimeSpan.FromSeconds(10));
        var replacedResult = await Run(fake, replaced, TimeSpan.FromSeconds(10));

        Assert.NotNull(pooled.RunValue);
        Assert.Null(replaced.RunValue);
        Assert.Equal(40, pooledCalls);
        Assert.Equal(40, result.Scenarios[0].Stats.OkCount);
        Assert.Equal(40, taskCalls);
        Assert.Equal(40, replacedResult.Scenarios[0].Stats.FailCount);
        Assert.True((await pooled.Run(null!)).IsOk); // the public Task path runs the same iteration
        Assert.Equal(41, pooledCalls);
    }

    [Fact]
    public async Task Progress_totals_are_counted_without_building_a_provisional_result_when_no_threshold_is_judged()
    {
        var fake = new FakeTimeProvider();
        var snapshots = new System.Collections.Concurrent.ConcurrentQueue<RunSnapshot>();
        var scenario = Scenario.Create("totals", async ctx =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), fake, ctx.CancellationToken);
                return ctx.IterationNumber % 4 == 3 ? Response.Fail(500, "every fourth") : Response.Ok();
            })
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromSeconds(3)));
        var test = new TestDefinition { TestName = "t", Scenarios = [scenario] };

        var run = new LoadRunner().RunAsync(test, new RunOptions { TimeProvider = fake, Environment = Env, Observer = snapshots.Enqueue }, CancellationToken.None);
        await Task.Delay(20);
        await fake.RunFor(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10), () => run.IsCompleted);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        var stats = result.Scenarios[0].Stats;
        Assert.True(stats.RequestCount > 20, $"{stats.RequestCount} requests");
        Assert.True(stats.FailCount > 0);
        var seen = snapshots.SelectMany(s => s.Scenarios).ToArray();
        Assert.NotEmpty(seen);
        Assert.All(seen.Zip(seen.Skip(1)), pair => Assert.True(pair.Second.TotalRequests >= pair.First.TotalRequests));
        Assert.All(seen, s => Assert.InRange(s.TotalRequests, 0, stats.RequestCount));
        Assert.All(seen, s => Assert.InRange(s.TotalFailures, 0, s.TotalRequests));
        Assert.Contains(seen, s => s.TotalRequests > 0 && s.TotalFailures > 0);
    }

    [Fact]
    public async Task Mixed_models_and_unknown_threshold_scenarios_are_rejected_before_running()
    {
        var bad = Scenario.Create("mixed", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)), LoadSimulation.Inject(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var test = new TestDefinition { Scenarios = [bad], Thresholds = [new ThresholdDefinition("p(95) < 1", scenario: "nope")] };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => new LoadRunner().RunAsync(test, new RunOptions { Environment = Env }));
        Assert.Contains("scenario 'mixed'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_time_short_run_completes_with_observer_snapshots()
    {
        var snapshots = new System.Collections.Concurrent.ConcurrentBag<RunSnapshot>();
        var scenario = Scenario.Create("noop", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(LoadSimulation.KeepConstant(2, TimeSpan.FromMilliseconds(1500)));
        var test = new TestDefinition { TestName = "real", Scenarios = [scenario], Thresholds = [new ThresholdDefinition("rps > 1000")] };

        var result = await new LoadRunner().RunAsync(test, new RunOptions { Observer = snapshots.Add });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.True(result.Passed);
        Assert.NotEmpty(snapshots);
        Assert.True(result.Scenarios[0].Stats.RequestCount > 10_000);
        Assert.InRange(result.Scenarios[0].Timeline.Count, 1, 3);
        Assert.NotEmpty(result.Environment.MachineName);
    }

    [Fact]
    public async Task A_steady_plan_wakes_the_control_loop_a_few_times_a_second_not_every_control_interval()
    {
        // The one VU's iteration waits on the real clock until it is interrupted, and nothing times out, so every
        // timer that fires on the fake clock is the scenario's control loop (and the once-a-second monitor).
        var fake = new FakeTimeProvider();
        var scenario = Scenario.Create("steady", async ctx =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
                return Response.Ok();
            })
            .WithRequestTimeout(Timeout.InfiniteTimeSpan)
            .WithGracefulStop(TimeSpan.Zero)
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(10)));
        var test = new TestDefinition { TestName = "t", Scenarios = [scenario] };
        var run = new LoadRunner().RunAsync(test, new RunOptions { TimeProvider = fake, Environment = Env }, CancellationToken.None);
        await Task.Delay(20);

        await fake.RunFor(TimeSpan.FromSeconds(9), TimeSpan.FromMilliseconds(10));
        var wakeUps = fake.Fired;
        await fake.RunFor(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10), () => run.IsCompleted);
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        // A fixed 10 ms tick fired 900 times in those 9 s; sleeping until the next second's collection, about 18.
        Assert.InRange(wakeUps, 9, 40);
        var s = Assert.Single(result.Scenarios);
        Assert.True(s.Timeline.Count >= 9, $"{s.Timeline.Count} seconds in the timeline");
        Assert.Equal(1, s.PeakVUs);
    }

    private static Task<RunResult> Run(FakeTimeProvider fake, ScenarioDefinition scenario, TimeSpan max) => FakeRuns.RunAsync(fake, scenario, max);

    [Fact]
    public void Open_models_get_their_iteration_path_compiled_before_the_clock_and_closed_ones_do_not()
    {
        var open = Scenario.Create("open", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(LoadSimulation.Inject(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
        var closed = Scenario.Create("closed", _ => Task.FromResult(Response.Ok()))
            .WithLoadSimulations(LoadSimulation.KeepConstant(1, TimeSpan.FromSeconds(1)));

        Assert.True(JitWarmUp.IsNeeded([closed, open]));
        Assert.False(JitWarmUp.IsNeeded([closed]));
        var prepared = JitWarmUp.Prepare([open]);
        Assert.True(prepared > 200, $"{prepared} methods prepared"); // Core's iteration path and HdrHistogram's recorder
    }
}
