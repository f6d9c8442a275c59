using LoadHarness.Postgres.Health;

namespace LoadHarness.Postgres.Tests;

/// <summary>The run's database section from two counter snapshots (no server needed: the counters are values).</summary>
public sealed class DatabaseRunDeltaTests
{
    [Fact]
    public void The_pools_table_lists_the_harness_pools_not_its_unpooled_monitor_connection()
    {
        var counters = new DatabaseCounters { Tables = new Dictionary<string, TableCounters>() };
        PoolUsage[] pools =
        [
            new("loadharness:lookup", PeakUsed: 3, PeakOpen: 10, MaxPoolSize: 20, PeakPending: 0, Timeouts: 0),
            new("Host=127.0.0.1;Port=5432;Database=app;Username=app;Pooling=False;Application Name=loadharness:monitor", 1, 1, 0, 0, 0),
        ];

        var (_, section) = DatabaseRunDelta.Compute(counters, counters, new Dictionary<string, string>(), harnessPools: pools);

        var table = Assert.Single(section.Tables, t => t.Title.StartsWith("Npgsql pools of the harness", StringComparison.Ordinal));
        Assert.Equal(["loadharness:lookup"], table.Rows.Select(r => r[0]));
    }
}
