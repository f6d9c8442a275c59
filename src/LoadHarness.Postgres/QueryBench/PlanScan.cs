namespace LoadHarness.Postgres.QueryBench;

/// <summary>A scan node of a plan: its type, relation and index, and whether it reads a big table sequentially.</summary>
/// <param name="NodeType">"Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan", ...</param>
/// <param name="Relation">The table scanned (null for a bitmap index scan).</param>
/// <param name="Index">The index used, or null.</param>
/// <param name="TableRows">pg_class.reltuples of the table (-1: unknown).</param>
/// <param name="IsBigSequentialScan">A sequential scan over a table with at least the big-table rows.</param>
public sealed record PlanScan(string NodeType, string? Relation, string? Index, long TableRows, bool IsBigSequentialScan)
{
    public override string ToString() => NodeType + (Index is not null ? $" ({Index})" : Relation is not null ? $" ({Relation})" : "");
}
