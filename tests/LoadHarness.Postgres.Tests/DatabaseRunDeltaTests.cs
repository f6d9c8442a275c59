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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_named_statement_not_seen_says_when_other_roles_texts_were_hidden(bool hidden)
    {
        var start = new DatabaseCounters
        {
            Tables = new Dictionary<string, TableCounters>(),
            Statements = new Dictionary<string, StatementCounters> { ["10:0:true"] = new(hidden ? "<insufficient privilege>" : "select 1", 5, 1, 5) },
        };
        var end = start with { Statements = new Dictionary<string, StatementCounters> { ["10:0:true"] = new(start.Statements!["10:0:true"].Query, 50, 10, 50) } };

        var (measurements, section) = DatabaseRunDelta.Compute(start, end, new Dictionary<string, string> { ["by_id"] = "SELECT * FROM users WHERE id = @id" });

        Assert.DoesNotContain(measurements, m => m.Name.StartsWith("db.statement(by_id)", StringComparison.Ordinal));
        var note = Assert.Single(section.Notes, n => n.StartsWith("db.statement(by_id): no statement with its query's text", StringComparison.Ordinal));
        Assert.Equal(hidden, note.Contains("texts hidden from the harness's role (Target.ConnectionString's user): GRANT pg_monitor TO it", StringComparison.Ordinal));
    }
}

