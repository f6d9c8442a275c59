using System.Globalization;
using System.Text.Json;
using TargetApi.Database;
using Npgsql;

namespace QueryTargets;

/// <summary>EXPLAIN (ANALYZE, FORMAT JSON) of one query, repeated: median and max execution time, and the scan used.</summary>
internal sealed record ExplainResult(SeedBenchmarkQuery Query, double MedianMs, double MaxMs, string Scan)
{
    public bool Met => MedianMs < Query.TargetMs;

    public static async Task<ExplainResult> MeasureAsync(string connectionString, SeedBenchmarkQuery query, int runs)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var times = new List<double>();
        var scan = "";
        for (var i = 0; i < runs; i++)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + query.Sql, connection);
            var root = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!).RootElement[0];
            times.Add(root.GetProperty("Execution Time").GetDouble());
            scan = Describe(root.GetProperty("Plan"));
        }

        times.Sort();
        return new ExplainResult(query, times[times.Count / 2], times[^1], scan);
    }

    private static string Describe(JsonElement plan)
    {
        var nodes = new List<string>();
        Walk(plan, nodes);
        return string.Join(" > ", nodes);
    }

    private static void Walk(JsonElement plan, List<string> nodes)
    {
        var type = plan.GetProperty("Node Type").GetString();
        if (type!.Contains("Scan", StringComparison.Ordinal))
        {
            var target = plan.TryGetProperty("Index Name", out var index) ? index.GetString() : plan.GetProperty("Relation Name").GetString();
            nodes.Add(string.Create(CultureInfo.InvariantCulture, $"{type} ({target})"));
        }

        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, nodes);
            }
        }
    }
}
