using System.Globalization;
using System.Text.RegularExpressions;
using LoadHarness.Core.Results;

namespace LoadHarness.Reporting.Compare;

/// <summary>One cell of a compared table: both texts and, when both start with a number, the relative change.</summary>
public sealed record CellChange(string Baseline, string Candidate, double? ChangePercent)
{
    public bool Changed => !string.Equals(Baseline, Candidate, StringComparison.Ordinal);
}

/// <summary>A row of a compared table, matched by its first cell; null cells of a side mean the row is only in the other.</summary>
public sealed record RowChange(string Key, IReadOnlyList<CellChange> Cells, bool InBaseline, bool InCandidate);

public sealed record TableChange(string Title, IReadOnlyList<string> Columns, IReadOnlyList<RowChange> Rows);

/// <summary>
/// A result section (database health, ...) of the baseline beside the candidate's, generically: tables matched by
/// title, rows by their first cell, every other cell shown as "before → after" with the change when both are numbers
/// ("99.95 %", "8,120", "12 / 100 (12 %)": the leading number). The baseline side is the latest baseline run.
/// </summary>
public sealed partial record SectionComparison(string Id, string Title, IReadOnlyList<TableChange> Tables, IReadOnlyList<string> Notes)
{
    public const int MaxRows = 20;

    public static IReadOnlyList<SectionComparison> Compute(RunResult baseline, RunResult candidate) =>
        [.. baseline.Sections
            .Where(b => candidate.Sections.Any(c => c.Id == b.Id))
            .Select(b => Compare(b, candidate.Sections.First(c => c.Id == b.Id)))];

    private static SectionComparison Compare(ReportSection b, ReportSection c)
    {
        var tables = new List<TableChange>();
        var notes = new List<string>();
        foreach (var table in b.Tables)
        {
            if (c.Tables.FirstOrDefault(t => t.Title == table.Title) is not { } other)
            {
                notes.Add($"{table.Title}: only in the baseline");
                continue;
            }

            if (!table.Columns.SequenceEqual(other.Columns))
            {
                notes.Add($"{table.Title}: the columns differ, not compared");
                continue;
            }

            tables.Add(new TableChange(table.Title, table.Columns, Rows(table, other)));
        }

        notes.AddRange(c.Tables.Where(t => b.Tables.All(x => x.Title != t.Title)).Select(t => $"{t.Title}: only in the candidate"));
        notes.AddRange(c.Notes.Except(b.Notes).Select(n => "candidate: " + n));
        return new SectionComparison(b.Id, b.Title, tables, notes);
    }

    private static List<RowChange> Rows(ReportTable b, ReportTable c)
    {
        var rows = new List<RowChange>();
        var keys = b.Rows.Select(Key).Concat(c.Rows.Select(Key)).Distinct(StringComparer.Ordinal).Take(MaxRows);
        foreach (var key in keys)
        {
            var before = b.Rows.FirstOrDefault(r => Key(r) == key);
            var after = c.Rows.FirstOrDefault(r => Key(r) == key);
            var cells = Enumerable.Range(1, Math.Max(0, b.Columns.Count - 1)).Select(i =>
            {
                var x = Cell(before, i);
                var y = Cell(after, i);
                return new CellChange(x, y, Change(x, y));
            }).ToList();
            rows.Add(new RowChange(key, cells, before is not null, after is not null));
        }

        return rows;
    }

    private static string Key(IReadOnlyList<string> row) => row.Count > 0 ? row[0] : "";

    private static string Cell(IReadOnlyList<string>? row, int i) => row is not null && i < row.Count ? row[i] : "-";

    private static double? Change(string before, string after)
    {
        if (Number(before) is not { } x || Number(after) is not { } y || x == 0)
        {
            return null;
        }

        return (y - x) / Math.Abs(x) * 100;
    }

    private static double? Number(string cell)
    {
        var match = LeadingNumber().Match(cell);
        return match.Success && double.TryParse(match.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v : null;
    }

    [GeneratedRegex(@"^\s*-?\d[\d,]*(\.\d+)?")]
    private static partial Regex LeadingNumber();
}
