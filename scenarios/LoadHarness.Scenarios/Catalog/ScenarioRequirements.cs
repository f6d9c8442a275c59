namespace LoadHarness.Scenarios.Catalog;

/// <summary>What a shipped scenario needs from the target, so the command can say what is missing before running.</summary>
[Flags]
public enum ScenarioRequirements
{
    None = 0,
    Api = 1,
    Database = 2,
}
