using System.Text.Json;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests.Compare;

/// <summary>compare.md, compare.json and the console text: what a reader needs, the same in every culture.</summary>
public sealed class RenderingTests
{
    private static BuildComparison Regression()
    {
        var section = new ReportSection
        {
            Id = "database",
            Title = "Database health",
            Tables =
            [
                new ReportTable
                {
                    Title = "The seed's database targets",
                    Columns = ["metric", "value", "target", "verdict"],
                    Rows = [["index hit ratio", "99.95 %", "> 99 %", "ok"], ["connections now / max_connections", "12 / 100 (12 %)", "< 80 %", "ok"]],
                },
            ],
        };
        var after = section with
        {
            Tables = [section.Tables[0] with { Rows = [["index hit ratio", "97.50 %", "> 99 %", "MISSED"], ["connections now / max_connections", "12 / 100 (12 %)", "< 80 %", "ok"]] }],
        };
        return BuildComparison.Compute(
            [new ComparedRun("main/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 1, Build = "v1.4.1", Sections = [section] }))],
            [new ComparedRun("pr/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 2, Build = "v1.4.2", Factor = 1.6, Sections = [after], StartedUtc = new DateTimeOffset(2025, 3, 15, 9, 0, 0, TimeSpan.Zero) }))]);
    }

    [Fact]
    public void Markdown_leads_with_the_verdict_and_shows_the_evidence_of_each_changed_metric()
    {
        var c = Regression();
        var md = ComparisonRenderer.Markdown(c);

        Assert.StartsWith("## ❌ Comparison: REGRESSION", md, StringComparison.Ordinal);
        Assert.Contains("v1.4.1 · 4c5307f · 2025-03-14 09:00Z", md, StringComparison.Ordinal);
        Assert.Contains("v1.4.2", md, StringComparison.Ordinal);
        Assert.Contains("**baseline**: 1 run", md, StringComparison.Ordinal);
        var p95 = c.Metrics.Single(m => m.Metric.Name == "p95" && m.Step is null);
        Assert.Contains($"| api_orders | p95 | {ComparisonText.Value(p95.Metric, p95.Baseline)} | {ComparisonText.Value(p95.Metric, p95.Candidate)} | {ComparisonText.Change(p95)} | {ComparisonText.Interval(p95)} | ✗ regressed |", md, StringComparison.Ordinal);
        Assert.Contains("<details><summary>", md, StringComparison.Ordinal);
        Assert.Contains("paired moving-block bootstrap", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runs_table_says_a_run_without_thresholds_was_not_gated()
    {
        var comparison = BuildComparison.Compute(
            [new ComparedRun("main/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 1, Thresholds = [] }))],
            [new ComparedRun("pr/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 2, Thresholds = [] }))]);

        var html = ComparePage.Render(comparison);

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(html, "<td[^>]*>not gated</td>"));
        Assert.DoesNotContain(">passed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_section_is_compared_cell_by_cell()
    {
        var section = Assert.Single(Regression().Sections);
        var table = Assert.Single(section.Tables);
        var hit = table.Rows.Single(r => r.Key == "index hit ratio");

        Assert.Equal("99.95 %", hit.Cells[0].Baseline);
        Assert.Equal("97.50 %", hit.Cells[0].Candidate);
        Assert.Equal((97.5 - 99.95) / 99.95 * 100, hit.Cells[0].ChangePercent!.Value, 6);
        Assert.True(hit.Cells[2].Changed);
        Assert.DoesNotContain(table.Rows.Single(r => r.Key.StartsWith("connections", StringComparison.Ordinal)).Cells, x => x.Changed);
    }

    [Fact]
    public void Json_carries_every_metric_with_its_interval_and_verdict()
    {
        var c = Regression();
        using var json = JsonDocument.Parse(ComparisonJson.Serialize(c));
        var root = json.RootElement;

        Assert.Equal("regression", root.GetProperty("outcome").GetString());
        Assert.Equal(c.Metrics.Count, root.GetProperty("metrics").GetArrayLength());
        var p95 = root.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("metric").GetString() == "p95");
        Assert.Equal("regressed", p95.GetProperty("verdict").GetString());
        Assert.True(p95.GetProperty("intervalLow").GetDouble() > 0);
        Assert.Equal("v1.4.2", root.GetProperty("candidates")[0].GetProperty("build").GetString());
        Assert.Equal(10, root.GetProperty("options").GetProperty("tolerancePercent").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("options").GetProperty("minChangeMs").ValueKind);
        Assert.Equal("database", root.GetProperty("sections")[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void Every_rendering_is_the_same_in_a_comma_decimal_culture(string culture)
    {
        var c = Regression();
        var invariant = (ComparisonRenderer.Text(c), ComparisonRenderer.Markdown(c), ComparisonJson.Serialize(c));
        using (new CultureScope(culture))
        {
            Assert.Equal(invariant, (ComparisonRenderer.Text(c), ComparisonRenderer.Markdown(c), ComparisonJson.Serialize(c)));
        }
    }
}
