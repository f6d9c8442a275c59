namespace LoadHarness.Reporting.Audit;

/// <summary>A table row; <paramref name="Status"/> marks it ("ok", "info", "warning", "critical", "fail") or null.</summary>
public sealed record AuditRow(IReadOnlyList<AuditCell> Cells, string? Status = null);
