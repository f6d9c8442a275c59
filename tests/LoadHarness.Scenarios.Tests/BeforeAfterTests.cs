using LoadHarness.Core.Catalog;
using LoadHarness.Core.Thresholds;
using LoadHarness.Scenarios.BeforeAfter;
using LoadHarness.Scenarios.Embedded;

namespace LoadHarness.Scenarios.Tests;

public sealed class BeforeAfterTests
{
    [Fact]
    public async Task Two_real_runs_without_and_with_the_index_migration_make_the_table_and_the_target_is_stopped_after()
    {
        string? apiBaseUrl = null;
        var log = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await BeforeAfterRunner.RunAsync(
            (target, ct) =>
            {
                apiBaseUrl = target.ApiBaseUrl;
                var scenarios = new[]
                {
                    ShortRuns.Build("db_unread_count", target).WithThresholds(new ThresholdDefinition("p(95) < 500"), new ThresholdDefinition("p(95) < 5", step: "unread_count")),
                    ShortRuns.Build("api_profile", target).WithThresholds(new ThresholdDefinition("rate < 0.01")),
                };
                return ShortRuns.RunAsync(scenarios, TimeSpan.FromSeconds(2), vus: 2);
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

        // The seed's unread count: a sequential scan before, the partial index after.
        double P95(LoadHarness.Core.Results.RunResult run) =>
            run.Scenarios.Single(s => s.Name == "db_unread_count").Steps.Single().Stats.Latency.P95Ms;
        Assert.True(P95(result.Before) > P95(result.After), string.Join("\n", section.Notes) + "\n" + result.Markdown);
        Assert.Contains(log, line => line.Contains("index migration applied", StringComparison.Ordinal));

        // Disposed: the API child process is gone.
        Assert.NotNull(apiBaseUrl);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(apiBaseUrl + "/health")));
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
