using Microsoft.Extensions.Configuration;

namespace LoadHarness.Core.Scenarios;

/// <summary>What a scenario's init and clean hooks see.</summary>
public sealed class ScenarioInitContext
{
    public ScenarioInitContext(string scenarioName, IConfiguration customSettings, CancellationToken cancellationToken)
    {
        ScenarioName = scenarioName;
        CustomSettings = customSettings;
        CancellationToken = cancellationToken;
    }

    public string ScenarioName { get; }

    /// <summary>The scenario's <c>CustomSettings</c> section of the config (empty when there is none).</summary>
    public IConfiguration CustomSettings { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>An empty configuration, for runs built in code.</summary>
    public static IConfiguration EmptySettings { get; } = new ConfigurationBuilder().Build();
}
