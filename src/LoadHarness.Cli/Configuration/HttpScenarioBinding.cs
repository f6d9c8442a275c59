using LoadHarness.Scenarios.Catalog;
using LoadHarness.Cli.Configuration;
using LoadHarness.Core.Scenarios;
using LoadHarness.Http.Scenarios;
using Microsoft.Extensions.Configuration;

namespace LoadHarness.Cli.Configuration;

/// <summary>The built-in <c>http</c> scenario: a ScenariosSettings entry with an <c>Http</c> section, bound to <see cref="HttpScenarioSettings"/>.</summary>
internal static class HttpScenarioBinding
{
    public static KeySchema Schema { get; } = KeySchema.FromType(typeof(HttpScenarioSettings));

    public static IReadOnlyList<string> Validate(IConfigurationSection section, string path)
    {
        HttpScenarioSettings settings;
        try
        {
            settings = Bind(section);
        }
        catch (InvalidOperationException e)
        {
            return [$"{path}: {e.Message}"];
        }

        return settings.Validate(path);
    }

    public static HttpScenarioSettings Bind(IConfigurationSection section) =>
        section.Get<HttpScenarioSettings>() ?? new HttpScenarioSettings();

    /// <summary>The base URL the scenario will use: its own, else the target's API.</summary>
    public static string? BaseUrl(IConfigurationSection section) => section["BaseUrl"];

    public static ScenarioDefinition Create(string name, IConfigurationSection section, string? targetBaseUrl, string path) =>
        HttpScenarios.Create(name, Bind(section), targetBaseUrl, path);
}
