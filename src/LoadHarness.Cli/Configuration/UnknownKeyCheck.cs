using System.Text.Json;
using LoadHarness.Scenarios.Catalog;
using LoadHarness.Core.Parsing;

namespace LoadHarness.Cli.Configuration;

/// <summary>Walks the raw JSON against a <see cref="KeySchema"/> and reports every key it does not know, with "did you mean".</summary>
public static class UnknownKeyCheck
{
    public static void Run(JsonElement element, KeySchema schema, string path, ConfigProblems problems)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(problems);
        if (schema.IsAny)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Object && schema.Properties is { } known)
        {
            foreach (var property in element.EnumerateObject())
            {
                var childPath = ConfigPath.Key(path, property.Name);
                if (known.TryGetValue(property.Name, out var child))
                {
                    Run(property.Value, child, childPath, problems);
                    continue;
                }

                var suggestion = NameSuggester.Closest(property.Name, known.Keys);
                problems.Add(childPath, $"unknown key '{property.Name}'"
                    + (suggestion is null ? $" (known here: {string.Join(", ", known.Keys)})" : $" (did you mean '{suggestion}'?)"));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                Run(item, items, ConfigPath.Index(path, index++), problems);
            }
        }
    }
}
