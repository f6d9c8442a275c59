namespace LoadHarness.Postgres.Audit;

/// <summary>One recommendation in words, with its severity and, when there is one, the SQL that acts on it.</summary>
/// <param name="Severity">Info, warning or critical.</param>
/// <param name="Kind">What was checked: sequential-scans, unused-index, duplicate-index, hot-blocking-index, unindexed-foreign-key,
/// cache-hit-ratio, table-bloat, slow-statement, connections, invalid-index, redundant-index-column, fillfactor.</param>
/// <param name="Subject">The table, index or statement it is about (schema-qualified when not public).</param>
/// <param name="Message">The recommendation, e.g. "notifications: 98 % of scans sequential over 500,000 rows — index (user_id) WHERE is_read = false".</param>
/// <param name="Sql">The statement that acts on it (CREATE INDEX CONCURRENTLY ..., DROP INDEX CONCURRENTLY ...), or null.</param>
public sealed record AuditFinding(AuditSeverity Severity, string Kind, string Subject, string Message, string? Sql = null);
