using LoadHarness.Cli.Output;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>
/// The summary's warning lines: the requests' status codes (every step's) when any answer was not a 2xx, and an open
/// model's dropped iterations when the VUs could not hold the rate.
/// </summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void A_scenario_with_steps_lists_every_steps_codes_not_its_iterations()
    {
        static StatsBlock Codes(Dictionary<string, long> codes) =>
            StatsBuilder.Build(Histograms.Create(), Histograms.Create(), 1, 0, 0, codes, []);
        var scenario = TestResults.Scenario("profile", Codes(new() { ["401"] = 71 })) with
        {
            Steps =
            [
                new StepResult { Name = "login", Stats = Codes(new() { ["200"] = 3 }) },
                new StepResult { Name = "me", Stats = Codes(new() { ["401"] = 71 }) },
            ],
        };
        using var output = new StringWriter();

        RunSummary.Write(output, TestResults.With(scenario, durationMs: 1_000));

        Assert.Contains("    status codes: 200 × 3 (4.05 %), 401 × 71 (95.95 %)\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("3xx answers", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200,204", null)]
    [InlineData("200,none", null)]
    [InlineData("200,302", "3xx answers were not followed")]
    [InlineData("503", "status codes: 503 × 1 (100 %)")]
    public void The_line_is_there_only_when_an_answer_was_not_a_2xx(string codes, string? expected)
    {
        var lines = string.Join("\n", RunSummary.StatusLines(codes.Split(',').ToDictionary(c => c, _ => 1L)));

        if (expected is null)
        {
            Assert.Empty(lines);
        }
        else
        {
            Assert.Contains(expected, lines, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dropped_iterations_say_how_many_VUs_the_rate_needs_at_the_iterations_mean_time()
    {
        // 200 iterations/s of 250 ms each keep 50 VUs busy (51 with the histogram's bucket of 250 ms): 10 could not hold it.
        var latency = Histograms.Create();
        for (var i = 0; i < 100; i++)
        {
            latency.RecordValue(250_000);
        }

        var stats = StatsBuilder.Build(latency, Histograms.Create(), 10, 0, 0, new Dictionary<string, long>(), []);
        var scenario = TestResults.Scenario("open", stats) with
        {
            Model = LoadModel.Open,
            PeakVUs = 10,
            Iterations = new IterationCounts { Started = 100, Completed = 100, Dropped = 1900 },
            PlannedLoad = [new PlanPoint(0, 200), new PlanPoint(10, 200)],
        };

        var line = RunSummary.DroppedLine(scenario);

        Assert.Contains("! 1,900 of 2,000 planned iterations (95 %) were dropped: all 10 VUs were busy", line, StringComparison.Ordinal);
        Assert.Matches(@"At 200 iterations/s, iterations of 250\.\d ms on average need ≈ 5[01] VUs \(Little's law\)", line);
    }

    [Theory]
    [InlineData(990, 10, null)] // 1 %: within the tolerance
    [InlineData(900, 100, "! 100 of 1,000 planned iterations (10 %) were dropped: all 7 VUs were busy")]
    [InlineData(0, 0, null)]
    public void Dropped_iterations_over_1_percent_say_the_rate_was_not_held(long started, long dropped, string? expected)
    {
        var stats = StatsBuilder.Build(Histograms.Create(), Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), []);
        var scenario = TestResults.Scenario("open", stats) with
        {
            Model = LoadModel.Open,
            PeakVUs = 7,
            Iterations = new IterationCounts { Started = started, Completed = started, Dropped = dropped },
        };

        var line = RunSummary.DroppedLine(scenario);

        if (expected is null)
        {
            Assert.Null(line);
        }
        else
        {
            Assert.Contains(expected, line, StringComparison.Ordinal);
        }
    }
}
