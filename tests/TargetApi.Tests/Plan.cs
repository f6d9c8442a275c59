using System.Text.Json;
using Npgsql;

namespace TargetApi.Tests;

/// <summary>The nodes of an EXPLAIN (FORMAT JSON) plan.</summary>
internal sealed record PlanNode(string NodeType, string? Relation, string? Index)
{
    public bool IsIndexScan => NodeType is "Index Scan" or "Index Only Scan" or "Bitmap Index Scan";

    public static async Task<IReadOnlyList<PlanNode>> ExplainAsync(string connectionString, string sql)
    {
        var json = await Db.ScalarAsync<string>(connectionString, "EXPLAIN (FORMAT JSON) " + sql);
        var nodes = new List<PlanNode>();
        Walk(JsonDocument.Parse(json).RootElement[0].GetProperty("Plan"), nodes);
        return nodes;
    }

    private static void Walk(JsonElement plan, List<PlanNode> nodes)
    {
        nodes.Add(new PlanNode(plan.GetProperty("Node Type").GetString()!,
            plan.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            plan.TryGetProperty("Index Name", out var index) ? index.GetString() : null));
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }

    public override string ToString() => $"{NodeType}({Relation ?? Index})";
}
