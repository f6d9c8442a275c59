namespace LoadHarness.Reporting.Audit;

/// <summary>A finding's severity on the page.</summary>
public enum AuditLevel
{
    Info = 0,
    Warning = 1,
    Critical = 2,
}
