using LoadHarness.Core.Catalog;
using LoadHarness.Core.Configuration;
using LoadHarness.Reporting;
using LoadHarness.Scenarios;

namespace LoadHarness.Cli.Run;

/// <summary>The scenarios the command knows (the shipped ones) and the loader options wired to Reporting and Http.</summary>
internal static class CliCatalog
{
    public static ScenarioCatalog Create() => ShippedScenarios.Register(new ScenarioCatalog());

    public static RunSettingsLoader Loader(ScenarioCatalog catalog) => new(new RunSettingsLoaderOptions
    {
        Catalog = catalog,
        KnownReportFormats = ReportFormats.Known,
        DefaultReportFormats = ReportFormats.Default,
        HttpSchema = HttpScenarioBinding.Schema,
        ValidateHttp = HttpScenarioBinding.Validate,
    });
}
