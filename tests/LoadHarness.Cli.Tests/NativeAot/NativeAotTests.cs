using System.Globalization;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Results;
using LoadHarness.Reporting.Json;

namespace LoadHarness.Cli.Tests.NativeAot;

/// <summary>
/// The Native AOT <c>loadharness</c> (what <c>dotnet publish</c> makes) against real servers: everything the JIT build's
/// tests cover runs the same code, so these check what trimming and AOT compilation can break — reflection over the
/// settings types (unknown keys), the generated configuration binder, result.json and capacity.json metadata,
/// HdrHistogram's decoding, Npgsql, the charts' native libraries.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NativeAotTests(NativeAotBuild aot, LoopbackServer server, PostgresFixture postgres)
    : IClassFixture<NativeAotBuild>, IClassFixture<LoopbackServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task It_is_one_native_executable_with_its_help()
    {
        var head = new byte[4];
        await using (var file = File.OpenRead(aot.Executable))
        {
            await file.ReadExactlyAsync(head);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), head);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(aot.Executable)!, "loadharness.dll")), "a loadharness.dll beside it: not the Native AOT publish");
        var help = await aot.RunAsync(Patience, "--help");
        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (var verb in new[] { "run", "compare", "capacity", "validate" })
        {
            Assert.Contains(verb, help.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_quick_run_writes_every_default_report_and_the_result_reads_back()
    {
        using var temp = new TempFolder();
        var outcome = await aot.RunAsync(Patience, "run", "--url", server.BaseUrl + "/ok", "--vus", "2", "--duration", "2s", "--ci", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        var stats = Assert.Single(result.Scenarios).Stats;
        Assert.True(stats.RequestCount > 10, outcome.ToString());
        Assert.Equal(0, stats.FailCount);
        foreach (var file in new[] { "index.html", "summary.md", "stats.csv", "junit.xml" })
        {
            Assert.True(File.Exists(temp.File("out/" + file)), $"{file} missing\n{outcome}");
        }

        Assert.Contains("<svg", await File.ReadAllTextAsync(temp.File("out/index.html")), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(temp.File("out"), "chart-*.svg"));
    }

    [Fact]
    public async Task A_config_binds_its_keys_gates_on_thresholds_and_names_an_unknown_key()
    {
        using var temp = new TempFolder();
        var passing = temp.Write("pass.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 2000", "rate < 0.01"]));
        var failing = temp.Write("fail.json", Configs.Http(server.BaseUrl, "/fail", ["rate < 0.01"]));
        var typo = temp.Write("typo.json", Configs.Http(server.BaseUrl, "/ok", []).Replace("\"Requests\"", "\"Requets\"", StringComparison.Ordinal));

        var pass = await aot.RunAsync(Patience, "run", "--config", passing, "--ci", "--out", temp.File("pass"));
        var fail = await aot.RunAsync(Patience, "run", "--config", failing, "--ci", "--out", temp.File("fail"));
        var bad = await aot.RunAsync(Patience, "validate", "--config", typo);

        Assert.True(pass.ExitCode == 0, pass.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("pass/result.json"));
        Assert.Equal(["p(95) < 2000", "rate < 0.01"], result.Thresholds.Select(t => t.Expression));
        Assert.True(File.Exists(temp.File("pass/summary.md")));
        Assert.True(fail.ExitCode == 99, fail.ToString());
        Assert.False(Assert.Single((await RunResultJson.ReadAsync(temp.File("fail/result.json"))).Thresholds).Passed);
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("GlobalSettings.ScenariosSettings[0].Http.Requets", bad.Err, StringComparison.Ordinal);
        Assert.Contains("did you mean 'Requests'?", bad.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_reads_results_the_jit_build_wrote()
    {
        using var temp = new TempFolder();
        string[] runs =
        [
            await CompareVerbTests.WriteAsync(temp, "main/result.json", new SyntheticRun { Seed = 1, Build = "v1" }),
            await CompareVerbTests.WriteAsync(temp, "same/result.json", new SyntheticRun { Seed = 2, Build = "v2" }),
            await CompareVerbTests.WriteAsync(temp, "slower/result.json", new SyntheticRun { Seed = 3, Build = "v3", Factor = 1.5 }),
        ];

        var same = await aot.RunAsync(Patience, "compare", runs[0], runs[1], "--fail-on-regression", "10", "--out", temp.File("cmp-same"));
        var slower = await aot.RunAsync(Patience, "compare", runs[0], runs[2], "--fail-on-regression", "10", "--out", temp.File("cmp-slower"));

        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("result: no regression", same.Out, StringComparison.Ordinal);
        Assert.True(slower.ExitCode == 99, slower.ToString());
        foreach (var file in new[] { "compare.md", "compare.html", "compare.json" })
        {
            Assert.True(File.Exists(temp.File("cmp-slower/" + file)), file);
        }
    }

    [Fact]
    public async Task A_capacity_search_writes_capacity_json_and_its_png_knee()
    {
        using var temp = new TempFolder();
        var config = temp.Write("capacity.json", Configs.Http(server.BaseUrl, "/ok", ["p(95) < 2000", "rate < 0.01"]));

        var outcome = await aot.RunAsync(Patience, "capacity", "--config", config, "--step-vus", "2", "--max-vus", "4",
            "--step-duration", "2s", "--warm-up", "1s", "--no-confirm", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await LoadHarness.Reporting.Capacity.CapacityJson.ReadAsync(temp.File("out/capacity.json"));
        Assert.Equal(2, result.Steps.Count);
        Assert.True(new FileInfo(temp.File("out/capacity-knee.png")).Length > 1000, "the knee chart (ScottPlot, SkiaSharp's native library) is missing or empty");
        Assert.True(File.Exists(temp.File("out/capacity.html")));
    }

    [Fact]
    public async Task A_sql_scenario_runs_against_postgresql()
    {
        var connectionString = await postgres.DatabaseAsync("aot",
            "CREATE TABLE items (id int PRIMARY KEY, owner_id int NOT NULL)",
            "INSERT INTO items SELECT g, g % 10 FROM generate_series(1, 200) g");
        using var temp = new TempFolder();
        var config = temp.Write("sql.json", $$"""
            {
              "TestName": "aot sql",
              "Target": { "ConnectionString": "{{connectionString}}" },
              "GlobalSettings": {
                "ScenariosSettings": [
                  { "ScenarioName": "items", "Stages": [ { "Duration": "2s", "Target": 2 } ], "ThinkTime": "20ms",
                    "Sql": { "MaxPoolSize": 4, "Queries": [
                      { "Name": "by_owner", "Sql": "SELECT id FROM items WHERE owner_id = @owner", "Parameters": [ { "Name": "owner", "From": "SELECT DISTINCT owner_id FROM items" } ], "Checks": [ "rows > 0" ] }
                    ] },
                    "Thresholds": [ "p(95) < 1000", "rate < 0.01" ] }
                ],
                "ReportFormats": [ "Md" ]
              }
            }
            """);

        var outcome = await aot.RunAsync(Patience, "run", "--config", config, "--ci", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var result = await RunResultJson.ReadAsync(temp.File("out/result.json"));
        var scenario = Assert.Single(result.Scenarios);
        Assert.True(scenario.Stats.RequestCount > 20, scenario.Stats.RequestCount.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, scenario.Stats.FailCount);
        Assert.All(result.Thresholds, t => Assert.True(t.Passed, t.Description));
    }
}
