namespace LoadHarness.Reporting.Audit;

/// <summary>How a column's values are written: counts with separators, milliseconds, percentages (0..100), bytes, plain numbers, text.</summary>
public enum AuditColumnKind
{
    Text = 0,
    Count = 1,
    Ms = 2,
    Percent = 3,
    Bytes = 4,
    Number = 5,
}
