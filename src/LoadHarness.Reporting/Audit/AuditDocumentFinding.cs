namespace LoadHarness.Reporting.Audit;

/// <summary>A recommendation on the page: severity, what it is about, the words, and the SQL that acts on it (or null).</summary>
public sealed record AuditDocumentFinding(AuditLevel Level, string Kind, string Subject, string Message, string? Sql = null);
