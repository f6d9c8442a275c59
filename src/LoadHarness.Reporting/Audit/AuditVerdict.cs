namespace LoadHarness.Reporting.Audit;

/// <summary>The page's banner: a word ("CRITICAL", "WARNINGS", "OK", "PASSED", "FAILED"), whether it is good news, and a line.</summary>
public sealed record AuditVerdict(string Word, bool Passed, string Summary);
