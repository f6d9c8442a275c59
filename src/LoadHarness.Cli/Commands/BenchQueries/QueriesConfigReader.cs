using System.Globalization;
using System.Text.Json;
using LoadHarness.Cli.Configuration;
using LoadHarness.Postgres.QueryBench;

namespace LoadHarness.Cli.Commands.BenchQueries;

/// <summary>
/// The config's <c>Queries</c> section: <c>[{ "Name", "Sql", "Parameters": [{ "Name", "From" }], "Target": "p(95) &lt; 5" | 5,
/// "Runs", "Role", "Settings": { "app.user_id": "@user_id" }, "RlsTarget": 10 }]</c>. Every problem at once, by JSON path and line.
/// </summary>
internal static class QueriesConfigReader
{
    public const string Section = "Queries";

    public static (IReadOnlyList<BenchQuery> Queries, IReadOnlyList<ConfigProblem> Problems) Read(string? configPath)
    {
        if (configPath is null || !File.Exists(configPath))
        {
            return ([], []);
        }

        var json = ConfigJson.ReadFile(configPath);
        var lines = JsonLineMap.Build(json);
        var problems = new ConfigProblems(lines);
        using var document = JsonDocument.Parse(json, ConfigJson.DocumentOptions);
        var section = document.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, Section, StringComparison.OrdinalIgnoreCase));
        if (section.Value.ValueKind == JsonValueKind.Undefined)
        {
            return ([], []);
        }

        if (section.Value.ValueKind != JsonValueKind.Array)
        {
            problems.Add(Section, "expected an array of queries: [{ \"Name\": ..., \"Sql\": ..., \"Target\": \"p(95) < 5\" }]");
            return ([], problems.All);
        }

        var queries = new List<BenchQuery>();
        var index = 0;
        foreach (var item in section.Value.EnumerateArray())
        {
            if (Read(item, $"{Section}[{index.ToString(CultureInfo.InvariantCulture)}]", new Problems(problems, lines)) is { } query)
            {
                if (queries.Any(q => q.Name == query.Name))
                {
                    problems.Add($"{Section}[{index.ToString(CultureInfo.InvariantCulture)}].Name", $"query '{query.Name}' is configured twice");
                }

                queries.Add(query);
            }

            index++;
        }

        return (queries, problems.All);
    }

    private static BenchQuery? Read(JsonElement item, string path, Problems problems)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, "expected an object { \"Name\", \"Sql\", \"Parameters\", \"Target\" }");
            return null;
        }

        var name = Text(item, "Name", path, problems, required: true);
        var sql = Text(item, "Sql", path, problems, required: true);
        var parameters = new List<BenchParameter>();
        if (Property(item, "Parameters") is { } list)
        {
            var i = 0;
            foreach (var p in list.ValueKind == JsonValueKind.Array ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            {
                var at = $"{path}.Parameters[{i++.ToString(CultureInfo.InvariantCulture)}]";
                var parameterName = Text(p, "Name", at, problems, required: true);
                var from = Text(p, "From", at, problems, required: true);
                if (parameterName is not null && from is not null)
                {
                    parameters.Add(new BenchParameter(parameterName.TrimStart('@'), from));
                }
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                problems.Add(path + ".Parameters", "expected an array: [{ \"Name\": \"user_id\", \"From\": \"SELECT id FROM users ORDER BY random() LIMIT 100\" }]");
            }
        }

        QueryTarget? target = null;
        if (Property(item, "Target") is { } targetElement)
        {
            var text = targetElement.ValueKind == JsonValueKind.Number ? targetElement.GetRawText() : targetElement.ValueKind == JsonValueKind.String ? targetElement.GetString() : null;
            if (!QueryTarget.TryParse(text, out target, out var error))
            {
                problems.Add(path + ".Target", error!);
            }
        }

        var runs = Number(item, "Runs", path, problems, min: 1);
        var rls = Number(item, "RlsTarget", path, problems, min: double.Epsilon);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Property(item, "Settings") is { } settingsElement)
        {
            if (settingsElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(path + ".Settings", "expected an object of setting names and values, e.g. { \"app.user_id\": \"@user_id\" }");
            }
            else
            {
                foreach (var setting in settingsElement.EnumerateObject())
                {
                    settings[setting.Name] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString()! : setting.Value.GetRawText();
                }
            }
        }

        var role = Text(item, "Role", path, problems, required: false);
        if (rls is not null && role is null && settings.Count == 0)
        {
            problems.Add(path + ".RlsTarget", "needs a Role or Settings to compare with (the RLS figure is the difference with and without them)");
        }

        return name is null || sql is null
            ? null
            : new BenchQuery { Name = name, Sql = sql, Parameters = parameters, Target = target, Runs = (int?)runs, Role = role, Settings = settings, RlsTargetMs = rls };
    }

    private static JsonElement? Property(JsonElement item, string name) =>
        item.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } p ? p.Value : null;

    private static string? Text(JsonElement item, string name, string path, Problems problems, bool required)
    {
        if (item.ValueKind == JsonValueKind.Object && Property(item, name) is { ValueKind: JsonValueKind.String } value && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString()!.Trim();
        }

        if (required || (item.ValueKind == JsonValueKind.Object && Property(item, name) is not null))
        {
            problems.Add($"{path}.{name}", required ? "is required (a non-empty string)" : "expected a non-empty string", path);
        }

        return null;
    }

    private static double? Number(JsonElement item, string name, string path, Problems problems, double min)
    {
        if (Property(item, name) is not { } value)
        {
            return null;
        }

        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out var d) ? d : (double?)null,
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null,
            _ => null,
        };
        if (ok is not { } number || number < min || double.IsInfinity(number) || (name == "Runs" && number != Math.Floor(number)))
        {
            problems.Add($"{path}.{name}", name == "Runs" ? "expected a whole number of at least 1" : "expected a positive number of milliseconds");
            return null;
        }

        return number;
    }

    /// <summary>Adds problems with the line of their key, or of the object the missing key belongs in.</summary>
    private sealed class Problems(ConfigProblems problems, JsonLineMap lines)
    {
        public void Add(string path, string message, string? fallbackPath = null) =>
            problems.Add(new ConfigProblem(path, message, lines.LineOf(path) ?? (fallbackPath is null ? null : lines.LineOf(fallbackPath))));
    }
}
