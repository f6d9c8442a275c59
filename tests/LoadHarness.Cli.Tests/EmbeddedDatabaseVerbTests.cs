using System.Text.Json;
using System.Text.Json.Nodes;
using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary>
/// audit and bench-queries on the embedded sample with the shipped nbomber-config.json's Queries (the seed's five and the
/// RLS-bound unread count), seeded small (300 users: 15,000 notifications) so a test stays short.
/// </summary>
public sealed class EmbeddedDatabaseVerbTests
{
    [Fact]
    public async Task Bench_queries_before_after_measures_the_seeds_expected_improvements_and_gates_on_the_after_run()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", ShippedConfig(seedUsers: 300));

        var outcome = await CliRunner.RunAsync("bench-queries", "-c", config, "--before-after", "--runs", "3", "--big-table-rows", "1000", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("index migration not applied", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("before → after the index migration", outcome.Out, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(temp.File("out/queries.json")));
        var improvements = json.RootElement.GetProperty("tables").GetProperty("improvements").GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("query").GetString()!);
        Assert.Equal(7, improvements.Count);
        Assert.Equal("Seq Scan (notifications)", improvements["unread_count"].GetProperty("plan_before").GetString());
        Assert.Contains("idx_notifications_user_unread", improvements["unread_count"].GetProperty("plan_after").GetString(), StringComparison.Ordinal);
        Assert.Equal("Seq Scan (user_sessions)", improvements["session"].GetProperty("plan_before").GetString());
        Assert.Contains("idx_user_sessions_refresh_token_active", improvements["session"].GetProperty("plan_after").GetString(), StringComparison.Ordinal);
        Assert.All(improvements.Values.Where(r => r.GetProperty("query").GetString() != "mark_as_read"), r => Assert.Equal("yes", r.GetProperty("met_after").GetString()));
        Assert.Equal("-", improvements["mark_as_read"].GetProperty("met_after").GetString());   // no target: measured, not judged
        var all = json.RootElement.GetProperty("tables").GetProperty("tables-before-after").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("table").GetString() == "notifications");
        Assert.True(all.GetProperty("seq_before").GetInt64() > 0);
        Assert.Equal(0, all.GetProperty("seq_after").GetInt64());
        var rls = json.RootElement.GetProperty("tables").GetProperty("rls").GetProperty("rows")[0];
        Assert.Equal("target_api", rls.GetProperty("role").GetString());
        Assert.Equal("ok", rls.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task The_audit_of_the_sample_before_the_migration_recommends_its_indexes()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", ShippedConfig(seedUsers: 300));

        var outcome = await CliRunner.RunAsync("audit", "-c", config, "--without-index-migration", "--big-table-rows", "1000", "--out", temp.Path, "--fail-on", "critical");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("traffic: the config's 7 Queries, 20 runs each", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY ON notifications (user_id) WHERE is_read = false;", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY ON user_sessions (refresh_token);", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("CREATE INDEX CONCURRENTLY ON api_keys (user_id);", outcome.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("audit.html")));
    }

    [Fact]
    public async Task Capacity_before_after_searches_without_then_with_the_migration_and_writes_both_and_the_table()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", ShippedConfig(seedUsers: 300));

        var outcome = await CliRunner.RunAsync("capacity", "-c", config, "--scenario", "api_profile", "--before-after",
            "--step-vus", "5", "--max-vus", "10", "--step-duration", "2s", "--warm-up", "1s", "--no-confirm", "--out", temp.File("out"));

        Assert.Contains("before/after: search 1 of 2, without the index migration", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("before/after: search 2 of 2, with the index migration", outcome.Out, StringComparison.Ordinal);
        foreach (var phase in new[] { "before", "after" })
        {
            Assert.True(File.Exists(temp.File($"out/{phase}/capacity.json")), outcome.ToString());
            Assert.NotEmpty(Directory.GetFiles(temp.File($"out/{phase}/steps"), "result.json", SearchOption.AllDirectories));
        }

        var table = File.ReadAllText(temp.File("out/capacity-before-after.md"));
        Assert.Contains("| sustainable load |", table, StringComparison.Ordinal);
        Assert.Contains(table.TrimEnd(), outcome.Out, StringComparison.Ordinal);
        using var after = JsonDocument.Parse(File.ReadAllText(temp.File("out/after/capacity.json")));
        var held = after.RootElement.GetProperty("answer").TryGetProperty("sustainableStep", out var step) && step.ValueKind == JsonValueKind.Number;
        Assert.True(outcome.ExitCode == (held ? 0 : 99), outcome.ToString());
    }

    private static string ShippedConfig(int seedUsers)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !(File.Exists(Path.Combine(dir.FullName, "nbomber-config.json")) && File.Exists(Path.Combine(dir.FullName, "LoadHarness.sln"))))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(dir.FullName, "nbomber-config.json")))!.AsObject();
        config["GlobalSettings"]!["GlobalCustomSettings"]!["SeedUsers"] = seedUsers;
        return config.ToJsonString();
    }
}
