using LoadHarness.Core.Results;
using LoadHarness.Reporting.Tests.Fixtures;
using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests;

/// <summary>index.html opened from disk in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HtmlReportBrowserTests(BrowserFixture browser)
{
    private static readonly string ScreenshotFolder = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_report_of_a_real_short_run_renders_every_chart_without_errors()
    {
        var result = await Runs.MeasuredAsync(TimeSpan.FromSeconds(2.5));
        Assert.True(result.Scenarios[0].Stats.RequestCount > 100, "the measured run must have recorded requests");

        var page = await OpenAsync(result, "measured-run", ColorScheme.Light);

        Assert.Equal(result.Thresholds.Count == 0 && result.Passed ? "NOT GATED" : result.Passed ? "PASSED" : "FAILED", await page.Page.InnerTextAsync("#verdict .word"));
        Assert.Equal(result.Passed ? "true" : "false", await page.Page.GetAttributeAsync("#verdict", "data-passed"));
        await AssertChartsDrawnAsync(page.Page, expectedAtLeast: 7);
        page.AssertClean();
    }

    [Fact]
    public async Task The_report_of_a_real_engine_run_renders_every_chart_without_errors()
    {
        var result = await EngineRuns.DelayStepsAsync();
        Assert.True(result.Scenarios[0].Stats.RequestCount > 50, "the engine run must have recorded iterations");
        Assert.NotEmpty(result.Scenarios[0].Timeline);

        var page = await OpenAsync(result, "engine-run", ColorScheme.Light);

        Assert.Equal(result.Thresholds.Count == 0 && result.Passed ? "NOT GATED" : result.Passed ? "PASSED" : "FAILED", await page.Page.InnerTextAsync("#verdict .word"));
        Assert.Equal(result.Passed ? "true" : "false", await page.Page.GetAttributeAsync("#verdict", "data-passed"));
        Assert.Equal(result.Thresholds.Count, await page.Page.Locator("#thresholds tbody tr").CountAsync());
        await AssertChartsDrawnAsync(page.Page, expectedAtLeast: 6);
        page.AssertClean();
    }

    [Fact]
    public async Task A_failed_run_says_so_links_thresholds_to_charts_and_sorts_tables()
    {
        var result = Runs.Mixed(seconds: 12);
        Assert.False(result.Passed);

        var page = await OpenAsync(result, "failed-run-dark", ColorScheme.Dark);

        Assert.Equal("FAILED", await page.Page.InnerTextAsync("#verdict .word"));
        Assert.Equal(result.Thresholds.Count(t => !t.Passed), await page.Page.Locator("#verdict li").CountAsync());
        var targets = await page.Page.EvalOnSelectorAllAsync<string[]>(
            "#thresholds a[href^='#']", "links => links.map(a => a.getAttribute('href').slice(1))");
        Assert.Equal(result.Thresholds.Count, targets.Length);
        foreach (var id in targets)
        {
            Assert.True(await page.Page.Locator($"[id='{id}']").CountAsync() == 1, $"threshold link #{id} has no target");
        }

        Assert.Equal(1, await page.Page.Locator("#section-database table").CountAsync());
        await AssertChartsDrawnAsync(page.Page, expectedAtLeast: 8);

        // Sort the stats table by requests, ascending then descending, by the raw values.
        var header = page.Page.Locator("#scenarios table.stats th", new() { HasTextString = "Requests" });
        await header.ClickAsync();
        var descending = await RequestColumnAsync(page.Page);
        Assert.Equal(descending.OrderByDescending(v => v), descending);
        await header.ClickAsync();
        var ascending = await RequestColumnAsync(page.Page);
        Assert.Equal(ascending.Order(), ascending);
        page.AssertClean();
    }

    private static async Task<double[]> RequestColumnAsync(IPage page) =>
        await page.EvalOnSelectorAllAsync<double[]>(
            "#scenarios table.stats tbody tr", "rows => rows.map(r => parseFloat(r.cells[1].getAttribute('data-v')))");

    private static async Task AssertChartsDrawnAsync(IPage page, int expectedAtLeast)
    {
        var charts = await page.EvalOnSelectorAllAsync<ChartInfo[]>(
            "figure.chart",
            """
            figs => figs.map(f => {
              const svg = f.querySelector('svg');
              const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
              return {
                id: f.id,
                paths: svg ? Array.from(svg.querySelectorAll('path')).filter(p => (p.getAttribute('d') || '').trim().length > 10).length : 0,
                texts: svg ? svg.querySelectorAll('text').length : 0,
                width: box.width,
                height: box.height,
              };
            })
            """);
        Assert.True(charts.Length >= expectedAtLeast, $"{charts.Length} charts");
        Assert.All(charts, c =>
        {
            Assert.True(c.Paths >= 3, $"{c.Id}: {c.Paths} drawn paths");
            Assert.True(c.Texts >= 3, $"{c.Id}: {c.Texts} text labels");
            Assert.True(c.Width > 300 && c.Height > 100, $"{c.Id}: {c.Width}x{c.Height}");
        });
    }

    private async Task<OpenedPage> OpenAsync(RunResult result, string name, ColorScheme scheme)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "reports", name);
        var outcomes = await ReportWriterSet.ForFormats(["html"]).WriteAsync(result, folder);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var opened = new OpenedPage(page);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                opened.Problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => opened.Problems.Add("page error: " + e);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                opened.Problems.Add("network request: " + r.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(Path.Combine(folder, "index.html")).AbsoluteUri);
        Assert.NotNull(response);
        Assert.True(response.Ok);
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        return opened;
    }

    private sealed record OpenedPage(IPage Page)
    {
        public List<string> Problems { get; } = [];

        public void AssertClean() => Assert.Empty(Problems);
    }

    private sealed class ChartInfo
    {
        public string Id { get; set; } = "";

        public int Paths { get; set; }

        public int Texts { get; set; }

        public double Width { get; set; }

        public double Height { get; set; }
    }
}
