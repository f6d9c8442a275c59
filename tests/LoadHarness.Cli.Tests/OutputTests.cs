using LoadHarness.Reporting.Json;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;

namespace LoadHarness.Cli.Tests;

/// <summary>CI output mode, report folder layout, `report` round trip, secrets kept out of files and console.</summary>
public sealed class OutputTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    [Fact]
    public async Task Ci_mode_prints_progress_lines_not_tables_and_the_summary()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 1000"], load: """[{ "RampingConstant": [3, "2s"] }, { "KeepConstant": [3, "1s"] }]"""));
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--ci");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var progress = outcome.Out.Split('\n').Where(l => l.StartsWith("[00:0", StringComparison.Ordinal)).ToArray();
        Assert.True(progress.Length >= 2, outcome.ToString());
        Assert.All(progress, l => Assert.Contains(" web ", l, StringComparison.Ordinal));
        Assert.All(progress, l => Assert.Contains("p95 ", l, StringComparison.Ordinal));
        Assert.DoesNotContain("│", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("╭", outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", outcome.Out, StringComparison.Ordinal);
        Assert.Contains("p95", outcome.Out.Split("scenario web", 2)[1], StringComparison.Ordinal);
        Assert.Contains("✓ web: p(95) < 1000", outcome.Out, StringComparison.Ordinal);

        // The files written, the charts counted: every name but the charts', then how many charts there are.
        var wrote = outcome.Out.Split('\n').Single(l => l.StartsWith("wrote ", StringComparison.Ordinal));
        var charts = Directory.GetFiles(temp.File("out"), "chart-*.svg").Length;
        Assert.True(charts > 2, wrote);
        Assert.EndsWith($" and {charts} charts (chart-*.svg)", wrote.TrimEnd(), StringComparison.Ordinal);
        Assert.StartsWith("wrote result.json, ", wrote, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-latency", wrote, StringComparison.Ordinal);

        // The generator's own CPU during the load phase: in the summary and in result.json.
        Assert.Matches(@"generator CPU \d+\.\d\d of \d+ cores \(\d+ %\)", outcome.Out);
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.True(result.Environment.GeneratorCpuCores > 0, outcome.ToString());

        // And the whole machine's (every process; LoadHarness is one of them), on Linux where /proc/stat says it.
        Assert.Matches(@"; the whole machine \d+\.\d\d of \d+ cores \(\d+ %\)", outcome.Out);
        Assert.True(result.Environment.MachineCpuCores > 0 && result.Environment.MachineCpuCores <= result.Environment.ProcessorCount, outcome.ToString());
    }

    [Fact]
    public async Task Report_folder_has_test_name_and_timestamp_and_result_round_trips_through_report()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [1, "1s"] }]"""));
        var run = await CliRunner.RunAsync("run", "--config", config, "--report-folder", temp.File("reports"), "--quiet");
        Assert.True(run.ExitCode == 0, run.ToString());

        var folder = Assert.Single(Directory.GetDirectories(temp.File("reports/web_test")));
        Assert.Matches(@"^\d{8}-\d{6}$", Path.GetFileName(folder));
        Assert.EndsWith(folder, run.Out.TrimEnd().Split('\n')[^1].Trim());
        var resultPath = Path.Combine(folder, "result.json");
        var original = await File.ReadAllTextAsync(resultPath);

        var report = await CliRunner.RunAsync("report", resultPath, "--out", temp.File("again"));
        Assert.True(report.ExitCode == 0, report.ToString());
        foreach (var file in new[] { "result.json", "index.html", "summary.md", "stats.csv", "junit.xml" })
        {
            Assert.True(File.Exists(temp.File("again/" + file)), file + "\n" + report);
        }

        Assert.Equal(original, await File.ReadAllTextAsync(temp.File("again/result.json")));
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(folder, "summary.md")),
            await File.ReadAllTextAsync(temp.File("again/summary.md")));

        // The run's folder, as the console names it, stands for its result.json; a folder without one is named.
        var fromFolder = await CliRunner.RunAsync("report", folder, "--out", temp.File("from-folder"));
        Assert.True(fromFolder.ExitCode == 0, fromFolder.ToString());
        Assert.Equal(original, await File.ReadAllTextAsync(temp.File("from-folder/result.json")));

        // Without --out the reports go back into that folder (the folder of its result.json), not beside it.
        File.Delete(Path.Combine(folder, "summary.md"));
        var inPlace = await CliRunner.RunAsync("report", folder, "--formats", "md");
        Assert.True(inPlace.ExitCode == 0, inPlace.ToString());
        Assert.True(File.Exists(Path.Combine(folder, "summary.md")), inPlace.ToString());
        Assert.Equal([folder], Directory.GetDirectories(temp.File("reports/web_test")));
        Assert.Empty(Directory.GetFiles(temp.File("reports/web_test")));
        Assert.Contains("reports: " + folder, inPlace.Out, StringComparison.Ordinal);
        var empty = await CliRunner.RunAsync("report", temp.File("reports"));
        Assert.True(empty.ExitCode == 2, empty.ToString());
        Assert.Contains("a folder without a result.json", empty.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_a_broken_result_json_exits_2_naming_the_file()
    {
        using var temp = new TempFolder();
        var path = temp.Write("result.json", "{ \"schemaVersion\": 1,\n  \"test\": [ }");
        var outcome = await CliRunner.RunAsync("report", path);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains(path, outcome.Err, StringComparison.Ordinal);
        Assert.Contains("line 2", outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report", "{ \"name\": \"my-app\", \"version\": \"1.0.0\" }")]
    [InlineData("compare", "[ 1, 2, 3 ]")]
    [InlineData("merge", "")]
    [InlineData("report", "\u0000\u0001 binary")]
    [InlineData("compare", "{ \"schemaVersion\": 1, \"test\": { \"testSuite\": 5 } }")]
    public async Task A_corrupt_or_foreign_result_json_exits_2_with_the_reason(string verb, string content)
    {
        using var temp = new TempFolder();
        var path = temp.Write("foreign.json", content);
        string[] args = verb == "compare" ? [verb, path, path] : [verb, path, "--out", temp.File("out")];

        var outcome = await CliRunner.RunAsync(args);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.StartsWith(path, outcome.Err, StringComparison.Ordinal);
        Assert.Contains("not a result.json", outcome.Err, StringComparison.Ordinal);
        Assert.Single(outcome.Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public async Task A_report_folder_that_cannot_be_written_keeps_the_result_elsewhere_prints_the_summary_and_exits_74()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(server.BaseUrl, "/ok", ["rate < 0.5"], load: """[{ "KeepConstant": [1, "1s"] }]"""));
        var blocked = temp.Write("a-file", "not a folder");

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", Path.Combine(blocked, "reports"), "--quiet");

        Assert.True(outcome.ExitCode == 74, outcome.ToString());
        Assert.Contains("thresholds", outcome.Out, StringComparison.Ordinal); // the summary
        Assert.Contains("cannot create the report folder", outcome.Err, StringComparison.Ordinal);
        var saved = System.Text.RegularExpressions.Regex.Match(outcome.Err, @"the result is saved to (\S+result\.json)").Groups[1].Value;
        Assert.True(File.Exists(saved), outcome.ToString());
        Assert.Single((await RunResultJson.ReadAsync(saved)).Scenarios);
        Directory.Delete(Path.GetDirectoryName(saved)!, recursive: true);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_never_reach_the_console_or_the_files()
    {
        using var temp = new TempFolder();
        var json = Configs.Http(server.BaseUrl, "/ok", ["rate < 0.01"], load: """[{ "KeepConstant": [1, "3s"] }]""")
            .Replace("\"ConnectionString\": \"\"", "\"ConnectionString\": \"Host=127.0.0.1;Username=u;Password=hunter2secret\"", StringComparison.Ordinal)
            .Replace("\"Checks\"", "\"Headers\": { \"Authorization\": \"Bearer tok3nsecret\" }, \"Checks\"", StringComparison.Ordinal);
        var config = temp.Write("config.json", json);
        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--ci");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        Assert.Contains("Password=***", result.Test.Targets["database"], StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(temp.File("out")))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("hunter2secret", text, StringComparison.Ordinal);
            Assert.DoesNotContain("tok3nsecret", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hunter2secret", outcome.Out + outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3nsecret", outcome.Out + outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenario_headers_go_with_every_request_and_a_request_header_of_the_same_name_wins()
    {
        using var temp = new TempFolder();
        var json = Configs.Http(server.BaseUrl, "/mirror", ["checks > 0.99"], load: """[{ "IterationsForConstant": [1, 3] }]""")
            .Replace(
                "\"Requests\": [ { \"Name\": \"get\", \"Url\": \"/mirror\", \"Checks\": [ \"status == 200\" ] } ]",
                """
                "Headers": { "X-Tenant": "acme", "Authorization": "Bearer t0k3n" },
                "Requests": [
                  { "Name": "shared", "Url": "/mirror", "Checks": [ "body contains 'GET - acme Bearer t0k3n'" ] },
                  { "Name": "own", "Url": "/mirror", "Headers": { "x-tenant": "other" }, "Checks": [ "body contains 'GET - other Bearer t0k3n'" ] }
                ]
                """,
                StringComparison.Ordinal);
        Assert.Contains("\"own\"", json, StringComparison.Ordinal);
        var config = temp.Write("config.json", json);

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var checks = Assert.Single((await RunResultJson.ReadAsync(temp.File("out/result.json"))).Scenarios).Checks;
        Assert.Equal(2, checks.Count);
        Assert.All(checks, c => Assert.Equal((3L, 0L), (c.Passes, c.Fails)));

        var bad = await CliRunner.RunAsync("validate", "--config", temp.Write("bad.json", json.Replace("\"X-Tenant\": \"acme\"", "\"X Tenant\": \"acme\"", StringComparison.Ordinal)));
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Matches(@"GlobalSettings\.ScenariosSettings\[0\]\.Http\.Headers \(line \d+\): 'X Tenant' is not a valid header name", bad.Err + bad.Out);
    }
}
