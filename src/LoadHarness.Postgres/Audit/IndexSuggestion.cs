namespace LoadHarness.Postgres.Audit;

/// <summary>An index the audit suggests, from the statement that reads the table most.</summary>
/// <param name="KeyColumns">Key columns in order, "start_date DESC" for a descending one.</param>
/// <param name="Predicate">The WHERE of a partial index, or null.</param>
/// <param name="Statement">The statement it serves (normalized text, shortened).</param>
/// <param name="Calls">Its calls in the window.</param>
/// <param name="Remark">Why a column was left out, or null.</param>
internal sealed record IndexSuggestion(IReadOnlyList<string> KeyColumns, string? Predicate, string Statement, long Calls, string? Remark)
{
    /// <summary>"(user_id) WHERE is_read = false".</summary>
    public string Display => "(" + string.Join(", ", KeyColumns) + ")" + (Predicate is null ? "" : " WHERE " + Predicate);

    public string Sql(string table, bool partitioned) =>
        $"CREATE INDEX {(partitioned ? "" : "CONCURRENTLY ")}ON {table} {Display};";
}
