using LoadHarness.Cli.Configuration;
using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Core.Load;

namespace LoadHarness.Cli.Tests;

/// <summary>The configuration layers and the plan transformations, without running anything.</summary>
public sealed class RunSettingsLoaderTests
{
    [Fact]
    public void Environment_overrides_json_and_flags_override_both()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http("http://127.0.0.1:1", "/ok", []));
        var catalog = CliCatalog.Create();
        var options = new RunSettingsLoaderOptions
        {
            Catalog = catalog,
            Environment = new Dictionary<string, string?>
            {
                ["LOADHARNESS__TARGET__APIBASEURL"] = "http://127.0.0.1:2",
                ["LOADHARNESS__GLOBALSETTINGS__REPORTFOLDER"] = "from-env",
                ["OTHER__TESTNAME"] = "ignored",
            },
        };

        var fromEnv = new RunSettingsLoader(options).Load(config);
        var fromFlags = new RunSettingsLoader(options).Load(config, new ConfigOverrides { ReportFolder = "from-flag", ApiBaseUrl = "http://127.0.0.1:3" });

        Assert.True(fromEnv.IsValid, string.Join("\n", fromEnv.Problems));
        Assert.Equal("http://127.0.0.1:2", fromEnv.Settings!.Target.ApiBaseUrl);
        Assert.Equal("from-env", fromEnv.Settings.ReportFolder);
        Assert.Equal("web test", fromEnv.Settings.TestName);
        Assert.Equal("http://127.0.0.1:3", fromFlags.Settings!.Target.ApiBaseUrl);
        Assert.Equal("from-flag", fromFlags.Settings.ReportFolder);
    }

    [Fact]
    public void Nbomber_simulations_stages_and_threshold_settings_bind()
    {
        using var temp = new TempFolder();
        var json = Configs.Http("http://127.0.0.1:1", "/ok", [], load: """
            [{ "RampingConstant": [10, "00:00:30"] }, { "KeepConstant": [10, "1m"] }, { "Pause": ["00:00:05"] }, { "IterationsForConstant": [2, 100] }]
            """, extraScenario: """
            , "WarmUpDuration": "10s", "ThinkTime": "100ms..300ms", "MaxVUs": 50, "MaxFailCount": 7, "RequestTimeout": "2s",
              "ThresholdSettings": [ { "OkRequest": "RPS >= 30" }, { "FailRequest": "Percent < 10" }, { "OkLatency": "p75 < 80" }, { "StatusCode": ["500", "Percent < 5"] } ]
            """);
        var load = CliCatalog.Loader(CliCatalog.Create()).Load(temp.Write("config.json", json));

        Assert.True(load.IsValid, string.Join("\n", load.Problems));
        var web = load.Settings!.Find("web")!;
        Assert.Equal(4, web.LoadSimulations!.Count);
        Assert.Equal(LoadSimulation.RampingConstant(10, TimeSpan.FromSeconds(30)), web.LoadSimulations[0]);
        Assert.Equal(LoadSimulation.Pause(TimeSpan.FromSeconds(5)), web.LoadSimulations[2]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), web.ThinkTimeMin);
        Assert.Equal(TimeSpan.FromMilliseconds(300), web.ThinkTimeMax);
        Assert.Equal(50, web.MaxVUs);
        Assert.Equal(4, web.Thresholds.Count);
        Assert.Contains(web.Thresholds, t => t.Expression == "StatusCode(500): Percent < 5");
    }

    [Fact]
    public void Duration_scale_shortens_plans_but_not_think_time_timeouts_or_warm_up()
    {
        using var temp = new TempFolder();
        var json = Configs.Http("http://127.0.0.1:1", "/ok", [], load: """[{ "RampingConstant": [10, "1m"] }, { "KeepConstant": [10, "2m"] }]""",
            extraScenario: """, "WarmUpDuration": "20s", "ThinkTime": "1s", "RequestTimeout": "5s" """);
        var load = CliCatalog.Loader(CliCatalog.Create()).Load(temp.Write("config.json", json), new ConfigOverrides { DurationScale = 0.1 });
        Assert.True(load.IsValid, string.Join("\n", load.Problems));

        var scenario = TestDefinitionBuilder.PlanOnly("web", load.Settings!);
        Assert.Equal(TimeSpan.FromSeconds(18), LoadPlan.Create(scenario.LoadSimulations).Duration);
        Assert.Equal(TimeSpan.FromSeconds(20), scenario.WarmUpDuration);
        Assert.Equal(TimeSpan.FromSeconds(1), scenario.ThinkTimeMin);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.RequestTimeout);
    }

    [Fact]
    public void The_repository_config_is_valid()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "nbomber-config.json")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.NotNull(root);
        var load = CliCatalog.Loader(CliCatalog.Create()).Load(Path.Combine(root, "nbomber-config.json"));
        Assert.True(load.IsValid, string.Join("\n", load.Problems));
        Assert.True(load.Settings!.UsesEmbeddedTarget);
    }

    [Fact]
    public async Task A_config_saved_with_a_byte_order_mark_loads_and_its_capacity_section_is_read()
    {
        using var temp = new TempFolder();
        var text = Configs.Http("http://127.0.0.1:1", "/ok", ["p(95) < 500"]);
        var config = temp.File("bom.json");
        await File.WriteAllBytesAsync(config, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]); // Notepad's UTF-8

        var loaded = CliCatalog.Loader(CliCatalog.Create()).Load(config);
        var validate = await CliRunner.RunAsync("validate", "--config", config);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems)); // was: not valid JSON: '0xEF' is an invalid start of a value
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Equal(ConfigJson.ReadFile(temp.Write("plain.json", text)), ConfigJson.ReadFile(config));
    }
}

