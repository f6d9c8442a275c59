using LoadHarness.Scenarios.Catalog;

namespace LoadHarness.Cli.Configuration;

/// <summary>What the loader is given: the scenario catalog (names it accepts), and the environment to layer (tests set it).</summary>
public sealed record RunSettingsLoaderOptions
{
    public const string EnvironmentPrefix = "LOADHARNESS__";

    public required ScenarioCatalog Catalog { get; init; }

    /// <summary>The environment to read <c>LOADHARNESS__</c> variables from; null = the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
