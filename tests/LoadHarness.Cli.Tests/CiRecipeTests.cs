using System.Diagnostics;
using LoadHarness.Cli.Tests.Fixtures;
using YamlDotNet.RepresentationModel;

namespace LoadHarness.Cli.Tests;

/// <summary>examples/ci: the GitHub Actions workflow parses and has the gate's steps; gate.sh runs, compares and gates for real.</summary>
public sealed class CiRecipeTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_workflow_is_valid_yaml_with_the_gate_steps()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Root, "examples/ci/github-actions.yml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents.Single().RootNode;
        var on = (YamlMappingNode)root[new YamlScalarNode("on")];
        Assert.Contains(new YamlScalarNode("pull_request"), on.Children.Keys);
        Assert.Contains(new YamlScalarNode("release"), on.Children.Keys);
        var job = (YamlMappingNode)((YamlMappingNode)root[new YamlScalarNode("jobs")])[new YamlScalarNode("load-gate")];
        Assert.Equal("ubuntu-24.04", job[new YamlScalarNode("runs-on")].ToString());
        var steps = ((YamlSequenceNode)job[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>().ToList();
        Assert.All(steps, s => Assert.True(s.Children.ContainsKey(new YamlScalarNode("uses")) ^ s.Children.ContainsKey(new YamlScalarNode("run")), "a step either uses an action or runs a command"));
        string Run(YamlMappingNode s) => s.Children.TryGetValue(new YamlScalarNode("run"), out var r) ? r.ToString() : "";
        string Uses(YamlMappingNode s) => s.Children.TryGetValue(new YamlScalarNode("uses"), out var u) ? u.ToString() : "";

        Assert.All(steps.Where(s => Uses(s).Length > 0), s => Assert.Matches(@"^[\w-]+/[\w-]+@v\d+$", Uses(s)));
        var fetch = steps.FindIndex(s => Run(s).Contains("gh release download --pattern result.json --dir baseline", StringComparison.Ordinal));
        var gate = steps.FindIndex(s => Run(s).Contains("examples/ci/gate.sh baseline", StringComparison.Ordinal));
        var keep = steps.FindIndex(s => Uses(s).StartsWith("actions/upload-artifact@", StringComparison.Ordinal));
        var attach = steps.FindIndex(s => Run(s).Contains("gh release upload", StringComparison.Ordinal) && Run(s).Contains("load-report/run/result.json", StringComparison.Ordinal));
        Assert.True(fetch >= 0 && gate > fetch && keep > gate && attach > keep, $"step order: fetch {fetch}, gate {gate}, keep {keep}, attach {attach}");
        Assert.Equal("always()", steps[keep][new YamlScalarNode("if")].ToString());
        Assert.Equal("load-report", ((YamlMappingNode)steps[keep][new YamlScalarNode("with")])[new YamlScalarNode("path")].ToString());
        Assert.True(File.Exists(Path.Combine(Root, "examples/ci/gate.sh")));
    }

    [Fact]
    public async Task Gate_sh_runs_compares_with_the_baseline_writes_the_step_summary_and_fails_on_a_regression()
    {
        using var temp = new TempFolder();
        var load = """[{ "KeepConstant": [4, "8s"] }]"""; // 8 paired seconds: enough for an interval
        var fast = temp.Write("fast.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 1000"], load));
        var slow = temp.Write("slow.json", Configs.Http(server.BaseUrl, "/slow?ms=60", ["p(95) < 1000"], load));

        var first = await GateAsync(temp, fast, "v1", "release", baseline: null);
        Assert.True(first.Exit == 0, first.Output);
        Assert.Contains("the comparison is skipped", first.Output, StringComparison.Ordinal);
        var summary = await File.ReadAllTextAsync(temp.File("summary-release.md"));
        Assert.Contains("PASSED", summary, StringComparison.Ordinal);

        var same = await GateAsync(temp, fast, "v2", "same", baseline: temp.File("release/run/result.json"));
        Assert.True(same.Exit == 0, same.Output);
        Assert.Contains("Comparison: NO REGRESSION", await File.ReadAllTextAsync(temp.File("summary-same.md")), StringComparison.Ordinal);

        var slower = await GateAsync(temp, slow, "v3", "slower", baseline: temp.File("release/run"));
        Assert.True(slower.Exit == 99, slower.Output);
        var slowSummary = await File.ReadAllTextAsync(temp.File("summary-slower.md"));
        Assert.Contains("Comparison: REGRESSION", slowSummary, StringComparison.Ordinal);
        Assert.Contains("v3", slowSummary, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("slower/compare/compare.html")));
    }

    private static async Task<(int Exit, string Output)> GateAsync(TempFolder temp, string config, string label, string name, string? baseline)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        info.ArgumentList.Add(Path.Combine(Root, "examples/ci/gate.sh"));
        if (baseline is not null)
        {
            info.ArgumentList.Add(baseline);
        }

        // The Cli project's own build (same configuration as this test's), with its deps.json.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        info.Environment["LOADHARNESS"] = $"dotnet {Path.Combine(Root, "src/LoadHarness.Cli/bin", configuration, "net10.0/loadharness.dll")}";
        info.Environment["CONFIG"] = config;
        info.Environment["DURATION_SCALE"] = "1";
        info.Environment["REPORT_DIR"] = temp.File(name);
        info.Environment["LABEL"] = label;
        info.Environment["GITHUB_STEP_SUMMARY"] = temp.File($"summary-{name}.md");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + "\n--- stderr ---\n" + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "examples", "ci", "github-actions.yml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("examples/ci/github-actions.yml not found above " + AppContext.BaseDirectory);
    }
}
