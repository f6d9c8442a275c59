namespace LoadHarness.Reporting.Audit;

/// <summary>A column: its key in audit.json, its header on the page, and how its values are written.</summary>
public sealed record AuditColumn(string Key, string Header, AuditColumnKind Kind = AuditColumnKind.Text)
{
    public bool IsNumeric => Kind != AuditColumnKind.Text;
}
