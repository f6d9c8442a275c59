using LoadHarness.Postgres.Health;

namespace LoadHarness.Scenarios.Tests;

/// <summary>The harness's own Npgsql pools as the run report shows them (peak used, peak open).</summary>
[Collection(EmbeddedCollection.Name)]
public sealed class NpgsqlPoolMonitorTests(EmbeddedTargetFixture fixture)
{
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
