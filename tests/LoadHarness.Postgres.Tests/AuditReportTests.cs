using System.Globalization;
using System.Text.Json;
using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>The analysis as a pure function of hand-made snapshots: deltas, resets, serialization.</summary>
public sealed class AuditReportTests
{
    private static readonly DateTimeOffset T0 = new(2024, 12, 16, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_interval_reports_the_difference_and_a_counter_that_went_down_is_called_a_reset()
    {
        var first = Snapshot(T0, Table(seqScans: 100, seqRows: 1_000_000, updates: 50));
        var second = Snapshot(T0.AddSeconds(60), Table(seqScans: 130, seqRows: 1_300_000, updates: 70));

        var report = AuditAnalyzer.Analyze(second, first);

        var table = Assert.Single(report.Tables);
        Assert.Equal((30, 300_000, 20), (table.SeqScans, table.SeqRowsRead, table.Updates));
        Assert.Equal(60, report.Window.Seconds);
        Assert.DoesNotContain(report.Notes, n => n.Contains("went down", StringComparison.Ordinal));

        var reset = AuditAnalyzer.Analyze(Snapshot(T0.AddSeconds(120), Table(seqScans: 5, seqRows: 50_000, updates: 1)), second);
        Assert.Equal(5, Assert.Single(reset.Tables).SeqScans);
        Assert.Contains(reset.Notes, n => n.Contains("Some counters went down", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_serializes_with_invariant_numbers_and_severity_names_in_any_culture()
    {
        var report = AuditAnalyzer.Analyze(Snapshot(T0.AddSeconds(60), Table(seqScans: 130, seqRows: 1_300_000, updates: 70)),
            Snapshot(T0, Table(seqScans: 100, seqRows: 1_000_000, updates: 50)), new AuditOptions { MinScans = 5 });
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var json = JsonSerializer.Serialize(report);
            using var document = JsonDocument.Parse(json);
            var finding = document.RootElement.GetProperty("Findings")[0];
            Assert.Equal("Warning", finding.GetProperty("Severity").GetString());
            Assert.Contains("10,000 rows read per scan of 20,000", finding.GetProperty("Message").GetString(), StringComparison.Ordinal);
            Assert.Equal(10000.0, document.RootElement.GetProperty("Tables")[0].GetProperty("RowsPerSeqScan").GetDouble());
            Assert.Contains("\"RowsPerSeqScan\":10000", json, StringComparison.Ordinal);
            Assert.Contains("\"Seconds\":60", json, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static StatsSnapshot Snapshot(DateTimeOffset at, TableCounters table) => new()
    {
        TakenAt = at,
        Server = new ServerFacts(150008, "15.8", "app", "auditor", false, true, null, true, 0),
        Connections = new ConnectionAudit(3, 1, 0, 0, 100, 3),
        Tables = [table],
        StatementsAvailability = StatementsAvailability.NotInstalled,
    };

    private static TableCounters Table(long seqScans, long seqRows, long updates) => new()
    {
        Oid = 42,
        Schema = "public",
        Name = "orders",
        Kind = "r",
        RootOid = 42,
        RootSchema = "public",
        RootName = "orders",
        SeqScans = seqScans,
        SeqRowsRead = seqRows,
        Updates = updates,
        LiveRows = 20_000,
    };
}
