using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Configuration;
using LoadHarness.Scenarios;

namespace LoadHarness.Cli.Configuration;

/// <summary>The scenarios the command knows (the shipped ones) and the config loader that accepts them.</summary>
internal static class CliCatalog
{
    public static ScenarioCatalog Create() => ShippedScenarios.Register(new ScenarioCatalog());

    public static RunSettingsLoader Loader(ScenarioCatalog catalog) => new(new RunSettingsLoaderOptions { Catalog = catalog });
}
