using LoadHarness.Reporting.Compare;
using LoadHarness.Reporting.Tests.Fixtures;
using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests.Compare;

/// <summary>compare.html opened from disk in a real headless Chromium: banner, evidence, links, charts, no network, no errors.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComparePageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_regression_page_names_it_links_the_evidence_and_draws_the_overlays()
    {
        var comparison = BuildComparison.Compute(
            [.. Enumerable.Range(0, 3).Select(i => new ComparedRun($"main/{i}/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 60 + i, Build = "v1.4.1" })))],
            [new ComparedRun("pr/result.json", SyntheticRuns.Build(new SyntheticRun { Seed = 70, Factor = 1.6, Build = "v1.4.2" }))]);
        Assert.Equal(ComparisonOutcome.Regression, comparison.Outcome);

        var page = await OpenAsync(comparison, "compare-regression", ColorScheme.Light);

        Assert.Equal("REGRESSION", await page.Page.InnerTextAsync("#verdict .word"));
        Assert.Equal("regression", await page.Page.GetAttributeAsync("#verdict", "data-outcome"));
        Assert.Equal(comparison.Metrics.Count, await page.Page.Locator("#evidence tbody tr").CountAsync());
        Assert.Equal(comparison.Count(ChangeVerdict.Regressed), await page.Page.Locator("#evidence tr.verdict-regressed").CountAsync());
        Assert.Equal(4, await page.Page.Locator("#runs tbody tr").CountAsync());
        var links = await page.Page.EvalOnSelectorAllAsync<string[]>("#verdict li a", "links => links.map(a => a.getAttribute('href').slice(1))");
        Assert.Equal(comparison.Count(ChangeVerdict.Regressed), links.Length);
        foreach (var id in links)
        {
            Assert.Equal(1, await page.Page.Locator($"[id='{id}']").CountAsync());
        }

        var charts = await page.Page.EvalOnSelectorAllAsync<int[]>(
            "figure.chart", "figs => figs.map(f => f.querySelectorAll('svg path').length)");
        Assert.Equal(4, charts.Length); // latency, rps, errors, distribution of the one scenario
        Assert.All(charts, paths => Assert.True(paths >= 3, $"{paths} paths"));
        page.AssertClean();
    }

    [Fact]
    public async Task A_not_comparable_page_says_why_in_the_dark_scheme()
    {
        var comparison = BuildComparison.Compute(
            [new ComparedRun("a.json", SyntheticRuns.Build(new SyntheticRun { Seed = 1 }))],
            [new ComparedRun("b.json", SyntheticRuns.Build(new SyntheticRun { Seed = 2, Seconds = 30 }))]);

        var page = await OpenAsync(comparison, "compare-not-comparable", ColorScheme.Dark);

        Assert.Equal("NOT COMPARABLE", await page.Page.InnerTextAsync("#verdict .word"));
        Assert.Contains("load plans differ", await page.Page.InnerTextAsync("#verdict"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Page.Locator("#evidence tbody tr").CountAsync());
        Assert.Equal(0, await page.Page.Locator("figure.chart").CountAsync());
        page.AssertClean();
    }

    private async Task<OpenedPage> OpenAsync(BuildComparison comparison, string name, ColorScheme scheme)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "reports", name);
        var written = await CompareReport.WriteAsync(comparison, folder, CancellationToken.None);
        Assert.Equal(3, written.Count);
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

        var response = await page.GotoAsync(new Uri(Path.Combine(folder, ComparePage.FileName)).AbsoluteUri);
        Assert.NotNull(response);
        Assert.True(response.Ok);
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true });
        return opened;
    }

    private sealed record OpenedPage(IPage Page)
    {
        public List<string> Problems { get; } = [];

        public void AssertClean() => Assert.Empty(Problems);
    }
}
