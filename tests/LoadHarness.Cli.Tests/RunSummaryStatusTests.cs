using LoadHarness.Cli.Output;
using LoadHarness.Core.Metrics;
using LoadHarness.Core.Results;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>The summary's status-code line: the requests' codes (every step's), shown when any answer was not a 2xx.</summary>
public sealed class RunSummaryStatusTests
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
}
