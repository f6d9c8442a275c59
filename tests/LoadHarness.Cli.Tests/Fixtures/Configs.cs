using System.Text.Json;
using System.Text.Json.Nodes;

namespace LoadHarness.Cli.Tests.Fixtures;

/// <summary>Small nbomber-config.json files with one built-in http scenario against the test's server.</summary>
public static class Configs
{
    /// <summary>One http scenario named "web": a request to <paramref name="path"/>, a few-second closed load and the given thresholds.</summary>
    public static string Http(string baseUrl, string path, object[] thresholds, string load = """[{ "KeepConstant": [2, "2s"] }]""", string extraScenario = "", string extraGlobal = "")
    {
        var thresholdJson = JsonSerializer.Serialize(thresholds);
        return $$"""
        {
          "TestSuite": "cli-tests",
          "TestName": "web test",
          "Target": { "ApiBaseUrl": "{{baseUrl}}", "ConnectionString": "" },
          "GlobalSettings": {
            "ScenariosSettings": [
              {
                "ScenarioName": "web",
                "LoadSimulationsSettings": {{load}},
                "GracefulStop": "1s",
                "Thresholds": {{thresholdJson}},
                "Http": {
                  "Requests": [ { "Name": "get", "Url": "{{path}}", "Checks": [ "status == 200" ] } ]
                }{{extraScenario}}
              }
            ],
            "ReportFormats": [ "Md", "Csv", "Junit" ],
            "ReportingInterval": "1s"{{extraGlobal}}
          }
        }
        """;
    }

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
