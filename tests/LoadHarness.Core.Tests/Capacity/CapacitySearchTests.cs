using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;

namespace LoadHarness.Core.Tests.Capacity;

/// <summary>The pure capacity search against simulated systems (tables of load → measurement): no clock, no I/O.</summary>
public sealed class CapacitySearchTests
{
    private static CapacitySearchOptions Closed(int step = 50, int max = 1000, LoadResolution? resolution = null, bool confirm = true) => new()
    {
        Model = LoadModel.Closed,
        Step = step,
        MaxLoad = max,
        Resolution = resolution ?? LoadResolution.Percent(5),
        ConfirmFailures = confirm,
    };

    [Fact]
    public void Monotone_system_the_knee_is_bracketed_within_the_resolution()
    {
        // p95 = 20 ms × e^(load/100): crosses 300 ms at load 100 × ln 15 ≈ 270.8.
        var system = SimulatedSystem.Latency((load, _) => 20 * Math.Exp(load / 100.0));

        var answer = system.Search(Closed());

        Assert.Equal(SearchOutcome.KneeFound, answer.Outcome);
        Assert.True(answer.Found);
        Assert.InRange(answer.Sustainable!.Load, 250, 270);
        Assert.InRange(answer.FirstFailing!.Load, 271, 300);
        Assert.True(answer.FirstFailing.Load - answer.Sustainable.Load <= LoadResolution.Percent(5).Width(answer.Sustainable.Load));
        Assert.Equal([50, 100, 150, 200, 250, 300], system.Ran.Where(r => r.Phase == StepPhase.Ramp).Select(r => r.Load));
        Assert.Contains(system.Ran, r => r.Phase == StepPhase.Bisect);
        Assert.Equal("p(95) < 300", Assert.Single(answer.FirstFailing.Judgement.Crossed).Expression);
        Assert.True(answer.Sustainable.Observation.P95Ms < 300);
    }

    [Fact]
    public void Cliff_the_last_good_load_is_the_cliff_edge()
    {
        var system = SimulatedSystem.Latency((load, _) => load <= 400 ? 30 : 2000);

        var answer = system.Search(Closed(step: 100, resolution: LoadResolution.Absolute(10)));

        Assert.Equal(SearchOutcome.KneeFound, answer.Outcome);
        Assert.Equal(400, answer.Sustainable!.Load);
        Assert.InRange(answer.FirstFailing!.Load, 401, 410);

        // Every failing load was run twice (confirmed) before it counted; every good one once.
        foreach (var failing in system.Ran.Where(r => r.Load > 400).GroupBy(r => r.Load))
        {
            Assert.Equal(2, failing.Count());
            Assert.NotEqual(StepPhase.Confirm, failing.First().Phase);
            Assert.Equal(StepPhase.Confirm, failing.Last().Phase);
        }

        Assert.All(system.Ran.Where(r => r.Load <= 400).GroupBy(r => r.Load), g => Assert.Single(g));
    }

    [Fact]
    public void Noisy_plateau_a_single_crossing_is_noise_not_a_knee()
    {
        // A plateau at 250 ms (gate 300) up to 600, a knee above it; the first run of 200 and of 400 spikes to 320 ms.
        double P95(int load, int run) => load > 600 ? 500 : (load is 200 or 400) && run == 1 ? 320 : 250;
        var system = SimulatedSystem.Latency(P95);

        var answer = system.Search(Closed(step: 100));

        Assert.Equal(SearchOutcome.KneeFound, answer.Outcome);
        Assert.Equal(600, answer.Sustainable!.Load);
        Assert.InRange(answer.FirstFailing!.Load, 601, 630);
        Assert.Equal(2, system.Ran.Count(r => r.Load == 200));
        Assert.Contains((200, StepPhase.Confirm), system.Ran);
        Assert.Contains((400, StepPhase.Confirm), system.Ran);

        // Without confirmation the same system gives the false knee the defence is there for.
        var unguarded = SimulatedSystem.Latency(P95).Search(Closed(step: 100, confirm: false));
        Assert.True(unguarded.Sustainable!.Load < 200, $"unguarded search found {unguarded.Sustainable.Load}");
    }

    [Fact]
    public void Generator_cpu_limit_stops_the_search_and_says_so()
    {
        // The generator needs 1 core per 100 VUs on a 2-core machine: from 170 VUs it is past 85 %.
        var system = new SimulatedSystem((load, _) => SimulatedSystem.Observation(load, p95: 40, cpuCores: load / 100.0));

        var answer = system.Search(Closed());

        Assert.Equal(SearchOutcome.GeneratorLimited, answer.Outcome);
        Assert.Equal(150, answer.Sustainable!.Load);
        Assert.Null(answer.FirstFailing);
        Assert.Equal(200, system.Ran[^1].Load);
        Assert.Contains("generator", answer.Reason, StringComparison.Ordinal);
        Assert.Contains("at least 150 VUs", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(250.0, 0L, "behind their schedule")]
    [InlineData(2.0, 100L, "dropped")]
    public void Open_model_generator_limit_by_late_starts_or_dropped_iterations(double latenessAt300, long droppedAt300, string expected)
    {
        var system = new SimulatedSystem((rate, _) => SimulatedSystem.Observation(rate, p95: 40) with
        {
            StartLatenessP95Ms = rate >= 300 ? latenessAt300 : 1,
            IterationsDropped = rate >= 300 ? droppedAt300 : 0,
            IterationsStarted = 1000,
        });

        var answer = system.Search(Closed(step: 100) with { Model = LoadModel.Open });

        Assert.Equal(SearchOutcome.GeneratorLimited, answer.Outcome);
        Assert.Equal(200, answer.Sustainable!.Load);
        Assert.Contains(expected, answer.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("thread-pool", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "(p95; limit 100 ms)")]
    [InlineData(35L, 4.0, "(p95; limit 100 ms); up to 35 work items waited for a thread-pool thread")]
    [InlineData(2L, 450.0, "(p95; limit 100 ms); the generator's process stalled up to 450 ms")]
    [InlineData(9L, 99.0, "(p95; limit 100 ms)")]
    public void Late_starts_name_their_cause_from_the_generator_series(long? queuePeak, double? stallMs, string expected)
    {
        var step = SimulatedSystem.Observation(300, p95: 40) with { StartLatenessP95Ms = 250, IterationsStarted = 1000, ThreadPoolQueuePeak = queuePeak, StallMaxMs = stallMs };

        var judgement = StepJudge.Judge(step, Closed(step: 100) with { Model = LoadModel.Open });

        Assert.Equal(StepVerdict.GeneratorLimited, judgement.Verdict);
        Assert.Contains(expected, judgement.Reason, StringComparison.Ordinal);
        if (!expected.Contains(';', StringComparison.Ordinal))
        {
            Assert.EndsWith(expected, judgement.Reason, StringComparison.Ordinal); // below the figures worth naming: no cause
        }
    }

    [Fact]
    public void Dropped_iterations_while_the_gate_is_crossed_are_the_system_failing()
    {
        var system = new SimulatedSystem((rate, _) => SimulatedSystem.Observation(rate, p95: rate > 300 ? 900 : 40) with
        {
            IterationsDropped = rate > 300 ? 500 : 0,
            IterationsStarted = 1000,
        });

        var answer = system.Search(Closed(step: 100, resolution: LoadResolution.Absolute(100)) with { Model = LoadModel.Open });

        Assert.Equal(SearchOutcome.KneeFound, answer.Outcome);
        Assert.Equal(300, answer.Sustainable!.Load);
        Assert.Equal(400, answer.FirstFailing!.Load);
    }

    [Fact]
    public void Errors_exploding_abort_the_search_at_once_without_confirming_or_bisecting()
    {
        var system = new SimulatedSystem((load, _) => load <= 300
            ? SimulatedSystem.Observation(load, p95: 40)
            : SimulatedSystem.Observation(load, p95: 5, errorRate: 0.93) with { Aborted = true });

        var answer = system.Search(Closed());

        Assert.Equal(SearchOutcome.ErrorsExploded, answer.Outcome);
        Assert.Equal(300, answer.Sustainable!.Load);
        Assert.Equal(350, answer.FirstFailing!.Load);
        Assert.Equal([50, 100, 150, 200, 250, 300, 350], system.Ran.Select(r => r.Load));
        Assert.Equal(StepVerdict.ErrorsExploded, answer.FirstFailing.Judgement.Verdict);
        Assert.Contains("93 %", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void First_step_failing_twice_finds_no_load()
    {
        var system = SimulatedSystem.Latency((_, _) => 800);

        var answer = system.Search(Closed());

        Assert.Equal(SearchOutcome.FirstStepFailed, answer.Outcome);
        Assert.False(answer.Found);
        Assert.Equal([(50, StepPhase.Ramp), (50, StepPhase.Confirm)], system.Ran);
        Assert.Equal(50, answer.FirstFailing!.Load);
    }

    [Fact]
    public void A_system_that_holds_the_maximum_reaches_the_limit()
    {
        var system = SimulatedSystem.Latency((_, _) => 10);

        var answer = system.Search(Closed(step: 40, max: 150));

        Assert.Equal(SearchOutcome.LimitReached, answer.Outcome);
        Assert.Equal([40, 80, 120, 150], system.Ran.Select(r => r.Load));
        Assert.Equal(150, answer.Sustainable!.Load);
        Assert.Null(answer.FirstFailing);
    }

    [Fact]
    public void The_step_budget_bounds_the_search()
    {
        var system = SimulatedSystem.Latency((_, _) => 10);

        var answer = system.Search(Closed(step: 10, max: 10_000) with { MaxSteps = 5 });

        Assert.Equal(SearchOutcome.StepBudgetSpent, answer.Outcome);
        Assert.Equal(5, system.Ran.Count);
        Assert.Equal(50, answer.Sustainable!.Load);
    }

    [Fact]
    public void A_step_that_ran_another_load_than_asked_is_refused()
    {
        var search = new CapacitySearch(Closed());
        var first = search.Start();

        Assert.Throws<ArgumentException>(() => search.Next(SimulatedSystem.Observation(first.Load + 1, 10)));
        Assert.Throws<ArgumentException>(() => new CapacitySearch(Closed() with { Step = 0, MaxLoad = -1 }));
    }

    [Fact]
    public void Interrupting_keeps_what_was_found()
    {
        var search = new CapacitySearch(Closed());
        search.Next(SimulatedSystem.Observation(search.Start().Load, 10));

        var answer = search.Interrupt();

        Assert.Equal(SearchOutcome.Interrupted, answer.Outcome);
        Assert.Equal(50, answer.Sustainable!.Load);
        Assert.Throws<InvalidOperationException>(() => search.Next(SimulatedSystem.Observation(100, 10)));
    }

    [Theory]
    [InlineData("10", false, 10, 10)]
    [InlineData("5%", true, 5, 20)]
    [InlineData(" 2.5 % ", true, 2.5, 10)]
    public void Resolution_parses_units_and_percent(string text, bool percent, double value, int widthAt400)
    {
        Assert.True(LoadResolution.TryParse(text, out var resolution, out var error), error);
        Assert.Equal((percent, value), (resolution.IsPercent, resolution.Value));
        Assert.Equal(widthAt400, resolution.Width(400));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100%")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void Resolution_rejects_nonsense(string text) =>
        Assert.False(LoadResolution.TryParse(text, out _, out _));

    [Theory]
    [InlineData(380, 42, 1000, 396)]   // 380 req/s × (0.042 + 1) s ≈ 396 users
    [InlineData(400, 20, 0, 8)]        // a server of 8 slots at 20 ms: 8 in flight
    [InlineData(1000, 250, 4750, 5000)]
    public void Littles_law_both_directions(double requestsPerSec, double responseMs, double thinkMs, double users)
    {
        var r = TimeSpan.FromMilliseconds(responseMs);
        var z = TimeSpan.FromMilliseconds(thinkMs);

        Assert.Equal(users, LittlesLaw.Concurrency(requestsPerSec, r, z), 0);
        Assert.Equal(requestsPerSec, LittlesLaw.Throughput(LittlesLaw.Concurrency(requestsPerSec, r, z), r, z), 6);
        Assert.Equal(0, LittlesLaw.Throughput(10, TimeSpan.Zero, TimeSpan.Zero));
    }
}
