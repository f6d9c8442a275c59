using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Tests.Fixtures;
using LoadHarness.Reporting.Trend;
using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests.Trend;

/// <summary>trend.html opened from disk in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TrendPageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_trend_page_draws_each_scenario_across_runs_and_judges_the_latest()
    {
        var runs = Enumerable.Range(1, 8).Select(d => new ComparedRun($"runs/{d}/result.json", SyntheticRuns.Build(new SyntheticRun
        {
            Seed = d, Build = $"v1.{d}", Factor = d == 8 ? 1.7 : 1, StartedUtc = new DateTimeOffset(2025, 3, d, 9, 0, 0, TimeSpan.Zero),
        }))).ToList();
        var trend = TrendAnalysis.Compute(runs);
        var folder = Path.Combine(AppContext.BaseDirectory, "reports", "trend");
        await TrendReport.WriteAsync(trend, folder, CancellationToken.None);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add(m.Text);
            }
        };
        page.PageError += (_, e) => problems.Add(e);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                problems.Add("network: " + r.Url);
            }
        };
        await page.GotoAsync(new Uri(Path.Combine(folder, TrendPage.FileName)).AbsoluteUri);

        Assert.Equal("REGRESSION", await page.InnerTextAsync("#verdict .word"));
        Assert.Equal(8, await page.Locator("#runs tbody tr").CountAsync());
        Assert.Equal(trend.Latest!.Metrics.Count, await page.Locator("#evidence tbody tr").CountAsync());
        var paths = await page.EvalOnSelectorAllAsync<int[]>("figure.chart", "figs => figs.map(f => f.querySelectorAll('svg path').length)");
        Assert.Equal(3, paths.Length);
        Assert.All(paths, p => Assert.True(p >= 3, $"{p} paths"));
        var ticks = await page.EvalOnSelectorAllAsync<string[]>("#trend-latency-api-orders svg text", "ts => ts.map(t => t.textContent.trim())");
        Assert.Contains("v1.8", ticks);
        Assert.Empty(problems);
    }
}
