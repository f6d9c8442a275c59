using LoadHarness.Postgres.Health;

namespace LoadHarness.Scenarios.Tests;

[Collection(EmbeddedCollection.Name)]
public sealed class DatabaseHealthTests(EmbeddedTargetFixture fixture)
{
    [Fact]
    public async Task A_snapshot_after_a_run_has_the_seeds_targets_scans_statements_and_the_pools_peak_usage()
    {
        using var pools = new NpgsqlPoolMonitor(TimeSpan.FromMilliseconds(200));
        var scenarios = new[] { ShortRuns.Build("db_unread_count", fixture.Target.Target), ShortRuns.Build("db_profile_fetch", fixture.Target.Target) };
        await ShortRuns.RunAsync(scenarios, TimeSpan.FromSeconds(1), vus: 4);

        var section = await DatabaseHealth.CaptureAsync(fixture.Target.Target.ConnectionString!, pools.Snapshot());

        Assert.Equal("database", section.Id);
        Assert.True(section.Notes.Count == 0, string.Join("\n", section.Notes));
        var titles = section.Tables.Select(t => t.Title).ToArray();
        Assert.Equal(4, titles.Length);
        var targets = section.Tables[0];
        Assert.Equal(["index hit ratio", "table (heap) hit ratio", "index usage (idx_scan share of scans)", "connections now / max_connections"], targets.Rows.Select(r => r[0]));
        var scans = section.Tables[1];
        Assert.Contains(scans.Rows, r => r[0] == "notifications");
        var statements = section.Tables[2];
        Assert.Contains(statements.Rows, r => r[0].Contains("notifications", StringComparison.Ordinal));
        var pool = Assert.Single(section.Tables[3].Rows, r => r[0] == "loadharness:db_unread_count");
        // Peak used is sampled (a query in flight at a sample): at 4 VUs with 1 s think time a short run may show 0, never
        // more than the pool. Peak open is certain: WarmConnections (20) opened in init and kept idle, seen at the snapshot.
        Assert.True(int.Parse(pool[1], System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 20, string.Join(", ", pool));
        Assert.True(int.Parse(pool[2], System.Globalization.CultureInfo.InvariantCulture) >= 20, string.Join(", ", pool));
        Assert.Equal("20", pool[3]); // ScenarioSettings.DefaultMaxPoolSize
    }

    [Fact]
    public async Task Reset_at_the_load_start_the_pool_peaks_are_the_loads_not_the_warm_ups()
    {
        using var pools = new NpgsqlPoolMonitor(TimeSpan.FromMinutes(10)); // sampled only when asked
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(fixture.Target.Target.ConnectionString) { ApplicationName = "pool-peaks-test", MaxPoolSize = 10 };
        await using var source = new Npgsql.NpgsqlDataSourceBuilder(builder.ConnectionString) { Name = "pool-peaks-test" }.Build();

        // The warm-up: 8 connections open at once (each "used" while it opens), then back to the pool, idle.
        var warm = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => source.OpenConnectionAsync().AsTask()));
        pools.Sample();
        foreach (var connection in warm)
        {
            await connection.DisposeAsync();
        }

        Assert.Equal(8, Assert.Single(pools.Snapshot(), p => p.PoolName == "pool-peaks-test").PeakUsed);

        pools.ResetPeaks();
        await using (var one = await source.OpenConnectionAsync())
        {
            pools.Sample();
        }

        var peak = Assert.Single(pools.Snapshot(), p => p.PoolName == "pool-peaks-test");
        Assert.Equal(1, peak.PeakUsed);
        Assert.Equal(8, peak.PeakOpen); // the warmed connections stay open (idle) under the load
    }
}
