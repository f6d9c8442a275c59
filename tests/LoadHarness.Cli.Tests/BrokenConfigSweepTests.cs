using LoadHarness.Cli.Tests.Fixtures;

namespace LoadHarness.Cli.Tests;

/// <summary>
/// The sweep of broken configs a new user writes (wrong types, negative or huge numbers, unknown keys, empty lists, bad
/// URLs and connection strings, bad expressions, invalid JSON): each exits 2 before anything runs, with one message that
/// names where the problem is, and never a stack trace. Together with <see cref="ConfigValidationTests"/>: 30+ cases.
/// </summary>
public sealed class BrokenConfigSweepTests
{
    private const string Url = "http://127.0.0.1:9";

    private static string Web(string load = """[{ "KeepConstant": [2, "2s"] }]""", string scenario = "", string global = "", object[]? thresholds = null) =>
        Configs.Http(Url, "/ok", thresholds ?? [], load, scenario, global);

    private static string Replace(string json, string from, string to) => json.Replace(from, to, StringComparison.Ordinal);

    public static TheoryData<string, string, string> Cases => new()
    {
        // name, the config, a text the message must contain (the path or line it names)
        { "KeepConstant copies as text", Web("""[{ "KeepConstant": ["two", "2s"] }]"""), "LoadSimulationsSettings[0].KeepConstant[0]" },
        { "KeepConstant negative copies", Web("""[{ "KeepConstant": [-1, "2s"] }]"""), "LoadSimulationsSettings[0].KeepConstant[0]" },
        { "KeepConstant huge copies", Web("""[{ "KeepConstant": [100000000000, "2s"] }]"""), "LoadSimulationsSettings[0].KeepConstant[0]" },
        { "KeepConstant missing duration", Web("""[{ "KeepConstant": [2] }]"""), "LoadSimulationsSettings[0].KeepConstant" },
        { "negative duration", Web("""[{ "KeepConstant": [2, "-5s"] }]"""), "LoadSimulationsSettings[0].KeepConstant[1]" },
        { "unknown simulation", Web("""[{ "KeepConstnt": [2, "2s"] }]"""), "LoadSimulationsSettings[0]" },
        { "simulations not a list", Web("""{ "KeepConstant": [2, "2s"] }"""), "LoadSimulationsSettings" },
        { "empty simulation list", Web("[]"), "LoadSimulationsSettings" },
        { "Inject huge rate", Web("""[{ "Inject": [1e300, "1s", "10s"] }]"""), "LoadSimulationsSettings[0].Inject[0]" },
        { "RampingInject zero interval", Web("""[{ "RampingInject": [10, "0s", "10s"] }]"""), "LoadSimulationsSettings[0].RampingInject[1]" },
        { "think time not a duration", Web(scenario: ",\n \"ThinkTime\": \"soon\""), "ScenariosSettings[0].ThinkTime" },
        { "think time a number", Web(scenario: ",\n \"ThinkTime\": true"), "ScenariosSettings[0].ThinkTime" },
        { "graceful stop negative", Replace(Web(), "\"GracefulStop\": \"1s\"", "\"GracefulStop\": \"-1s\""), "ScenariosSettings[0].GracefulStop" },
        { "reporting interval zero", Replace(Web(), "\"ReportingInterval\": \"1s\"", "\"ReportingInterval\": \"0s\""), "GlobalSettings.ReportingInterval" },
        { "formats a number", Replace(Web(), "[ \"Md\", \"Csv\", \"Junit\" ]", "42"), "GlobalSettings.ReportFormats" },
        { "scenario list empty", Replace(Web(), "\"ScenariosSettings\": [", "\"ScenariosSettings\": [], \"Unused\": ["), "GlobalSettings" },
        { "scenario without a name", Replace(Web(), "\"ScenarioName\": \"web\",", ""), "ScenariosSettings[0]" },
        { "duplicate scenario", Replace(Web(), "\"ScenariosSettings\": [", "\"ScenariosSettings\": [ { \"ScenarioName\": \"web\", \"Http\": { \"Requests\": [ { \"Name\": \"a\", \"Url\": \"/\" } ] } },"), "ScenarioName" },
        { "unknown top-level key", Replace(Web(), "\"TestSuite\"", "\"TestSuit\": \"x\",\n  \"TestSuite\""), "TestSuit" },
        { "unknown Target key", Replace(Web(), "\"ConnectionString\": \"\"", "\"ConnectionString\": \"\", \"ApiBase\": \"x\""), "Target.ApiBase" },
        { "API URL ftp", Replace(Web(), Url, "ftp://127.0.0.1/"), "Target.ApiBaseUrl" },
        { "API URL relative", Replace(Web(), Url, "/api"), "Target.ApiBaseUrl" },
        { "bad connection string", Replace(Web(), "\"ConnectionString\": \"\"", "\"ConnectionString\": \"Host=;;;=oops\""), "Target.ConnectionString" },
        { "threshold empty", Web(thresholds: [""]), "Thresholds[0]" },
        { "threshold unknown metric", Web(thresholds: ["latncy: p(95) < 5"]), "Thresholds[0]" },
        { "threshold missing limit", Web(thresholds: ["p(95) <"]), "Thresholds[0]" },
        { "threshold percentile over 100", Web(thresholds: ["p(150) < 5"]), "Thresholds[0]" },
        { "threshold object without expression", Web(thresholds: [new { Step = "get" }]), "Thresholds[0]" },
        { "http request without URL", Replace(Web(), "\"Url\": \"/ok\"", "\"Url\": \"\""), "Http.Requests[0].Url" },
        { "http bad method", Replace(Web(), "\"Name\": \"get\",", "\"Name\": \"get\", \"Method\": \"FETCH\","), "Http.Requests[0].Method" },
        { "http bad check", Replace(Web(), "\"status == 200\"", "\"status === 200\""), "Http.Requests[0].Checks[0]" },
        { "invalid JSON: missing comma", Replace(Web(), "\"TestName\": \"web test\",", "\"TestName\": \"web test\""), "line 4" },
        { "invalid JSON: not an object", "[1, 2, 3]", "JSON object" },
        { "invalid JSON: truncated", Web()[..200], "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_config_exits_2_with_one_clear_message_and_no_stack_trace(string name, string json, string where)
    {
        using var temp = new TempFolder("lh-sweep");
        var config = temp.Write("config.json", json);

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--quiet", "--out", temp.File("out"));

        Assert.True(outcome.ExitCode == 2, $"{name}\n{outcome}");
        Assert.Contains(where, outcome.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Err + outcome.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("unexpected error", outcome.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")), $"{name}: something was written though nothing should run");
    }
}
