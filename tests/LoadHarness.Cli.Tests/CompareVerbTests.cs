using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests;

/// <summary><c>compare</c> end to end on result files: exit codes 0 / 99 / 2, the written files, several baselines.</summary>
public sealed class CompareVerbTests
{
    /// <summary>A synthetic run written as result.json by this (JIT) build, at <paramref name="name"/> under <paramref name="temp"/>.</summary>
    internal static async Task<string> WriteAsync(TempFolder temp, string name, SyntheticRun spec)
    {
        var path = temp.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await RunResultJson.WriteAsync(SyntheticRuns.Build(spec), path);
        return path;
    }

    [Fact]
    public async Task The_same_build_passes_the_gate_and_a_slower_one_exits_99()
    {
        using var temp = new TempFolder();
        var main = await WriteAsync(temp, "main/result.json", new SyntheticRun { Seed = 1, Build = "v1.4.1" });
        var same = await WriteAsync(temp, "same/result.json", new SyntheticRun { Seed = 2, Build = "v1.4.2" });
        var slower = await WriteAsync(temp, "slower/result.json", new SyntheticRun { Seed = 3, Build = "v1.4.3", Factor = 1.5 });

        var pass = await CliRunner.RunAsync("compare", main, same, "--fail-on-regression", "10", "--out", temp.File("cmp"));
        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains("result: no regression", pass.Out, StringComparison.Ordinal);
        Assert.Contains("v1.4.2", pass.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "compare.md", "compare.html", "compare.json" })
        {
            Assert.True(new FileInfo(temp.File("cmp/" + file)).Length > 500, file);
        }

        Assert.Contains("NO REGRESSION", await File.ReadAllTextAsync(temp.File("cmp/compare.md")), StringComparison.Ordinal);

        var fail = await CliRunner.RunAsync("compare", main, slower, "--fail-on-regression", "10");
        Assert.True(fail.ExitCode == 99, fail.ToString());
        Assert.Contains("result: REGRESSION", fail.Out, StringComparison.Ordinal);
        Assert.Contains("✗ regressed", fail.Out, StringComparison.Ordinal);

        var report = await CliRunner.RunAsync("compare", main, slower);
        Assert.True(report.ExitCode == 0, "without --fail-on-regression the verdict never fails: " + report);
        Assert.Contains("result: REGRESSION", report.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_baselines_from_a_folder_are_counted_and_used()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            await WriteAsync(temp, $"releases/v1.4.1/run{i}/result.json", new SyntheticRun { Seed = 10 + i, Build = "v1.4.1" });
        }

        var candidate = await WriteAsync(temp, "pr/result.json", new SyntheticRun { Seed = 20, Factor = 1.6 });

        var outcome = await CliRunner.RunAsync("compare", candidate, "--baseline", temp.File("releases"), "--fail-on-regression", "10");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("baseline: 3 runs", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("candidate: 1 run", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("one baseline run", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_baseline_folder_gives_the_runs_of_the_candidates_test_only()
    {
        using var temp = new TempFolder();
        for (var i = 0; i < 3; i++)
        {
            await WriteAsync(temp, $"reports/quick/run{i}/result.json", new SyntheticRun { Seed = 10 + i, Build = "v1.4.1" });
        }

        // Another request's run in the same folder (reports/quick holds every quick run), much slower: as a fourth
        // baseline it widened the baseline's noise so far that the candidate's +60 % was "inconclusive", exit 0.
        var other = SyntheticRuns.Build(new SyntheticRun { Seed = 30, Factor = 3 });
        Directory.CreateDirectory(temp.File("reports/quick/other"));
        await RunResultJson.WriteAsync(other with { Test = other.Test with { TestName = "GET /slow" } }, temp.File("reports/quick/other/result.json"));
        var candidate = await WriteAsync(temp, "pr/result.json", new SyntheticRun { Seed = 20, Factor = 1.6 });

        var outcome = await CliRunner.RunAsync("compare", candidate, "--baseline", temp.File("reports/quick"), "--fail-on-regression", "10");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("baseline: 3 runs", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("1 run(s) of other tests left out (synthetic / GET /slow)", outcome.Out, StringComparison.Ordinal);

        // A folder with none of the candidate's test is named, with what it holds; a file named on its own is read as it is.
        var none = await CliRunner.RunAsync("compare", candidate, "--baseline", temp.File("reports/quick/other"));
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("no result.json of synthetic / compare in this folder or below it (it holds synthetic / GET /slow)", none.Err, StringComparison.Ordinal);
        var file = await CliRunner.RunAsync("compare", temp.File("reports/quick/other/result.json"), candidate);
        Assert.True(file.ExitCode == 0, file.ToString());
    }

    [Fact]
    public async Task Quick_runs_from_before_they_were_named_by_their_request_are_named_by_where_their_load_went()
    {
        using var temp = new TempFolder();
        async Task<string> Write(string name, int seed, string testName, string? target)
        {
            var run = SyntheticRuns.Build(new SyntheticRun { Seed = seed });
            var path = temp.File(name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await RunResultJson.WriteAsync(run with
            {
                Test = run.Test with
                {
                    TestSuite = "quick",
                    TestName = testName,
                    Targets = target is null ? run.Test.Targets : new Dictionary<string, string> { ["quick"] = target },
                },
            }, path);
            return path;
        }

        // Written by an earlier version: every quick run was "quick / quick"; its target says where the load went.
        await Write("reports/quick/a/result.json", 1, "quick", "http://127.0.0.1:8080/ok");
        await Write("reports/quick/b/result.json", 2, "quick", "POST http://127.0.0.1:8080/orders");
        var candidate = await Write("pr/result.json", 3, "GET /ok", "http://127.0.0.1:8080/ok");

        var outcome = await CliRunner.RunAsync("compare", candidate, "--baseline", temp.File("reports/quick"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("baseline: 1 run", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("1 run(s) of other tests left out (quick / POST /orders)", outcome.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_of_different_plans_are_not_compared_and_fail_the_gate_with_2()
    {
        using var temp = new TempFolder();
        var main = await WriteAsync(temp, "a.json", new SyntheticRun { Seed = 1 });
        var shorter = await WriteAsync(temp, "b.json", new SyntheticRun { Seed = 2, Seconds = 30 });

        var gated = await CliRunner.RunAsync("compare", main, shorter, "--fail-on-regression", "10");
        Assert.True(gated.ExitCode == 2, gated.ToString());
        Assert.Contains("not comparable", gated.Err, StringComparison.Ordinal);
        Assert.Contains("load plans differ", gated.Out, StringComparison.Ordinal);

        var looked = await CliRunner.RunAsync("compare", main, shorter);
        Assert.True(looked.ExitCode == 0, looked.ToString());
        Assert.Contains("result: NOT COMPARABLE", looked.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_foreign_or_empty_input_exits_2_naming_it()
    {
        using var temp = new TempFolder();
        var main = await WriteAsync(temp, "a.json", new SyntheticRun { Seed = 1 });
        var foreign = temp.Write("package.json", """{ "name": "web", "version": "1.0.0" }""");
        var truncated = temp.Write("truncated.json", (await File.ReadAllTextAsync(main))[..200]);
        Directory.CreateDirectory(temp.File("empty"));

        var cases = new (string[] Args, string Expected)[]
        {
            (["compare", main, temp.File("nope.json"), "--fail-on-regression", "10"], "nope.json: file not found"),
            (["compare", main, foreign], "package.json (line 1): not a result.json"),
            (["compare", truncated, main], "truncated.json"),
            (["compare", main, "--baseline", temp.File("empty")], "no result.json in this folder"),
            (["compare", main], "give a baseline and a candidate"),
            (["compare", "--baseline", main, main], "before --baseline"),
            (["compare", main, main, "--fail-on-regression", "-5"], "--fail-on-regression: -5 is not a percentage"),
        };
        foreach (var (args, expected) in cases)
        {
            var outcome = await CliRunner.RunAsync(args);
            Assert.True(outcome.ExitCode == 2, string.Join(" ", args) + "\n" + outcome);
            Assert.Contains(expected, outcome.Err, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_threshold_crossed_now_is_named_in_the_output()
    {
        using var temp = new TempFolder();
        var spec = new SyntheticRun { Thresholds = ["p(95) < 47.5"] };
        var main = await WriteAsync(temp, "a.json", spec with { Seed = 50 });
        var pr = await WriteAsync(temp, "b.json", spec with { Seed = 51, Factor = 1.08 });
        Assert.False((await RunResultJson.ReadAsync(pr)).Passed);

        var outcome = await CliRunner.RunAsync("compare", main, pr, "--fail-on-regression", "10");

        Assert.True(outcome.ExitCode == 99, outcome.ToString());
        Assert.Contains("threshold api_orders: p(95) < 47.5", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("held before, crossed now", outcome.Out, StringComparison.Ordinal);
    }
}
