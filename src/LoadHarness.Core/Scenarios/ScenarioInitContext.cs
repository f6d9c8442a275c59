namespace LoadHarness.Core.Scenarios;

/// <summary>What a scenario's init and clean hooks see.</summary>
public sealed class ScenarioInitContext
{
    public ScenarioInitContext(string scenarioName, IReadOnlyDictionary<string, string?> customSettings, CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        CustomSettings = customSettings;
        CancellationToken = cancellationToken;
    }

    public string ScenarioName { get; }

    /// <summary>
    /// The scenario's <c>CustomSettings</c> section of the config, flattened: one entry per value, nested keys joined
    /// by ':' as in .NET configuration (<c>"Users"</c>, <c>"Feed:Path"</c>). Empty when there is none.
    /// </summary>
    public IReadOnlyDictionary<string, string?> CustomSettings { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>No custom settings, for runs built in code.</summary>
    public static IReadOnlyDictionary<string, string?> EmptySettings { get; } = new Dictionary<string, string?>();
}
