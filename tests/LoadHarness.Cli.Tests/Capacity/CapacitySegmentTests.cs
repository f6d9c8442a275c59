using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Capacity;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Capacity;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests.Capacity;

/// <summary>Two `capacity --segment` processes sharing one --out folder meet at every step, judge the merged step and agree.</summary>
public sealed class CapacitySegmentTests(KnownCapacityServer server) : IClassFixture<KnownCapacityServer>
{
    [Fact]
    public async Task Two_segments_run_every_step_together_and_take_the_same_path()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(string segment) => Search(config, temp.File("out"), segment, maxVUs: 6);

        var outcomes = await Task.WhenAll(CliRunner.RunAsync(Args("0:1/2")), CliRunner.RunAsync(Args("1/2:1")));

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Equal(outcomes[0].Out.TrimEnd().Split('\n')[^1], outcomes[1].Out.TrimEnd().Split('\n')[^1]);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.LimitReached, result.Answer.Outcome);
        Assert.Equal("0:1/2", result.Settings.Segment);
        // 3 then 6 VUs; a step that crossed the gate once (a stall of the shared machine: p95 over 500 ms at 3 VUs was
        // seen once) runs again as a Confirm step before the search goes on, in both segments alike.
        Assert.Equal([3, 6], result.Steps.Select(s => s.Load).Distinct());
        Assert.All(result.Steps.Where((s, i) => i > 0 && result.Steps[i - 1].Load == s.Load), s => Assert.Equal(StepPhase.Confirm, s.Phase));
        foreach (var step in result.Steps)
        {
            var merged = await RunResultJson.ReadAsync(temp.File("out/" + step.ResultPath));
            Assert.Equal(["0:1/2", "1/2:1"], merged.Segments);
            var parts = new List<RunResult>();
            foreach (var folder in Directory.GetDirectories(Path.GetDirectoryName(temp.File("out/" + step.ResultPath))!, "segment-*").Order(StringComparer.Ordinal))
            {
                parts.Add(await RunResultJson.ReadAsync(Path.Combine(folder, "result.json")));
            }

            Assert.Equal(2, parts.Count);

            // The step's VUs were split (3 → 1 + 2, 6 → 3 + 3) and the merged step counts every request of both.
            Assert.Equal(step.Load, parts.Sum(p => p.Scenarios.Single().PeakVUs));
            Assert.Equal(step.Requests, parts.Sum(p => p.Scenarios.Single().Steps.Sum(s => s.Stats.RequestCount)));
        }
    }

    [Fact]
    public async Task A_search_into_the_out_folder_of_an_earlier_search_merges_none_of_its_segments_and_leaves_only_its_own_steps()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(string segment, int maxVUs) => Search(config, temp.File("out"), segment, maxVUs);

        // The earlier search: three segments, up to 9 VUs. Its steps' segment-*/result.json stay in out/steps/.
        var earlier = await Task.WhenAll(CliRunner.RunAsync(Args("0:1/3", 9)), CliRunner.RunAsync(Args("1/3:2/3", 9)), CliRunner.RunAsync(Args("2/3:1", 9)));
        Assert.All(earlier, o => Assert.True(o.ExitCode == 0, o.ToString()));
        var earlierSteps = (await CapacityJson.ReadAsync(temp.File("out/capacity.json"))).Steps;
        Assert.Contains(earlierSteps, s => s.Load == 9);


        // This search, started at once: two segments, up to 6 VUs, the same --out. The earlier search's three segments of 3 and of 6 VUs
        // added up to the whole load: merged in, they would have stood in for a segment not yet arrived, or (with this
        // search's) overlapped so that no step ever added up.
        var outcomes = await Task.WhenAll(CliRunner.RunAsync(Args("0:1/2", 6)), CliRunner.RunAsync(Args("1/2:1", 6)));

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal([3, 6], result.Steps.Select(s => s.Load).Distinct());
        foreach (var step in result.Steps)
        {
            var merged = await RunResultJson.ReadAsync(temp.File("out/" + step.ResultPath));
            Assert.Equal(["0:1/2", "1/2:1"], merged.Segments);
            Assert.Equal(step.Load, merged.Scenarios.Single().PeakVUs);
        }

        // What the earlier search left is gone: its 9-VU step, and its segments in the folders this search used again.
        var folders = result.Steps.Select(s => s.ResultPath!.Split('/')[1]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(folders, Directory.GetDirectories(temp.File("out/steps")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(folders, f => Assert.Equal(
            ["segment-0-1_2", "segment-1_2-1"],
            Directory.GetDirectories(temp.File("out/steps/" + f)).Select(Path.GetFileName).Order(StringComparer.Ordinal)));
        Assert.Contains("of an earlier search from", outcomes[0].Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_that_starts_late_runs_step_1_together_with_its_partner()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(string segment) => Search(config, temp.File("out"), segment, maxVUs: 6);

        // The first pod is here; the second (an image pulled on a new node) starts 4 s later, longer than a step
        // (1 s warm-up + 2 s): without the roll call the first pod's half of step 1 was over before the second's began.
        var first = CliRunner.RunAsync(Args("0:1/2"));
        var entry = temp.File("out/segments/segment-0-1_2.json");
        for (var waited = 0; !File.Exists(entry) && !first.IsCompleted && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(entry), (first.IsCompleted ? await first : null)?.ToString() ?? "the first pod never said it was here");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var second = await CliRunner.RunAsync(Args("1/2:1"));
        var outcomes = new[] { await first, second };

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Matches(@"segment 0:1/2: waiting for the other segments of this search in \S+segments \(missing 1/2:1 of 0:1\)", outcomes[0].Out);
        Assert.Contains("all 2 segments are here: the load starts", outcomes[0].Out, StringComparison.Ordinal);
        Assert.Equal(outcomes[0].Out.TrimEnd().Split('\n')[^1], outcomes[1].Out.TrimEnd().Split('\n')[^1]);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.LimitReached, result.Answer.Outcome);
        foreach (var step in result.Steps)
        {
            Assert.Equal(["0:1/2", "1/2:1"], (await RunResultJson.ReadAsync(temp.File("out/" + step.ResultPath))).Segments);

            // Every step, the first included, is the whole load at once: the two halves ran at the same time.
            var parts = await Parts(temp.File("out/" + step.ResultPath));
            Assert.True(parts.Max(p => p.StartedUtc) < parts.Min(p => p.EndedUtc), $"step {step.Number}: the segments never ran together");
        }
    }

    [Fact]
    public async Task With_a_search_id_nothing_a_killed_search_left_counts()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(string segment, string id) => [.. Search(config, temp.File("out"), segment, maxVUs: 3), "--search-id", id];

        // Job A ran its step and was killed before it wrote capacity.json (removed here): its roll call and its parts
        // are seconds old, so by time alone they would count, and pod 0 of job B would run at once with A's half.
        var a = await Task.WhenAll(CliRunner.RunAsync(Args("0:1/2", "job-a")), CliRunner.RunAsync(Args("1/2:1", "job-a")));
        Assert.All(a, o => Assert.True(o.ExitCode == 0, o.ToString()));
        File.Delete(temp.File("out/capacity.json"));

        var first = CliRunner.RunAsync(Args("0:1/2", "job-b"));
        var entry = temp.File("out/segments/segment-0-1_2.json");
        for (var waited = 0; !(File.Exists(entry) && File.ReadAllText(entry).Contains("job-b", StringComparison.Ordinal)) && !first.IsCompleted && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.ReadAllText(entry).Contains("job-b", StringComparison.Ordinal), (first.IsCompleted ? await first : null)?.ToString() ?? "pod 0 of job B never said it was here");
        await Task.Delay(TimeSpan.FromSeconds(4));
        var second = await CliRunner.RunAsync(Args("1/2:1", "job-b"));
        var outcomes = new[] { await first, second };

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Contains("missing 1/2:1 of 0:1; 1 segment(s) of an earlier search, not counted", outcomes[0].Out, StringComparison.Ordinal);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        foreach (var step in result.Steps)
        {
            var parts = await Parts(temp.File("out/" + step.ResultPath));
            Assert.All(parts, p => Assert.Equal("job-b", p.Test.Labels["capacity.search"]));
            Assert.True(parts.Max(p => p.StartedUtc) < parts.Min(p => p.EndedUtc), $"step {step.Number}: the segments never ran together");
        }

        // Job A's roll call is gone with its results: segments/ names job B's two processes.
        Assert.Equal(["segment-0-1_2.json", "segment-1_2-1.json"], Directory.GetFiles(temp.File("out/segments")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(temp.File("out/segments")), f => Assert.Contains("\"id\": \"job-b\"", File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_segment_that_never_comes_stops_the_search_before_its_first_step_with_exit_1()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync(
            [.. Search(temp.Write("config.json", server.Config()), temp.File("out"), "0:1/2", maxVUs: 3), "--segment-wait", "2s"]);

        Assert.True(outcome.ExitCode == 1, outcome.ToString());
        Assert.Contains("the search's segments were not all here within 2 s (missing 1/2:1 of 0:1)", outcome.Err, StringComparison.Ordinal);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.Interrupted, result.Answer.Outcome);
        Assert.Contains("never started", result.Answer.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Steps);
        Assert.False(Directory.Exists(temp.File("out/steps/01-3vus")));
    }

    /// <summary>The segments' own results beside a merged step's result.json.</summary>
    private static async Task<List<RunResult>> Parts(string merged)
    {
        var parts = new List<RunResult>();
        foreach (var folder in Directory.GetDirectories(Path.GetDirectoryName(merged)!, "segment-*").Order(StringComparer.Ordinal))
        {
            parts.Add(await RunResultJson.ReadAsync(Path.Combine(folder, "result.json")));
        }

        Assert.Equal(2, parts.Count);
        return parts;
    }

    [Fact]
    public async Task A_whole_search_into_the_out_folder_of_an_earlier_one_keeps_its_own_steps_and_what_LoadHarness_did_not_write()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(int maxVUs) => Search(config, temp.File("out"), null, maxVUs);
        var earlier = await CliRunner.RunAsync(Args(6));
        Assert.True(earlier.ExitCode == 0, earlier.ToString());
        Directory.CreateDirectory(temp.File("out/steps/mine"));
        await File.WriteAllTextAsync(temp.File("out/steps/notes.txt"), "kept");

        var outcome = await CliRunner.RunAsync(Args(3));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.All(result.Steps, s => Assert.Equal(3, s.Load));
        var folders = result.Steps.Select(s => s.ResultPath!.Split('/')[1]).Append("mine").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(folders, Directory.GetDirectories(temp.File("out/steps")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(temp.File("out/steps/notes.txt")));
        Assert.Contains("of an earlier search from", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_segment_without_a_shared_out_folder_is_refused()
    {
        using var temp = new TempFolder();
        var outcome = await CliRunner.RunAsync("capacity", "-c", temp.Write("config.json", server.Config()), "--segment", "0:1/2", "--step-vus", "2");

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("--segment 0:1/2 needs --out", outcome.Err, StringComparison.Ordinal);

        // An --out that cannot be a folder (a file in the way): named, invalid input, no stack trace.
        var file = temp.Write("a-file", "not a folder");
        var blocked = await CliRunner.RunAsync("capacity", "-c", temp.File("config.json"), "--segment", "0:1/2", "--step-vus", "2", "--out", file);
        Assert.True(blocked.ExitCode == 2, blocked.ToString());
        Assert.Contains($"--out: cannot write {Path.Combine(file, "segments", "segment-0-1_2.json")}", blocked.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", blocked.Err, StringComparison.Ordinal);
    }

    /// <summary>A search of 3 VUs a step up to <paramref name="maxVUs"/>, 1 s warm-up + 2 s a step, into <paramref name="outFolder"/>.</summary>
    private static string[] Search(string config, string outFolder, string? segment, int maxVUs) =>
        [
            "capacity", "-c", config, "--out", outFolder, .. segment is null ? Array.Empty<string>() : ["--segment", segment],
            "--step-vus", "3", "--max-vus", maxVUs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gate", "p(95) < 500", "--step-duration", "2s", "--warm-up", "1s",
        ];

    [Theory]
    [InlineData(false, 1, -5, 0, true)] // whole: ended before the search began (each result here lasts 3 s)
    [InlineData(false, 1, -2, 0, false)]
    [InlineData(true, 2, -1, 0, true)] // a segment of a later step: started before the search began
    [InlineData(true, 2, 1, 0, false)]
    [InlineData(true, 1, -100, 0, false)] // step 1, 100 s before: a partner that started a step earlier
    [InlineData(true, 1, -130, 0, true)] // step 1, over the barrier's 2-minute wait before: another search's
    [InlineData(true, 1, -100, -90, true)] // step 1, ended before the earlier search in the folder did
    [InlineData(true, 1, -80, -90, false)] // step 1, ended after it: this search's
    // (these time rules judge a segmented search only before its roll call; after it, the next theory's)
    public void A_result_is_an_earlier_searchs_only_when_provably_so(bool segmented, int step, int startsAt, int earlierSearchEndedAt, bool earlier)
    {
        var began = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var run = LoadHarness.Testing.TestResults.With(LoadHarness.Testing.TestResults.Scenario("s", Core.Metrics.StatsBuilder.Build(
            Core.Metrics.Histograms.Create(), Core.Metrics.Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), [])), 3_000);
        var result = run with { StartedUtc = began.AddSeconds(startsAt), EndedUtc = began.AddSeconds(startsAt + 3) };
        var window = new LoadHarness.Cli.Commands.Capacity.SearchWindow(began, segmented, earlierSearchEndedAt == 0 ? null : began.AddSeconds(earlierSearchEndedAt));

        Assert.Equal(earlier, window.IsEarlier(result, step));
    }

    [Theory]
    [InlineData("0:1/2", 5, null, null, false)] // its segment is here, and it started after that segment's process began
    [InlineData("0:1/2", -1, null, null, true)] // started before that process began: the part is older than the process
    [InlineData("0:1/3", 5, null, null, true)] // a segment not in this search (another split)
    [InlineData("0:1/2", 5, "job-b", "job-b", false)] // the same --search-id
    [InlineData("0:1/2", 5, "job-b", "job-a", true)] // another search's id, however recent
    [InlineData("0:1/2", 5, "job-b", null, true)] // no id where this search has one
    [InlineData("0:1/2", 5, null, "job-a", false)] // this search has none: time alone
    public void After_the_roll_call_a_result_is_this_searchs_when_its_segment_is_here_since_before_it_started(
        string segment, int startsAfterItsProcess, string? searchId, string? resultId, bool earlier)
    {
        var began = new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero);
        var partner = began.AddSeconds(40); // a pod that started late: its part of step 1 starts only after it is here
        var run = LoadHarness.Testing.TestResults.With(LoadHarness.Testing.TestResults.Scenario("s", Core.Metrics.StatsBuilder.Build(
            Core.Metrics.Histograms.Create(), Core.Metrics.Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), [])), 3_000);
        var result = run with
        {
            StartedUtc = partner.AddSeconds(startsAfterItsProcess),
            EndedUtc = partner.AddSeconds(startsAfterItsProcess + 3),
            Segments = [segment],
            Test = run.Test with { Labels = resultId is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["capacity.search"] = resultId } },
        };
        var window = new LoadHarness.Cli.Commands.Capacity.SearchWindow(began, Segmented: true, SearchId: searchId,
            RollCall: new Dictionary<string, DateTimeOffset> { ["0:1/2"] = partner, ["1/2:1"] = began });

        Assert.Equal(earlier, window.IsEarlier(result, step: 1));
        Assert.Equal(earlier, window.IsEarlier(result, step: 4));
    }
}
