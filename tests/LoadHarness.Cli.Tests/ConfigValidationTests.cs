using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary>Exit 2 for each kind of bad config, the message naming its JSON path (validate and run alike).</summary>
public sealed class ConfigValidationTests
{
    private const string Url = "http://127.0.0.1:9";

    public static TheoryData<string, string, string, string> BadConfigs => new()
    {
        // name, JSON with the problem, expected path, expected text
        { "unknown key", Configs.Http(Url, "/ok", [], extraGlobal: ",\n    \"ReportFolderr\": \"x\""), "GlobalSettings.ReportFolderr", "did you mean 'ReportFolder'?" },
        { "unknown scenario key", Configs.Http(Url, "/ok", [], extraScenario: ",\n \"ThinkTme\": \"1s\""), "GlobalSettings.ScenariosSettings[0].ThinkTme", "did you mean 'ThinkTime'?" },
        { "bad duration", Configs.Http(Url, "/ok", [], load: """[{ "RampingConstant": [10, "1x"] }]"""), "GlobalSettings.ScenariosSettings[0].LoadSimulationsSettings[0].RampingConstant[1]", "'1x' is not a duration (use 00:01:00, 1m, 30s)" },
        { "negative rate", Configs.Http(Url, "/ok", [], load: """[{ "Inject": [-5, "1s", "10s"] }]"""), "GlobalSettings.ScenariosSettings[0].LoadSimulationsSettings[0].Inject[0]", "must be greater than zero" },
        { "zero rate", Configs.Http(Url, "/ok", [], load: """[{ "Inject": [0, "1s", "10s"] }]"""), "GlobalSettings.ScenariosSettings[0].LoadSimulationsSettings[0].Inject[0]", "must be greater than zero" },
        { "mixed models", Configs.Http(Url, "/ok", [], load: """[{ "RampingConstant": [10, "5s"] }, { "Inject": [5, "1s", "10s"] }]"""), "GlobalSettings.ScenariosSettings[0].LoadSimulationsSettings", "cannot be mixed" },
        { "stages and simulations", Configs.Http(Url, "/ok", [], extraScenario: ",\n \"Stages\": [ { \"Duration\": \"1m\", \"Target\": 10 } ]"), "GlobalSettings.ScenariosSettings[0].Stages", "cannot be mixed" },
        { "bad threshold", Configs.Http(Url, "/ok", ["p(95) <> 500"]), "GlobalSettings.ScenariosSettings[0].Thresholds[0]", "at position" },
        { "bad URL", Configs.Http("localhost-no-scheme", "/ok", []), "Target.ApiBaseUrl", "is not an absolute http(s) URL" },
        { "unknown scenario", Configs.Http(Url, "/ok", []).Replace("\"TestSuite\"", "\"TargetScenarios\": [ \"webb\" ],\n  \"TestSuite\"", StringComparison.Ordinal), "TargetScenarios[0]", "unknown scenario 'webb' (did you mean 'web'?)" },
        { "unknown format", Configs.Http(Url, "/ok", []).Replace("\"Md\"", "\"Htm\"", StringComparison.Ordinal), "GlobalSettings.ReportFormats[0]", "unknown report format 'Htm' (did you mean 'html'?)" },
        { "bad http request", Configs.Http(Url, "/ok", []).Replace("\"Name\": \"get\"", "\"Name\": \"\"", StringComparison.Ordinal), "GlobalSettings.ScenariosSettings[0].Http.Requests[0].Name", "needs a name" },
        { "bad metrics url", Configs.Http(Url, "/ok", []).Replace("\"ApiBaseUrl\"", "\"MetricsUrl\": \"metrics\", \"ApiBaseUrl\"", StringComparison.Ordinal), "Target.MetricsUrl", "is not an absolute http(s) URL" },
        { "unknown sql key", Sql("""{ "Name": "q", "Sql": "SELECT 1", "Paramters": [] }"""), "GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Paramters", "did you mean 'Parameters'?" },
        { "sql query without a name", Sql("""{ "Name": "", "Sql": "SELECT 1" }"""), "GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Name", "a query needs a name" },
        { "sql placeholder not a parameter", Sql("""{ "Name": "q", "Sql": "SELECT * FROM t WHERE id = @id", "Parameters": [ { "Name": "user", "From": "SELECT 1" } ] }"""), "GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Sql", "@id is not one of its Parameters (user)" },
        { "sql parameter without From", Sql("""{ "Name": "q", "Sql": "SELECT $1", "Parameters": [ { "Name": "x", "From": "" } ] }"""), "GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Parameters[0].From", "is empty" },
        { "sql bad check", Sql("""{ "Name": "q", "Sql": "SELECT 1", "Checks": [ "rows >> 1" ] }"""), "GlobalSettings.ScenariosSettings[0].Sql.Queries[0].Checks[0]", "is not a row count" },
        { "bad measurement threshold", Configs.Http(Url, "/ok", ["db.connections: rate < 0.8"]), "GlobalSettings.ScenariosSettings[0].Thresholds[0]", "does not apply to a measurement" },
        { "threshold on a step the Http scenario lacks", Configs.Http(Url, "/ok", ["http_req_duration{name:profile}: p(95) < 300"]), "GlobalSettings.ScenariosSettings[0].Thresholds[0]", "judges step 'profile', which scenario 'web' does not have (its steps: get)" },
        { "unsupported k6 tag", Configs.Http(Url, "/ok", ["http_req_duration{status:200}: p(95) < 300"]), "GlobalSettings.ScenariosSettings[0].Thresholds[0]", "tag 'status:200' is not supported (name:<step>, scenario:<scenario>, expected_response:true)" },
        { "threshold on a step the Sql scenario lacks", Sql("""{ "Name": "q", "Sql": "SELECT 1" }""").Replace("\"Sql\": { \"Queries\"", "\"Thresholds\": [ { \"Expression\": \"p(95) < 5\", \"Step\": \"qq\" } ], \"Sql\": { \"Queries\"", StringComparison.Ordinal), "GlobalSettings.ScenariosSettings[0].Thresholds[0].Expression", "judges step 'qq', which scenario 'queries' does not have (its steps: q)" },
        { "iteration_duration with a Step", Configs.Http(Url, "/ok", [new { Expression = "iteration_duration: p(95) < 300", Step = "get" }]), "GlobalSettings.ScenariosSettings[0].Thresholds[0].Expression", "times whole iterations, so its Step 'get' does not apply" },
        { "explain without Queries", Configs.Http(Url, "/ok", ["rate < 0.01", "explain(unread_count): p(95) < 5"]), "GlobalSettings.ScenariosSettings[0].Thresholds[1]", "explain(unread_count) names a query of the Queries section, and the config has none" },
        { "explain of an unknown query", Configs.Http(Url, "/ok", ["explain(unread): p(95) < 5"]).Replace("\"TestSuite\"", "\"Queries\": [ { \"Name\": \"unread_count\", \"Sql\": \"SELECT 1\" } ],\n  \"TestSuite\"", StringComparison.Ordinal), "GlobalSettings.ScenariosSettings[0].Thresholds[0]", "explain(unread): no query named 'unread' in Queries (known: unread_count)" },
    };

    /// <summary>A config with one Sql scenario of one query (its JSON), against a database that is never reached (validate only).</summary>
    private static string Sql(string query) => $$"""
        {
          "TestName": "sql",
          "Target": { "ConnectionString": "Host=127.0.0.1;Port=9;Database=x;Username=x" },
          "GlobalSettings": {
            "ScenariosSettings": [
              { "ScenarioName": "queries", "Stages": [ { "Duration": "1s", "Target": 1 } ], "Sql": { "Queries": [ {{query}} ] } }
            ]
          }
        }
        """;

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task Validate_exits_2_and_names_the_path(string name, string json, string path, string text)
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", json);
        var outcome = await CliRunner.RunAsync("validate", "--config", config);

        Assert.True(outcome.ExitCode == 2, name + "\n" + outcome);
        var line = outcome.Err.Split('\n').FirstOrDefault(l => l.Contains(path + " (line", StringComparison.Ordinal) || l.Contains(path + ":", StringComparison.Ordinal));
        Assert.True(line is not null, $"{name}: no line names {path}\n{outcome}");
        Assert.Contains(text, outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_with_lines()
    {
        using var temp = new TempFolder();
        var json = Configs.Http("nope", "/ok", ["p(95) < "], load: """[{ "KeepConstant": [2, "2x"] }]""", extraGlobal: ",\n    \"ReportingIntervall\": \"1s\"");
        var config = temp.Write("config.json", json);
        var outcome = await CliRunner.RunAsync("run", "--config", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("4 problems", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("GlobalSettings.ReportingIntervall (line ", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("KeepConstant[1] (line ", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("Target.ApiBaseUrl", outcome.Err, StringComparison.Ordinal);
        Assert.Contains("Thresholds[0]", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_names_the_line()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", "{\n  \"TestName\": \"x\",\n  \"GlobalSettings\": { ,\n}");
        var outcome = await CliRunner.RunAsync("validate", "--config", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("(line 3)", outcome.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_flags_exit_2()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(Url, "/ok", []));
        var segment = await CliRunner.RunAsync("run", "--config", config, "--segment", "3/4:1/4");
        var scale = await CliRunner.RunAsync("run", "--config", config, "--duration-scale", "0");
        var unknownFlag = await CliRunner.RunAsync("run", "--config", config, "--no-such-flag");
        var missingFile = await CliRunner.RunAsync("run", "--config", temp.File("missing.json"));
        var folder = await CliRunner.RunAsync("validate", "--config", temp.Path);

        Assert.True(segment.ExitCode == 2 && segment.Err.Contains("--segment", StringComparison.Ordinal), segment.ToString());
        Assert.True(scale.ExitCode == 2 && scale.Err.Contains("--duration-scale", StringComparison.Ordinal), scale.ToString());
        Assert.True(unknownFlag.ExitCode == 2 && unknownFlag.Err.Contains("--no-such-flag", StringComparison.Ordinal), unknownFlag.ToString());
        Assert.True(missingFile.ExitCode == 2 && missingFile.Err.Contains("file not found", StringComparison.Ordinal), missingFile.ToString());
        Assert.True(folder.ExitCode == 2 && folder.Err.Contains("is a folder: give the config file", StringComparison.Ordinal), folder.ToString());
    }

    [Fact]
    public async Task A_valid_config_validates_with_exit_0()
    {
        using var temp = new TempFolder();
        var config = temp.Write("config.json", Configs.Http(Url, "/ok", ["p(95) < 500", new { Expression = "rate < 0.01", AbortOnFail = true }]));
        var outcome = await CliRunner.RunAsync("validate", "--config", config);

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("OK", outcome.Out, StringComparison.Ordinal);
    }
}
