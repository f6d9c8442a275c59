using LoadHarness.Core.Capacity;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests.Capacity;

/// <summary>capacity.json round-trips; capacity.md and the answer line say the same in any culture.</summary>
public sealed class CapacityReportTests
{
    [Fact]
    public void Capacity_json_round_trips_every_step_and_the_answer()
    {
        var result = CapacityResults.Knee();

        var back = CapacityJson.Deserialize(CapacityJson.Serialize(result));

        Assert.Equal(result.Steps.Count, back.Steps.Count);
        Assert.Equal(result.Steps.Select(s => (s.Number, s.Phase, s.Load, s.Verdict, s.P95Ms)), back.Steps.Select(s => (s.Number, s.Phase, s.Load, s.Verdict, s.P95Ms)));
        Assert.Equal(result.Answer.Outcome, back.Answer.Outcome);
        Assert.Equal(275, back.Sustainable!.Load);
        Assert.Equal(287, back.FirstFailing!.Load);
        Assert.Equal(CapacityText.AnswerLine(result), CapacityText.AnswerLine(back));
        Assert.Contains("\"outcome\": \"kneeFound\"", CapacityJson.Serialize(result), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public async Task Reports_are_written_with_invariant_numbers_in_any_culture(string culture)
    {
        using var folder = new TempFolder("capacity-" + (culture.Length == 0 ? "invariant" : culture));
        var result = CapacityResults.Knee();
        IReadOnlyList<ReportWriteOutcome> outcomes;
        using (new CultureScope(culture))
        {
            outcomes = await CapacityReportWriter.WriteAsync(result, folder.Path);
        }

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));
        Assert.Equal(["json", "md", "html"], outcomes.Select(o => o.Format));
        var md = await File.ReadAllTextAsync(folder.File("capacity.md"));
        var line = CapacityText.AnswerLine(result);
        Assert.Contains(line, md, StringComparison.Ordinal);
        Assert.Matches(@"^sustainable: 275 VUs, [\d,]+(\.\d)? req/s \(p95 [\d.]+ ms, 0\.0 % errors\); first failing: 287 VUs, [\d,.]+ req/s, p\(95\) < 300 crossed$", line);
        Assert.Equal(result.Steps.Count, md.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(l[2])));
        Assert.Contains("← sustainable", md, StringComparison.Ordinal);
        Assert.Contains("≈ ", md, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d,\d{1,2} ms", md);
        Assert.True(new FileInfo(folder.File(CapacityMarkdown.KneeImage)).Length > 1000);
        Assert.Equal(result.Steps.Count, CapacityJson.Deserialize(await File.ReadAllTextAsync(folder.File("capacity.json"))).Steps.Count);
    }

    [Fact]
    public void The_answer_line_names_the_generator_when_it_was_the_limit()
    {
        var knee = CapacityResults.Knee();
        var limited = knee with
        {
            Steps = [.. knee.Steps.Take(3)],
            Answer = new CapacityVerdict { Outcome = SearchOutcome.GeneratorLimited, SustainableStep = 2, Reason = "stopped at 150 VUs: the generator was the limit" },
        };

        Assert.EndsWith("stopped: the generator, not the system, was the limit at 150 VUs", CapacityText.AnswerLine(limited), StringComparison.Ordinal);
        Assert.Equal("GENERATOR LIMIT", CapacityText.Headline(limited));
    }
}
