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

    /// <summary>
    /// Where the scenario sends its requests when that is not the target's API: its own BaseUrl (without a query), and
    /// the origin (scheme, host, port) of each absolute request URL, with its path (and a method other than GET, "POST
    /// http://…/orders") when the scenario has one request;
    /// empty when every request goes to the target's API.
    /// </summary>
    public static IReadOnlyList<string> Destinations(IConfigurationSection section)
    {
        var destinations = new List<string>();
        if (BaseUrl(section) is { } baseUrl && !string.IsNullOrWhiteSpace(baseUrl))
        {
            destinations.Add(Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : baseUrl.Trim());
        }

        var requests = Bind(section).Requests;
        foreach (var request in requests)
        {
            // One request (a quick run's --url): its path, and its method when not GET, say what was measured; several: where they went.
            if (Http.HttpUrls.TryParseAbsolute(request.Url.Trim(), out var absolute)
                && (requests.Count == 1 ? MethodPrefix(request.Method) + absolute.GetLeftPart(UriPartial.Path) : absolute.GetLeftPart(UriPartial.Authority)) is var where
                && !destinations.Contains(where, StringComparer.Ordinal))
            {
                destinations.Add(where);
            }
        }

        return destinations;
    }

    /// <summary>"POST " for a method other than GET, else nothing (a GET's destination reads as its URL alone).</summary>
    private static string MethodPrefix(string? method) =>
        HttpScenarioSettings.NormalizeMethod(method) is var verb && verb != "GET" ? verb + " " : "";

    public static ScenarioDefinition Create(string name, IConfigurationSection section, string? targetBaseUrl, string path) =>
        HttpScenarios.Create(name, Bind(section), targetBaseUrl, path);
}
