using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Tests.Fixtures;
using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests.Capacity;

/// <summary>capacity.html opened from disk in a real headless Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CapacityReportBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_capacity_page_shows_the_answer_the_knee_and_every_step(string scheme)
    {
        var result = CapacityResults.Knee();
        var folder = Path.Combine(AppContext.BaseDirectory, "reports", "capacity-" + scheme);
        var outcomes = await CapacityReportWriter.WriteAsync(result, folder);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.ToString()));

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                problems.Add($"console {m.Type}: {m.Text}");
            }
        };
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                problems.Add("network request: " + r.Url);
            }
        };
        var response = await page.GotoAsync(new Uri(Path.Combine(folder, CapacityHtml.FileName)).AbsoluteUri);
        Assert.True(response?.Ok);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"capacity-{scheme}.png"), FullPage = true });

        Assert.Equal("KNEE FOUND", await page.InnerTextAsync("#verdict .word"));
        Assert.Equal("true", await page.GetAttributeAsync("#verdict", "data-found"));
        Assert.Equal(CapacityText.AnswerLine(result), await page.InnerTextAsync("#answer"));
        Assert.Contains("concurrent users", await page.InnerTextAsync("#planning"), StringComparison.Ordinal);

        // The step table: a row per step, the chosen one marked, links to each step's result.json.
        Assert.Equal(result.Steps.Count, await page.Locator("#steps tbody tr").CountAsync());
        Assert.Equal("8", (await page.InnerTextAsync("#steps tr.chosen td:first-child")).Trim());
        Assert.Equal("10", (await page.InnerTextAsync("#steps tr.failing td:first-child")).Trim());
        var links = await page.EvalOnSelectorAllAsync<string[]>("#steps tbody a", "as => as.map(a => a.getAttribute('href'))");
        Assert.Equal(result.Steps.Select(s => s.ResultPath), links);

        // Sort by p95, descending then ascending, by the raw values.
        var header = page.Locator("#steps th", new() { HasTextString = "p95 ms" });
        await header.ClickAsync();
        var p95 = await page.EvalOnSelectorAllAsync<double[]>("#steps tbody tr", "rows => rows.map(r => parseFloat(r.cells[5].getAttribute('data-v')))");
        Assert.Equal(p95.OrderByDescending(v => v), p95);

        // The knee, the generator's CPU and the per-step distribution, each drawn; the gate's line in the knee's legend.
        var charts = await page.EvalOnSelectorAllAsync<ChartInfo[]>(
            "figure.chart",
            """
            figs => figs.map(f => {
              const svg = f.querySelector('svg');
              const box = svg.getBoundingClientRect();
              return {
                id: f.id,
                paths: Array.from(svg.querySelectorAll('path')).filter(p => (p.getAttribute('d') || '').trim().length > 10).length,
                text: Array.from(svg.querySelectorAll('text')).map(t => t.textContent).join('|'),
                width: box.width,
                height: box.height,
              };
            })
            """);
        Assert.Equal([CapacityCharts.KneeId, CapacityCharts.CpuId, CapacityCharts.DistributionId], charts.Select(c => c.Id));
        Assert.All(charts, c =>
        {
            Assert.True(c.Paths >= 3, $"{c.Id}: {c.Paths} drawn paths");
            Assert.True(c.Width > 300 && c.Height > 100, $"{c.Id}: {c.Width}x{c.Height}");
        });
        var knee = charts[0].Text;
        Assert.Contains("gate p(95) < 300", knee, StringComparison.Ordinal);
        Assert.Contains("sustainable: 275 VUs", knee, StringComparison.Ordinal);
        Assert.Contains("latency (ms)", knee, StringComparison.Ordinal);
        Assert.Contains("#8 275 VUs", charts[2].Text, StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    private sealed class ChartInfo
    {
        public string Id { get; set; } = "";

        public int Paths { get; set; }

        public string Text { get; set; } = "";

        public double Width { get; set; }

        public double Height { get; set; }
    }
}
