using LoadHarness.Reporting.Json;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Tests;

/// <summary>merge (segments), list (dry run) and --help (compare: CompareVerbTests).</summary>
public sealed class VerbTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task Segments_merge_into_one_result_judged_by_the_config()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [4, "2s"] }]"""));
        var segments = await Task.WhenAll(
            CliRunner.RunAsync("run", "--config", config, "--segment", "0/2:1/2", "--out", temp.File("s0"), "--no-gate", "--quiet"),
            CliRunner.RunAsync("run", "--config", config, "--segment", "1/2:2/2", "--out", temp.File("s1"), "--no-gate", "--quiet"));
        Assert.All(segments, s => Assert.True(s.ExitCode == 0, s.ToString()));

        // The merge judges the config's thresholds, here a stricter one than the segments ran with.
        var strict = temp.Write("strict.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01", "count > 1000000", "app.pool_usage: max < 0.8"]));
        var merged = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), temp.File("s1/result.json"), "--config", strict, "--out", temp.File("merged"));

        Assert.True(merged.ExitCode == 99, merged.ToString());
        var a = await RunResultJson.ReadAsync(temp.File("s0/result.json"));
        var b = await RunResultJson.ReadAsync(temp.File("s1/result.json"));
        var m = await RunResultJson.ReadAsync(temp.File("merged/result.json"));
        Assert.Equal(2, m.Segments.Count);
        Assert.Equal(a.Scenarios[0].Stats.RequestCount + b.Scenarios[0].Stats.RequestCount, m.Scenarios[0].Stats.RequestCount);
        Assert.Equal(3, m.Thresholds.Count);
        Assert.False(m.Thresholds.Single(t => t.Expression == "count > 1000000").Passed);
        // Judged again on the sum, a figure with no data still says why (before: a bare "no data" after the merge).
        Assert.EndsWith("no data (limit < 0.8): the run has no Target.MetricsUrl, so it scraped no application metrics",
            m.Thresholds.Single(t => t.Expression == "app.pool_usage: max < 0.8").Description, StringComparison.Ordinal);

        var lenient = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), temp.File("s1/result.json"), "--out", temp.File("merged2"));
        Assert.True(lenient.ExitCode == 0, lenient.ToString());

        // A lost pod: half the segments is refused, naming the missing part, and writes nothing ...
        var half = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), "--out", temp.File("half"));
        Assert.True(half.ExitCode == 2, half.ToString());
        Assert.Contains("missing 1/2:1 of 0:1", half.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("half")));

        // ... and merged on request it is marked partial and never passes, though its own thresholds held.
        var partial = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), "--out", temp.File("partial"), "--allow-partial");
        Assert.True(partial.ExitCode == 99, partial.ToString());
        var p = await RunResultJson.ReadAsync(temp.File("partial/result.json"));
        Assert.Equal("missing 1/2:1 of 0:1", p.Test.Labels["partial"]);
        Assert.False(p.Passed);
        Assert.True(p.Thresholds.Where(t => t.Expression != "segments cover 0:1").All(t => t.Passed));

        var twice = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), temp.File("s0/result.json"), temp.File("s1/result.json"), "--out", temp.File("twice"));
        Assert.True(twice.ExitCode == 2, twice.ToString());
        Assert.Contains("counted twice", twice.Err, StringComparison.Ordinal);

        // A pod of another run (this run's pod crashed; its folder still holds the last run's result.json): the two
        // halves add up to 0:1 but never ran at the same time, so they are not one test's load.
        var later = await CliRunner.RunAsync("run", "--config", config, "--segment", "1/2:2/2", "--out", temp.File("later"), "--no-gate", "--quiet");
        Assert.True(later.ExitCode == 0, later.ToString());
        var apart = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), temp.File("later/result.json"), "--out", temp.File("apart"));
        Assert.True(apart.ExitCode == 2, apart.ToString());
        Assert.Contains("never at the same time", apart.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("apart")));
    }

    [Fact]
    public async Task Segments_started_apart_start_their_load_together_and_merge_takes_one_runs_segments_only()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [4, "3s"] }]"""));
        string[] Segment(string segment, string output, string runId) =>
            ["run", "--config", config, "--segment", segment, "--start-together", temp.File("shared/segments"), "--run-id", runId, "--out", temp.File(output), "--no-gate", "--ci"];

        // The second pod starts 4 s after the first is here (longer than the test): without --start-together the first
        // pod's half of the load was over before the second's began, and the merge refused them as never together.
        var first = CliRunner.RunAsync(Segment("0:1/2", "s0", "job-1"));
        var entry = temp.File("shared/segments/segment-0-1_2.json");
        for (var waited = 0; !File.Exists(entry) && !first.IsCompleted && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(entry), (first.IsCompleted ? await first : null)?.ToString() ?? "the first pod never said it was here");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var second = await CliRunner.RunAsync(Segment("1/2:1", "s1", "job-1"));
        var outcomes = new[] { await first, second };

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Contains("segment 0:1/2: waiting for the other segments of this run in", outcomes[0].Out, StringComparison.Ordinal);
        Assert.Contains("(missing 1/2:1 of 0:1)", outcomes[0].Out, StringComparison.Ordinal);
        var a = await RunResultJson.ReadAsync(temp.File("s0/result.json"));
        var b = await RunResultJson.ReadAsync(temp.File("s1/result.json"));
        Assert.Equal("job-1", a.Test.Labels["run.id"]);
        // Invariants, not a time bound: each load began once the late process was here, and the two loads ran together.
        using (var late = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("shared/segments/segment-1_2-1.json"))))
        {
            var here = late.RootElement.GetProperty("startedUtc").GetDateTimeOffset();
            Assert.All(new[] { a, b }, r => Assert.True((r.LoadStartedUtc ?? r.StartedUtc) >= here, $"segment {r.Segments[0]}'s load began before the late process was here"));
        }

        Assert.True(new[] { a, b }.Max(r => r.LoadStartedUtc ?? r.StartedUtc) < new[] { a, b }.Min(r => r.EndedUtc), "the two loads never ran together");
        var merged = await CliRunner.RunAsync("merge", temp.File("s0/result.json"), temp.File("s1/result.json"), "--out", temp.File("merged"));
        Assert.True(merged.ExitCode == 0, merged.ToString());

        // The next run of the Job (another uid): segment 0 of it waits for its own partner, not the last run's entry ...
        var alone = await CliRunner.RunAsync([.. Segment("0:1/2", "s2", "job-2"), "--segment-wait", "2s"]);
        Assert.True(alone.ExitCode == 1, alone.ToString());
        Assert.Contains("the run's segments were not all here within 2 s (missing 1/2:1 of 0:1; 1 segment(s) of an earlier run, not counted)", alone.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was run", alone.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("s2/result.json")));

        // ... and merge refuses a half of each run, though they ran at the same time.
        var other = await Task.WhenAll(CliRunner.RunAsync(Segment("0:1/2", "s3", "job-3")), CliRunner.RunAsync(Segment("1/2:1", "s4", "job-3")));
        Assert.All(other, o => Assert.True(o.ExitCode == 0, o.ToString()));
        var s4 = await RunResultJson.ReadAsync(temp.File("s4/result.json"));
        Directory.CreateDirectory(temp.File("s5"));
        await RunResultJson.WriteAsync(s4 with { Test = s4.Test with { Labels = new Dictionary<string, string> { ["run.id"] = "job-4" } } }, temp.File("s5/result.json"));
        var mixed = await CliRunner.RunAsync("merge", temp.File("s3/result.json"), temp.File("s5/result.json"), "--out", temp.File("mixed"));
        Assert.True(mixed.ExitCode == 2, mixed.ToString());
        Assert.Contains("the segments are of 2 runs (--run-id job-3: segment 0:1/2; --run-id job-4: segment 1/2:1), not one run's", mixed.Err, StringComparison.Ordinal);

        var whole = await CliRunner.RunAsync("run", "--config", config, "--start-together", temp.File("shared/segments"), "--out", temp.File("whole"));
        Assert.True(whole.ExitCode == 2 && whole.Err.Contains("--start-together needs --segment", StringComparison.Ordinal), whole.ToString());
        var file = temp.Write("a-file", "not a folder");
        var unwritable = await CliRunner.RunAsync("run", "--config", config, "--segment", "0:1/2", "--start-together", file, "--out", temp.File("s7"), "--no-gate");
        Assert.True(unwritable.ExitCode == 2 && unwritable.Err.Contains($"--start-together: cannot write {Path.Combine(file, "segment-0-1_2.json")}", StringComparison.Ordinal), unwritable.ToString());
        Assert.False(File.Exists(temp.File("s7/result.json")));
        var wait = await CliRunner.RunAsync([.. Segment("0:1/2", "s6", "job-5"), "--segment-wait", "soon"]);
        Assert.True(wait.ExitCode == 2 && wait.Err.Contains("--segment-wait: 'soon' is not a positive duration", StringComparison.Ordinal), wait.ToString());
    }

    [Fact]
    public async Task List_shows_the_planned_load_over_time()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", [], load: """[{ "RampingConstant": [10, "1m"] }, { "KeepConstant": [10, "1m"] }]"""));
        var outcome = await CliRunner.RunAsync("list", "--config", config);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("web (closed model, 02:00", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("total duration: 02:00", outcome.Out, StringComparison.Ordinal);
        var rows = outcome.Out.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+\d\d:\d\d\s+\d")).ToArray();
        Assert.True(rows.Length >= 10, outcome.ToString());
        Assert.Contains(rows, r => r.Contains("01:00", StringComparison.Ordinal) && r.Contains(" 10 ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("report")]
    [InlineData("list")]
    [InlineData("validate")]
    [InlineData("merge")]
    [InlineData("compare")]
    [InlineData("trend")]
    [InlineData("capacity")]
    [InlineData("audit")]
    [InlineData("bench-queries")]
    public async Task Every_verb_has_help_with_examples(string verb)
    {
        var outcome = await CliRunner.RunAsync(verb, "--help");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("Examples:", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("loadharness " + verb, outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_top_level_help_shows_an_example_of_every_command()
    {
        var outcome = await CliRunner.RunAsync("--help");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var examples = outcome.Out[outcome.Out.IndexOf("Examples:", StringComparison.Ordinal)..outcome.Out.IndexOf("Usage:", StringComparison.Ordinal)];
        var verbs = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, isTerminal: false)).Subcommands.Select(c => c.Name).ToList();
        Assert.Equal(10, verbs.Count);
        Assert.All(verbs, verb => Assert.Contains("loadharness " + verb + " ", examples, StringComparison.Ordinal));
        Assert.Contains("loadharness run --url ", examples, StringComparison.Ordinal); // how people try a load tool first
    }
}
