using LoadHarness.Scenarios.Catalog;
using TargetApi.Database;
using LoadHarness.Core.Thresholds;
using LoadHarness.Cli.Embedded;
using LoadHarness.Reporting.BeforeAfter;
using Npgsql;

namespace LoadHarness.Scenarios.Tests;

public sealed class BeforeAfterTests
{
    [Fact]
    public async Task Two_real_runs_without_and_with_the_index_migration_make_the_table_and_the_target_is_stopped_after()
    {
        string? apiBaseUrl = null;
        var log = new List<string>();
        var plans = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await BeforeAfterRunner.RunAsync(
            async (target, ct) =>
            {
                apiBaseUrl = target.ApiBaseUrl;
                var scenarios = new[]
                {
                    ShortRuns.Build("db_unread_count", target).WithThresholds(new ThresholdDefinition("p(95) < 500"), new ThresholdDefinition("p(95) < 5", step: "unread_count")),
                    ShortRuns.Build("api_profile", target).WithThresholds(new ThresholdDefinition("rate < 0.01")),
                };
                var run = await ShortRuns.RunAsync(scenarios, TimeSpan.FromSeconds(2), vus: 2);
                plans.Add(await PlanOfUnreadCountAsync(target.ConnectionString!, ct));
                return run;
            },
            new EmbeddedTargetOptions { SeedUsers = EmbeddedTargetFixture.SeedUsers, Log = line => { lock (log) { log.Add(line); } } },
            timeout.Token);

        Assert.NotNull(result.After);
        var section = Assert.IsType<LoadHarness.Core.Results.ReportSection>(result.Section);
        Assert.Equal(BeforeAfterTable.SectionId, section.Id);
        var table = Assert.Single(section.Tables);
        Assert.Equal(BeforeAfterTable.Columns, table.Columns);
        Assert.Equal([["db_unread_count", "unread_count"], ["api_profile", "profile"]], table.Rows.Select(r => r.Take(2).ToArray()));
        Assert.All(table.Rows.SelectMany(r => r.Skip(2).Take(5)), cell => Assert.Contains(" → ", cell, StringComparison.Ordinal));
        Assert.StartsWith("Gate: before ", section.Notes[0], StringComparison.Ordinal);
        Assert.Contains("| db_unread_count | unread_count |", result.Markdown, StringComparison.Ordinal);

        // The seed's unread count: a sequential scan before, its partial index after. Latencies are not compared here:
        // on a shared 2-core machine they measure the run queue as much as the query (see the report's figures).
        Assert.Equal(2, plans.Count);
        Assert.Contains("Seq Scan", plans[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plans[1], StringComparison.Ordinal);
        Assert.Contains("idx_notifications_user_unread", plans[1], StringComparison.Ordinal);
        Assert.Contains(log, line => line.Contains("index migration applied", StringComparison.Ordinal));

        // Disposed: the API child process is gone.
        Assert.NotNull(apiBaseUrl);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(apiBaseUrl + "/health")));
    }

    private static async Task<string> PlanOfUnreadCountAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var explain = new NpgsqlCommand(
            "EXPLAIN (FORMAT JSON) SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND is_read = false", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = SampleDatabase.UserId(7) });
        return (string)(await explain.ExecuteScalarAsync(ct))!;
    }

    [Fact]
    public async Task A_target_that_already_has_the_migration_is_refused()
    {
        await using var target = await EmbeddedTarget.StartAsync(new EmbeddedTargetOptions { SeedUsers = 20, StartApi = false }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BeforeAfterRunner.RunAsync(target, (_, _) => throw new InvalidOperationException("not run"), null, CancellationToken.None));
        Assert.Null(target.Target.ApiBaseUrl);
    }
}
