using System.Globalization;
using System.Text.Json;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Cli.Configuration;

/// <summary>
/// Thresholds on <c>explain(query)</c>: the config's <c>Queries</c> run with EXPLAIN ANALYZE once the load has ended
/// (<c>explain(unread_count): p(95) &lt; 5</c>). A name that is not in <c>Queries</c> is a config problem at the
/// threshold's key, before anything runs.
/// </summary>
internal static class ExplainThresholds
{
    private const string Prefix = "explain(";

    /// <summary>The query an <c>explain(name)</c> threshold names, or null for any other threshold.</summary>
    public static string? QueryName(ThresholdExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Measurement is { } m && m.StartsWith(Prefix, StringComparison.Ordinal) && m.EndsWith(')') && m.Length > Prefix.Length + 1
            ? m[Prefix.Length..^1]
            : null;
    }

    /// <summary>Whether any of <paramref name="thresholds"/> names an EXPLAIN target.</summary>
    public static bool Any(IEnumerable<ThresholdDefinition> thresholds) => thresholds.Any(t => QueryName(t.Parsed) is not null);

    /// <summary>
    /// Every <c>explain(name)</c> threshold of every scenario whose name is not a query of the <c>Queries</c> section:
    /// a problem at the threshold's own key (a malformed Queries section is reported by its own reader).
    /// </summary>
    public static void Check(JsonElement root, ConfigProblems problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var (queriesKey, queries) = Property(root, "Queries");
        if (queries.ValueKind is not (JsonValueKind.Array or JsonValueKind.Undefined))
        {
            return;
        }

        var known = queries.ValueKind == JsonValueKind.Array
            ? queries.EnumerateArray()
                .Where(q => q.ValueKind == JsonValueKind.Object)
                .Select(q => Property(q, "Name").Value)
                .Where(n => n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString()))
                .Select(n => n.GetString()!.Trim())
                .ToArray()
            : [];
        var (globalKey, global) = Property(root, "GlobalSettings");
        var (scenariosKey, scenarios) = global.ValueKind == JsonValueKind.Object ? Property(global, "ScenariosSettings") : default;
        if (scenarios.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var i = 0;
        foreach (var scenario in scenarios.EnumerateArray())
        {
            var scenarioPath = $"{globalKey}.{scenariosKey}[{Index(i++)}]";
            var (thresholdsKey, thresholds) = scenario.ValueKind == JsonValueKind.Object ? Property(scenario, "Thresholds") : default;
            if (thresholds.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            var j = 0;
            foreach (var threshold in thresholds.EnumerateArray())
            {
                var path = $"{scenarioPath}.{thresholdsKey}[{Index(j++)}]";
                var text = threshold.ValueKind == JsonValueKind.String ? threshold.GetString() : null;
                if (threshold.ValueKind == JsonValueKind.Object && Property(threshold, "Expression") is ({ } expressionKey, { ValueKind: JsonValueKind.String } expression))
                {
                    text = expression.GetString();
                    path += "." + expressionKey;
                }

                if (Name(text) is not { } name || known.Contains(name, StringComparer.Ordinal))
                {
                    continue;
                }

                problems.Add(path, known.Length == 0
                    ? $"explain({name}) names a query of the {queriesKey ?? "Queries"} section, and the config has none: add {{ \"Name\": \"{name}\", \"Sql\": ..., \"Parameters\": [...] }} to a top-level \"Queries\" array"
                    : $"explain({name}): no query named '{name}' in {queriesKey} (known: {string.Join(", ", known)})");
            }
        }
    }

    private static string? Name(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return QueryName(ThresholdExpression.Parse(text));
        }
        catch (ThresholdParseException)
        {
            return null; // the threshold reader reports it
        }
    }

    private static (string? Key, JsonElement Value) Property(JsonElement item, string name)
    {
        foreach (var p in item.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return (p.Name, p.Value);
            }
        }

        return (null, default);
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
