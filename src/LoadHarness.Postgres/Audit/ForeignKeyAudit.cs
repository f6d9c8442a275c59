namespace LoadHarness.Postgres.Audit;

/// <summary>A foreign key whose columns lead no valid, non-partial index of their table.</summary>
/// <param name="Schema">The referencing table's schema.</param>
/// <param name="Table">The referencing table.</param>
/// <param name="Constraint">The constraint's name.</param>
/// <param name="Columns">The referencing columns.</param>
/// <param name="References">The referenced table and columns.</param>
/// <param name="TableRows">Live rows of the referencing table (each delete or key update of the referenced row scans them).</param>
public sealed record ForeignKeyAudit(string Schema, string Table, string Constraint, IReadOnlyList<string> Columns, string References, long TableRows);
