namespace LoadHarness.Postgres.Steps;

/// <summary>One SQL statement with positional parameters ($1, $2, ...), their types inferred from the values.</summary>
public sealed record PgStatement(string Sql, IReadOnlyList<object?> Parameters)
{
    public static PgStatement Of(string sql, params object?[] parameters) => new(sql, parameters);
}
