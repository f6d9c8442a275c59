namespace LoadHarness.Postgres.Audit;

/// <summary>A column of an audited table with what pg_stats knows of it (for the index suggestions).</summary>
/// <param name="TableOid">Its table.</param>
/// <param name="Name">attname.</param>
/// <param name="Type">format_type, e.g. "boolean", "uuid".</param>
/// <param name="DistinctValues">pg_stats.n_distinct: a count when positive, minus a fraction of the rows when negative; null without statistics.</param>
/// <param name="TrueFraction">For a boolean column: the fraction of rows that are true (from most_common_vals), or null.</param>
public sealed record ColumnInfo(long TableOid, string Name, string Type, double? DistinctValues, double? TrueFraction);
