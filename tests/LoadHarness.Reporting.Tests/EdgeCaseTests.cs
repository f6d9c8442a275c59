using LoadHarness.Core.Thresholds;
using LoadHarness.Reporting.Html;
using LoadHarness.Reporting.Markdown;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

public sealed class EdgeCaseTests
{
    [Fact]
    public async Task A_result_with_nothing_in_it_writes_every_format_without_NaN()
    {
        using var folder = new TempFolder("empty");
        var outcomes = await ReportWriterSet.ForFormats(ReportFormats.Known).WriteAsync(Runs.Empty(), folder.Path);

        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));
        foreach (var file in outcomes.SelectMany(o => o.Files).Where(f => !f.EndsWith(".png", StringComparison.Ordinal)))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        }

        var html = await File.ReadAllTextAsync(folder.File("index.html"));
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No scenarios ran", html, StringComparison.Ordinal);
        Assert.Contains("interrupted", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_thresholds_is_not_gated_not_passed_and_names_its_failed_requests()
    {
        var run = Runs.Mixed() with { Thresholds = [] };
        var (requests, failed) = run.RequestCounts();
        Assert.True(failed > 0, "the fixture must have failed requests");
        var said = $"NOT GATED: no thresholds, nothing judged although {failed} of {requests} requests failed";

        var markdown = MarkdownSummary.Render(run, []);
        Assert.StartsWith("# ⚠️ NOT GATED — ", markdown, StringComparison.Ordinal);
        Assert.Contains(said, markdown, StringComparison.Ordinal);
        var html = HtmlReportWriter.Render(run);
        Assert.Contains("class=\"verdict ungated\"", html, StringComparison.Ordinal);
        Assert.Contains(said, html, StringComparison.Ordinal);
        Assert.DoesNotContain("PASSED", markdown + html, StringComparison.Ordinal);

        // Nothing failed: no count to give.
        Assert.Contains("NOT GATED: no thresholds, nothing judged; run interrupted", MarkdownSummary.Render(Runs.Empty(), []), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_codes_are_shown_for_requests_that_got_one_and_a_sql_only_run_has_no_table_of_none()
    {
        // Mixed: api_orders answered 200/500, db_top_customers (no status code: "none") is left out of the tables.
        var mixed = Runs.Mixed();
        var markdown = MarkdownSummary.Render(mixed, []);
        var codes = markdown.Split("## Status codes", 2)[1].Split("\n## ", 2)[0];
        Assert.Contains("| api_orders.get_orders | 200: ", codes, StringComparison.Ordinal);
        Assert.DoesNotContain("db_top_customers", codes, StringComparison.Ordinal);
        var html = HtmlReportWriter.Render(mixed);
        Assert.Contains("<table class=\"codes\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("db_top_customers", html.Split("<table class=\"codes\"", 2)[1].Split("</table>", 2)[0], StringComparison.Ordinal);

        // Only the database scenario: no status-code table, no chart of one "none" bar.
        var sqlOnly = mixed with { Scenarios = [.. mixed.Scenarios.Where(s => s.Name == "db_top_customers")], Thresholds = [] };
        Assert.DoesNotContain("## Status codes", MarkdownSummary.Render(sqlOnly, []), StringComparison.Ordinal);
        var sqlHtml = HtmlReportWriter.Render(sqlOnly);
        Assert.DoesNotContain("<table class=\"codes\"", sqlHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(Formatting.ChartIds.StatusCodes, sqlHtml, StringComparison.Ordinal);
        Assert.Contains(Formatting.ChartIds.StatusCodes, html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_with_steps_says_its_row_times_iterations_and_thresholds_judge_requests()
    {
        const string note = "A scenario's row times its whole iterations (its steps together, without think time); the rows below it each request. Thresholds judge requests.";
        var withSteps = Runs.Mixed();
        Assert.Contains(note, MarkdownSummary.Render(withSteps, []), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(note), HtmlReportWriter.Render(withSteps), StringComparison.Ordinal);

        var withoutSteps = withSteps with { Scenarios = [.. withSteps.Scenarios.Where(s => s.Steps.Count == 0)], Thresholds = [] };
        Assert.DoesNotContain("Thresholds judge requests", MarkdownSummary.Render(withoutSteps, []) + HtmlReportWriter.Render(withoutSteps), StringComparison.Ordinal);
    }

    [Fact]
    public void A_figures_threshold_links_to_the_section_that_measured_it_and_to_the_thresholds_when_there_is_none()
    {
        var explain = new LoadHarness.Core.Results.ThresholdOutcome
        {
            Expression = "explain(profile): p(95) < 10", Scenario = "api_orders", Metric = "explain(profile) p(95)", Kind = ThresholdMetric.Measurement,
            Unit = ThresholdUnit.Milliseconds, Passed = true, Observed = 0.06, Description = "explain(profile) p(95)=0.06 ms, limit < 10 ms",
        };
        var run = Runs.Mixed() with { Thresholds = [explain] };
        var withSection = run with { Sections = [.. run.Sections, new LoadHarness.Core.Results.ReportSection { Id = "explain", Title = "EXPLAIN ANALYZE after the load" }] };

        Assert.Contains("<a href=\"#section-explain\">section-explain</a>", HtmlReportWriter.Render(withSection), StringComparison.Ordinal);
        var without = HtmlReportWriter.Render(run);
        Assert.DoesNotContain("#section-explain", without, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#thresholds\">thresholds</a>", without, StringComparison.Ordinal);
    }

    [Fact]
    public void The_html_report_shows_the_generators_cpu_when_it_was_measured()
    {
        var measured = Runs.Empty() with { Environment = Runs.Empty().Environment with { ProcessorCount = 2, GeneratorCpuCores = 1.9 } };

        Assert.Contains("1.90 of 2 cores (95 %)", HtmlReportWriter.Render(measured), StringComparison.Ordinal);
        Assert.DoesNotContain("Generator CPU", HtmlReportWriter.Render(Runs.Empty()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_one_hour_run_renders_under_2_MB_with_at_most_600_points_per_series()
    {
        var result = Fixtures.Runs.OneHour();
        Assert.Equal(3600, result.Scenarios[0].Timeline.Count);

        var html = HtmlReportWriter.Render(result);

        var bytes = System.Text.Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 2 * 1024 * 1024, $"index.html is {bytes:N0} bytes");
        var latencyChart = html[html.IndexOf("id=\"chart-latency-api-soak\"", StringComparison.Ordinal)..];
        latencyChart = latencyChart[..latencyChart.IndexOf("</figure>", StringComparison.Ordinal)];
        var longestPath = System.Text.RegularExpressions.Regex.Matches(latencyChart, " d=\"([^\"]*)\"")
            .Max(m => m.Groups[1].Value.Count(c => c == 'L'));
        Assert.InRange(longestPath, 100, 620);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "one-hour-size.txt"), bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NBomber_style_thresholds_show_their_unit_from_the_parsed_expression()
    {
        var run = Runs.Mixed();
        var scenario = run.Scenarios[0].Name;
        var judged = ThresholdEvaluator.Evaluate(run, [new ThresholdDefinition("OkLatency: p75 < 80000", scenario), new ThresholdDefinition("FailRequest: Percent < 100", scenario)]);
        var md = MarkdownSummary.Render(run with { Thresholds = judged }, []);

        Assert.Equal([ThresholdUnit.Milliseconds, ThresholdUnit.Percent], judged.Select(t => t.Unit));
        Assert.Matches(@"`OkLatency: p75 < 80000` \| [0-9.]+ ms \|", md);
        Assert.Matches(@"`FailRequest: Percent < 100` \| [0-9.]+ % \|", md);
    }
}
