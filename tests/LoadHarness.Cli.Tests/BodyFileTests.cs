using LoadHarness.Cli.Tests.Fixtures;
using LoadHarness.Reporting.Json;
using LoadHarness.Testing;

namespace LoadHarness.Cli.Tests;

/// <summary>An Http request's body from a file beside the config (k6's <c>open('payload.json')</c>), and its mistakes named by key.</summary>
public sealed class BodyFileTests(LoopbackServer server) : IClassFixture<LoopbackServer>
{
    private string Config(string request) => $$"""
        {
          "TestSuite": "body", "TestName": "body",
          "GlobalSettings": { "ReportFormats": [], "ScenariosSettings": [ {
            "ScenarioName": "login",
            "LoadSimulationsSettings": [ { "IterationsForConstant": [ 2, 4 ] } ],
            "Thresholds": [ "rate < 0.01", "checks > 0.99" ],
            "Http": { "BaseUrl": "{{server.BaseUrl}}", "Requests": [
              {{request}},
              { "Name": "whoami", "Url": "/whoami", "Checks": [ "status == 200" ] } ] } } ] }
        }
        """;

    [Fact]
    public async Task A_body_file_is_read_relative_to_the_config_not_the_current_folder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.File("load"));
        File.WriteAllText(temp.File("load/login.json"), "{\"password\":\"secret\"}");
        var config = temp.Write("load/config.json",
            Config("""{ "Name": "login", "Method": "POST", "Url": "/login", "BodyFile": "login.json", "Once": true, "BearerTokenFrom": "token" }"""));

        var outcome = await CliRunner.RunAsync("run", "--config", config, "--out", temp.File("out"), "--quiet");

        Assert.True(outcome.ExitCode == 0, outcome.ToString()); // the login answered the token: the file's body went out
        var login = Assert.Single(Assert.Single((await RunResultJson.ReadAsync(temp.File("out/result.json"))).Scenarios).Steps, s => s.Name == "login");
        Assert.Equal(0, login.Stats.FailCount);
    }

    [Theory]
    [InlineData("""{ "Name": "login", "Method": "POST", "Url": "/login", "BodyFile": "nope.json" }""", "file not found: ", "nope.json (BodyFile is relative to the config file's folder)")]
    [InlineData("""{ "Name": "login", "Method": "POST", "Url": "/login", "Body": "{}", "BodyFile": "login.json" }""", "a request has a Body or a BodyFile, not both", null)]
    public async Task A_missing_or_doubled_body_file_is_bad_input_named_by_its_key(string request, string message, string? tail)
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("login.json"), "{}");
        var config = temp.Write("config.json", Config(request));

        var outcome = await CliRunner.RunAsync("validate", "--config", config);

        Assert.True(outcome.ExitCode == 2, outcome.ToString());
        Assert.Contains("GlobalSettings.ScenariosSettings[0].Http.Requests[0].BodyFile (line ", outcome.Err, StringComparison.Ordinal);
        Assert.Contains(message, outcome.Err, StringComparison.Ordinal);
        Assert.Contains(tail ?? message, outcome.Err, StringComparison.Ordinal);
    }
}
