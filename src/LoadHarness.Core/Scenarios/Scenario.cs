namespace LoadHarness.Core.Scenarios;

/// <summary>Entry point: <c>Scenario.Create("name", async ctx => ...)</c>.</summary>
public static class Scenario
{
    public static ScenarioDefinition Create(string name, Func<IScenarioContext, Task<Response>> run)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(run);
        return new ScenarioDefinition(name, run);
    }
}
