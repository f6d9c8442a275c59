using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>The config's <c>CustomSettings</c> sections: bound as configuration, handed to the engine flattened.</summary>
internal static class CustomSettings
{
    /// <summary>An empty section (a scenario without CustomSettings, a run without GlobalCustomSettings).</summary>
    public static IConfiguration Empty { get; } = new ConfigurationBuilder().Build();

    /// <summary>Every value of <paramref name="section"/> by its path below it, nested keys joined by ':'.</summary>
    public static IReadOnlyDictionary<string, string?> Flatten(IConfiguration section) =>
        section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
}
