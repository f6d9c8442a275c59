using LoadHarness.Postgres.Audit;

namespace LoadHarness.Postgres.Tests;

/// <summary>A partitioned table's own counters are zero: the audit sums its partitions (and its indexes' partitions).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PartitionAuditTests(PostgresFixture fixture)
{
    private const string Schema =
        """
        CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, kind text NOT NULL) PARTITION BY RANGE (at);
        CREATE TABLE events_2023 PARTITION OF events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        CREATE INDEX events_kind ON events (kind);
        INSERT INTO events SELECT g, date '2023-01-01' + (g % 1000), 'kind' || (g % 50) FROM generate_series(1, 6000) g;
        """;

    [Fact]
    public async Task Partitions_are_summed_into_their_table_and_an_interval_counts_only_its_own_scans()
    {
        var db = await fixture.CreateDatabaseAsync("partitions");
        await Db.ExecuteAsync(db, Schema);
        await Db.ExecuteAsync(db, "VACUUM ANALYZE events");
        await Db.WorkloadAsync(db, "SELECT count(*) FROM events WHERE id > $1", new long[] { 10, 20, 30 });                 // every partition, sequentially
        await Db.WorkloadAsync(db, "SELECT * FROM events WHERE kind = $1", Enumerable.Range(0, 5).Select(i => "kind" + i)); // every partition's index

        var lifetime = AuditAnalyzer.Analyze(await PostgresAudit.SnapshotAsync(db));
        var events = Assert.Single(lifetime.Tables, t => t.Name == "events");
        Assert.DoesNotContain(lifetime.Tables, t => t.Name.StartsWith("events_", StringComparison.Ordinal));
        Assert.Equal("partitioned", events.Kind);
        Assert.Equal(3, events.Partitions);
        Assert.Equal(await Db.ScalarAsync<long>(db, "SELECT sum(seq_scan)::int8 FROM pg_stat_user_tables WHERE relname LIKE 'events\\_%'"), events.SeqScans);
        Assert.Equal(await Db.ScalarAsync<long>(db, "SELECT sum(idx_scan)::int8 FROM pg_stat_user_tables WHERE relname LIKE 'events\\_%'"), events.IndexScans);
        Assert.Equal(0, await Db.ScalarAsync<long>(db, "SELECT coalesce(sum(seq_scan), 0)::int8 FROM pg_stat_user_tables WHERE relname = 'events'"));
        Assert.True(events.SeqScans >= 9, $"{events.SeqScans} sequential scans: three queries over three partitions");
        Assert.True(events.IndexScans >= 15, $"{events.IndexScans} index scans: five queries over three partitions");
        Assert.Equal(6000, events.LiveRows);
        var index = Assert.Single(lifetime.Indexes, i => i.Name == "events_kind");
        Assert.Equal(3, index.Partitions);
        Assert.Equal(events.IndexScans, index.Scans);
        Assert.DoesNotContain(lifetime.Indexes, i => i.Name.StartsWith("events_20", StringComparison.Ordinal));
        Assert.DoesNotContain(lifetime.Findings, f => f.Kind == "unused-index" && f.Subject == "events_kind");

        // Deltas: two snapshots around two more queries count exactly those (three partitions each), nothing is reset.
        var first = await PostgresAudit.SnapshotAsync(db);
        await Db.WorkloadAsync(db, "SELECT count(*) FROM events WHERE id > $1", new long[] { 40, 50 });
        var second = await PostgresAudit.SnapshotAsync(db);
        var interval = AuditAnalyzer.Analyze(second, first);
        var delta = Assert.Single(interval.Tables, t => t.Name == "events");
        Assert.True(interval.Window.IsInterval);
        Assert.Equal(6, delta.SeqScans);
        Assert.Equal(2 * 6000, delta.SeqRowsRead);
        Assert.Equal(0, delta.IndexScans);
        Assert.True(second.Tables.Where(t => t.RootName == "events").Sum(t => t.SeqScans) >= events.SeqScans + 6, "the cumulative counters kept growing: nothing was reset");
    }

    [Fact]
    public async Task A_table_without_indexes_has_no_index_scans_rather_than_zero()
    {
        var db = await fixture.CreateDatabaseAsync("noindex");
        await Db.ExecuteAsync(db, "CREATE TABLE heap_only (v int); INSERT INTO heap_only SELECT generate_series(1, 100)");
        await Db.WorkloadAsync(db, "SELECT count(*) FROM heap_only WHERE v > $1", new[] { 1, 2 });

        var report = AuditAnalyzer.Analyze(await PostgresAudit.SnapshotAsync(db));

        var table = Assert.Single(report.Tables, t => t.Name == "heap_only");
        Assert.Null(table.IndexScans);
        Assert.Equal(2, table.SeqScans);
        Assert.Equal(0, table.IndexUsagePercent);
        Assert.Equal(100, table.SeqScanPercent);
    }
}
