using System.Text.Json;

namespace LoadHarness.Postgres.QueryBench;

/// <summary>One EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) result: times, buffers, rows, node types and scans.</summary>
internal sealed record ExplainRun(double ExecutionMs, double PlanningMs, long SharedHit, long SharedRead, long Rows,
    IReadOnlyList<string> NodeTypes, IReadOnlyList<(string NodeType, string? Schema, string? Relation, string? Index)> Scans)
{
    public static ExplainRun Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement[0];
        var plan = root.GetProperty("Plan");
        var nodes = new List<string>();
        var scans = new List<(string, string?, string?, string?)>();
        Walk(plan, nodes, scans);
        return new ExplainRun(
            root.GetProperty("Execution Time").GetDouble(),
            root.TryGetProperty("Planning Time", out var planning) ? planning.GetDouble() : 0,
            Long(plan, "Shared Hit Blocks"),
            Long(plan, "Shared Read Blocks"),
            (long)(Double(plan, "Actual Rows") * Math.Max(1, Double(plan, "Actual Loops"))),
            nodes,
            scans);
    }

    private static void Walk(JsonElement node, List<string> nodes, List<(string, string?, string?, string?)> scans)
    {
        var type = node.GetProperty("Node Type").GetString() ?? "?";
        if (node.TryGetProperty("Parallel Aware", out var parallel) && parallel.ValueKind == JsonValueKind.True)
        {
            type = "Parallel " + type;
        }

        if (!nodes.Contains(type))
        {
            nodes.Add(type);
        }

        if (type.EndsWith("Scan", StringComparison.Ordinal))
        {
            scans.Add((type, Text(node, "Schema"), Text(node, "Relation Name"), Text(node, "Index Name")));
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes, scans);
            }
        }
    }

    private static string? Text(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static long Long(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetInt64() : 0;

    private static double Double(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetDouble() : 0;
}
