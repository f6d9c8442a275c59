using LoadHarness.Core.Catalog;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Core.Configuration;

/// <summary>What the loader needs to know from outside Core: the scenario catalog, report formats and the http scenario's section.</summary>
public sealed record RunSettingsLoaderOptions
{
    public const string EnvironmentPrefix = "LOADHARNESS__";

    public required ScenarioCatalog Catalog { get; init; }

    /// <summary>Known report format names (case-insensitive); empty = accept any.</summary>
    public IReadOnlyList<string> KnownReportFormats { get; init; } = [];

    /// <summary>Formats written when the config names none.</summary>
    public IReadOnlyList<string> DefaultReportFormats { get; init; } = [];

    /// <summary>Keys of an <c>Http</c> section, for unknown-key checks (any keys when null).</summary>
    public KeySchema? HttpSchema { get; init; }

    /// <summary>Validates an <c>Http</c> section given its JSON path; each error prefixed by its path.</summary>
    public Func<IConfigurationSection, string, IReadOnlyList<string>>? ValidateHttp { get; init; }

    /// <summary>The environment to read <c>LOADHARNESS__</c> variables from; null = the process environment.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }
}
