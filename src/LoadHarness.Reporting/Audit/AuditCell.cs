namespace LoadHarness.Reporting.Audit;

/// <summary>A cell: a number (written by its column's kind) or a text; neither is "-".</summary>
public readonly record struct AuditCell(double? Value, string? Text)
{
    public static AuditCell Empty => default;

    public static implicit operator AuditCell(string? text) => new(null, text);

    public static implicit operator AuditCell(double value) => new(value, null);

    public static implicit operator AuditCell(long value) => new(value, null);

    public static implicit operator AuditCell(int value) => new(value, null);

    public static AuditCell Number(double? value) => new(value, null);
}
