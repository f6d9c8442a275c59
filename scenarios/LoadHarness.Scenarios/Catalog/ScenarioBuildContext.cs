using Microsoft.Extensions.Configuration;

namespace LoadHarness.Scenarios.Catalog;

/// <summary>What a registered scenario gets when the command builds it from the config.</summary>
public sealed record ScenarioBuildContext
{
    public required TargetSettings Target { get; init; }

    /// <summary>The scenario's <c>CustomSettings</c> section (empty when absent).</summary>
    public required IConfiguration CustomSettings { get; init; }

    /// <summary><c>GlobalSettings.GlobalCustomSettings</c> (empty when absent).</summary>
    public required IConfiguration GlobalCustomSettings { get; init; }
}
