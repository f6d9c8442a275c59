using LoadHarness.Reporting.Audit;
using LoadHarness.Reporting.Tests.Fixtures;
using Microsoft.Playwright;

namespace LoadHarness.Reporting.Tests;

/// <summary>audit.html opened from disk in a real headless Chromium: self-contained, findings by severity, sortable tables.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AuditHtmlBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_audit_page_shows_the_verdict_findings_and_sortable_tables_without_errors(string scheme)
    {
        var document = AuditDocuments.Sample();
        var folder = Path.Combine(AppContext.BaseDirectory, "reports", "audit-" + scheme);
        await AuditDocumentWriter.WriteAsync(document, folder);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
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
            if (!r.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                problems.Add("network request: " + r.Url);
            }
        };

        var response = await page.GotoAsync(new Uri(Path.Combine(folder, "audit.html")).AbsoluteUri);

        Assert.NotNull(response);
        Assert.True(response.Ok);
        Assert.Equal("CRITICAL", await page.InnerTextAsync("#verdict .word"));
        Assert.Equal("false", await page.GetAttributeAsync("#verdict", "data-passed"));
        Assert.Equal(1, await page.Locator("#findings li.critical").CountAsync());
        Assert.Equal(2, await page.Locator("#findings li.warning").CountAsync());
        Assert.Equal(1, await page.Locator("#findings li.info").CountAsync());
        Assert.Contains("<which>", await page.InnerTextAsync("#findings li.warning"), StringComparison.Ordinal);   // escaped, not markup
        Assert.Equal("CREATE INDEX CONCURRENTLY ON notifications (user_id) WHERE is_read = false;", await page.InnerTextAsync("#findings li.critical code"));
        Assert.Equal(3, await page.Locator("#table-scans tbody tr").CountAsync());
        Assert.Equal("Every foreign key has an index.", await page.InnerTextAsync("#table-foreign-keys p.note"));
        foreach (var href in await page.EvalOnSelectorAllAsync<string[]>("nav a", "links => links.map(a => a.getAttribute('href'))"))
        {
            Assert.Equal(1, await page.Locator($"[id='{href[1..]}']").CountAsync());
        }

        // Sort by seq scans: descending then ascending by the raw values, the "-" row included.
        var header = page.Locator("#table-scans th", new() { HasTextString = "seq scans" });
        await header.ClickAsync();
        Assert.Equal(["notifications", "api_keys", "users"], await FirstColumnAsync(page));
        await header.ClickAsync();
        Assert.Equal(["users", "api_keys", "notifications"], await FirstColumnAsync(page));

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "audit-" + scheme + ".png"), FullPage = true });
        Assert.Empty(problems);
        await context.DisposeAsync();
    }

    private static async Task<string[]> FirstColumnAsync(IPage page) =>
        await page.EvalOnSelectorAllAsync<string[]>("#table-scans tbody tr", "rows => rows.map(r => r.cells[0].textContent.trim())");
}
