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
    public async Task A_pod_that_starts_a_step_late_still_meets_its_partner()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", server.Config());
        string[] Args(string segment) => Search(config, temp.File("out"), segment, maxVUs: 6);

        // The first pod runs its part of step 1 and waits; the second (an image pulled on a new node) starts only then.
        var first = CliRunner.RunAsync(Args("0:1/2"));
        var part = temp.File("out/steps/01-3vus/segment-0-1_2/result.json");
        for (var waited = 0; !File.Exists(part) && !first.IsCompleted && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(File.Exists(part), (first.IsCompleted ? await first : null)?.ToString() ?? "the first pod's step 1 never ended");
        var second = await CliRunner.RunAsync(Args("1/2:1"));
        var outcomes = new[] { await first, second };

        Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.ToString()));
        Assert.Equal(outcomes[0].Out.TrimEnd().Split('\n')[^1], outcomes[1].Out.TrimEnd().Split('\n')[^1]);
        var result = await CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(SearchOutcome.LimitReached, result.Answer.Outcome);
        foreach (var step in result.Steps)
        {
            Assert.Equal(["0:1/2", "1/2:1"], (await RunResultJson.ReadAsync(temp.File("out/" + step.ResultPath))).Segments);
        }
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
    public void A_result_is_an_earlier_searchs_only_when_provably_so(bool segmented, int step, int startsAt, int earlierSearchEndedAt, bool earlier)
    {
        var began = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
        var run = LoadHarness.Testing.TestResults.With(LoadHarness.Testing.TestResults.Scenario("s", Core.Metrics.StatsBuilder.Build(
            Core.Metrics.Histograms.Create(), Core.Metrics.Histograms.Create(), 1, 0, 0, new Dictionary<string, long>(), [])), 3_000);
        var result = run with { StartedUtc = began.AddSeconds(startsAt), EndedUtc = began.AddSeconds(startsAt + 3) };
        var window = new LoadHarness.Cli.Commands.Capacity.SearchWindow(began, segmented, earlierSearchEndedAt == 0 ? null : began.AddSeconds(earlierSearchEndedAt));

        Assert.Equal(earlier, window.IsEarlier(result, step));
    }
}
