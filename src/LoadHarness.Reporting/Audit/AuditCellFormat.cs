using System.Globalization;
using LoadHarness.Reporting.Formatting;

namespace LoadHarness.Reporting.Audit;

/// <summary>Writes a cell for a reader, invariant culture: 12,345 · 0.123 ms · 99.82 % · 1.5 MiB.</summary>
internal static class AuditCellFormat
{
    public static string Text(AuditCell cell, AuditColumnKind kind)
    {
        if (cell.Text is { } text)
        {
            return text;
        }

        if (cell.Value is not { } value || !double.IsFinite(value))
        {
            return NumberText.Missing;
        }

        return kind switch
        {
            AuditColumnKind.Count => value.ToString("#,0", CultureInfo.InvariantCulture),
            AuditColumnKind.Ms => NumberText.Ms(value) + " ms",
            AuditColumnKind.Percent => value.ToString(value is >= 99 and < 100 ? "0.##" : "0.#", CultureInfo.InvariantCulture) + " %",
            AuditColumnKind.Bytes => NumberText.Bytes((long)value),
            _ => value.ToString("#,0.###", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The level's word: critical, warning, info.</summary>
    public static string Word(AuditLevel level) => level switch
    {
        AuditLevel.Critical => "critical",
        AuditLevel.Warning => "warning",
        _ => "info",
    };
}
