using System.Text.Json;
using LoadHarness.Reporting.Audit;
using LoadHarness.Reporting.Tests.Fixtures;

namespace LoadHarness.Reporting.Tests;

/// <summary>audit.md and audit.json: invariant numbers in any culture, every finding and table.</summary>
public sealed class AuditPageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    public void The_markdown_has_every_finding_with_its_sql_and_invariant_numbers(string culture)
    {
        using var scope = new CultureScope(culture);

        var md = AuditMarkdown.Render(AuditDocuments.Sample());

        Assert.StartsWith("# Database audit · target on PostgreSQL 15.8\n\n**CRITICAL** — 1 critical, 2 warnings", md, StringComparison.Ordinal);
        Assert.Contains("- **critical** notifications: 100 % of scans sequential", md, StringComparison.Ordinal);
        Assert.Contains("  `CREATE INDEX CONCURRENTLY ON notifications (user_id) WHERE is_read = false;`", md, StringComparison.Ordinal);
        Assert.Contains("| notifications | 1,234 | 500,000.5 | 0 % | 117.7 MiB | 0.123 ms |", md, StringComparison.Ordinal);
        Assert.Contains("| api_keys | 30 | 250 | 99.82 % | 8 KiB | 12.5 ms |", md, StringComparison.Ordinal);
        Assert.Contains("| users | 3 | - | - | 1 MiB | 1500 ms |", md, StringComparison.Ordinal);
        Assert.Contains("Every foreign key has an index.", md, StringComparison.Ordinal);
        Assert.Contains("_Made by `loadharness audit --interval 60s`._", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public void The_json_has_the_findings_and_every_table_as_rows_keyed_by_column(string culture)
    {
        using var scope = new CultureScope(culture);

        using var json = JsonDocument.Parse(AuditJson.Render(AuditDocuments.Sample()));

        var root = json.RootElement;
        Assert.Equal("audit", root.GetProperty("kind").GetString());
        Assert.False(root.GetProperty("verdict").GetProperty("passed").GetBoolean());
        Assert.Equal(4, root.GetProperty("findings").GetArrayLength());
        Assert.Equal("critical", root.GetProperty("findings")[0].GetProperty("severity").GetString());
        Assert.Equal("DROP INDEX CONCURRENTLY tasks_created_copy;", root.GetProperty("findings")[2].GetProperty("sql").GetString());
        var rows = root.GetProperty("tables").GetProperty("scans").GetProperty("rows");
        Assert.Equal(3, rows.GetArrayLength());
        Assert.Equal(500000.5, rows[0].GetProperty("rows_per_scan").GetDouble());
        Assert.Equal(99.82, rows[1].GetProperty("index_usage").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("index_usage").ValueKind);
        Assert.Equal("critical", rows[0].GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("tables").GetProperty("foreign-keys").GetProperty("rows").GetArrayLength());
        Assert.Equal("target", root.GetProperty("facts").GetProperty("database").GetString());
    }

    [Fact]
    public async Task The_writer_writes_json_markdown_and_html_named_by_the_kind()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lh-audit-page-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var paths = await AuditDocumentWriter.WriteAsync(AuditDocuments.Sample() with { Kind = "queries" }, folder);

            Assert.Equal(["queries.json", "queries.md", "queries.html"], paths.Select(Path.GetFileName));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 500, p));
            Assert.Empty(Directory.GetFiles(folder, "*.tmp-*"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
