using System.Text.Json;
using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary><c>loadharness audit</c> end to end against a real PostgreSQL: console, the three files, exit codes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditVerbTests(PostgresFixture postgres)
{
    private static readonly string[] Schema =
    [
        "CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL, total numeric NOT NULL)",
        "INSERT INTO orders SELECT g, g % 500, g FROM generate_series(1, 20000) g",
    ];

    [Fact]
    public async Task An_audit_prints_its_findings_writes_json_md_html_and_gates_only_with_fail_on()
    {
        var db = await postgres.DatabaseAsync("audit_cli", Schema);
        await PostgresFixture.WorkloadAsync(db, "SELECT sum(total) FROM orders WHERE customer_id = $1", Enumerable.Range(1, 12).Cast<object>());
        using var temp = new TempFolder();

        var audit = await CliRunner.RunAsync("audit", "--connection-string", db, "--out", temp.Path);

        Assert.True(audit.ExitCode == 0, audit.ToString());
        Has(audit.Out, "WARNING   orders: 100 % of scans sequential", audit);
        Has(audit.Out, "CREATE INDEX CONCURRENTLY ON orders (customer_id);", audit);
        Has(audit.Out, "index usage (index scans ÷ all scans, tables ≥ 8 pages)", audit);
        using (var json = JsonDocument.Parse(File.ReadAllText(temp.File("audit.json"))))
        {
            var finding = json.RootElement.GetProperty("findings")[0];
            Assert.Equal("warning", finding.GetProperty("severity").GetString());
            Assert.Equal("CREATE INDEX CONCURRENTLY ON orders (customer_id);", finding.GetProperty("sql").GetString());
            var orders = json.RootElement.GetProperty("tables").GetProperty("scans").GetProperty("rows")[0];
            Assert.Equal("orders", orders.GetProperty("table").GetString());
            Assert.True(orders.GetProperty("seq_scans").GetInt64() >= 12);
        }

        Assert.Contains("**WARNINGS**", File.ReadAllText(temp.File("audit.md")), StringComparison.Ordinal);
        Assert.Contains("id=\"verdict\"", File.ReadAllText(temp.File("audit.html")), StringComparison.Ordinal);
        Assert.DoesNotContain(db, File.ReadAllText(temp.File("audit.md")), StringComparison.Ordinal);   // the footer masks the connection string

        var critical = await CliRunner.RunAsync("audit", "--connection-string", db, "--out", temp.Path, "--fail-on", "critical");
        Assert.True(critical.ExitCode == 0, critical.ToString());
        Has(critical.Out, "--fail-on critical: passed", critical);
        var warning = await CliRunner.RunAsync("audit", "--connection-string", db, "--out", temp.Path, "--fail-on", "warning");
        Assert.True(warning.ExitCode == 99, warning.ToString());
        Has(warning.Out, "--fail-on warning: FAILED, exit 99", warning);
    }

    [Fact]
    public async Task An_interval_audit_reports_only_what_happened_between_its_snapshots()
    {
        var db = await postgres.DatabaseAsync("audit_interval", Schema);
        await PostgresFixture.WorkloadAsync(db, "SELECT sum(total) FROM orders WHERE customer_id = $1", Enumerable.Range(1, 12).Cast<object>());
        using var temp = new TempFolder();

        var audit = await CliRunner.RunAsync("audit", "--connection-string", db, "--interval", "1s", "--out", temp.Path, "--fail-on", "warning");

        Assert.True(audit.ExitCode == 0, audit.ToString());   // the earlier scans are outside the window: nothing to warn about
        Has(audit.Out, "first snapshot taken; the second in 1 s", audit);
        // The window is the measured time between the snapshots: 1 s asked, more on a stalled machine (2.4 s seen at load 20).
        Assert.Matches(@"window: the \d+(\.\d)? s between two snapshots", audit.Out);
        HasNot(audit.Out, "orders: 100 % of scans sequential", audit);
    }

    [Theory]
    [InlineData("Hots=127.0.0.1", "--connection-string: not a valid connection string")]
    [InlineData("Host=127.0.0.1;Port=1;Username=nobody;Timeout=3", "loadharness audit: could not connect to 127.0.0.1:1/nobody as nobody")]
    public async Task A_bad_or_unreachable_connection_string_is_exit_2_with_the_reason(string connectionString, string expected)
    {
        var audit = await CliRunner.RunAsync("audit", "--connection-string", connectionString);

        Assert.True(audit.ExitCode == 2, audit.ToString());
        Assert.Contains(expected, audit.Err, StringComparison.Ordinal);
        HasNot(audit.Err, "   at ", audit);
    }

    [Theory]
    [InlineData("--interval", "soon", "--interval: 'soon' is not a positive duration")]
    [InlineData("--fail-on", "info", "Argument 'info' not recognized")]
    public async Task Bad_arguments_are_exit_2(string option, string value, string expected)
    {
        var audit = await CliRunner.RunAsync("audit", "--connection-string", "Host=127.0.0.1;Port=1", option, value);

        Assert.True(audit.ExitCode == 2, audit.ToString());
        Assert.Contains(expected, audit.Err, StringComparison.Ordinal);
    }

    private static void Has(string text, string expected, CliOutcome outcome) =>
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in:\n{outcome}");

    private static void HasNot(string text, string unexpected, CliOutcome outcome) =>
        Assert.False(text.Contains(unexpected, StringComparison.Ordinal), $"did not expect '{unexpected}' in:\n{outcome}");
}
