using LoadHarness.Scenarios.Catalog;
using LoadHarness.Scenarios.Api;
using LoadHarness.Scenarios.Db;

namespace LoadHarness.Scenarios;

/// <summary>The scenarios the command runs by name: the seed's k6 script and benchmark queries, as api_* and db_*.</summary>
public static class ShippedScenarios
{
    public static ScenarioCatalog Register(ScenarioCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var descriptor in ApiScenarios.Descriptors().Concat(DbScenarios.Descriptors()))
        {
            catalog.Register(descriptor);
        }

        return catalog;
    }
}
