using System.Text;
using System.Text.Json;

namespace LoadHarness.Reporting.Audit;

/// <summary>
/// audit.json / queries.json: the page's content for machines — findings, notes, and every table as rows of objects
/// keyed by column (numbers as JSON numbers, invariant; "-" cells as null).
/// </summary>
public static class AuditJson
{
    public static string Render(AuditDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("kind", document.Kind);
            w.WriteString("title", document.Title);
            w.WriteStartObject("verdict");
            w.WriteString("word", document.Verdict.Word);
            w.WriteBoolean("passed", document.Verdict.Passed);
            w.WriteString("summary", document.Verdict.Summary);
            w.WriteEndObject();
            w.WriteStartObject("facts");
            foreach (var (label, value) in document.Facts)
            {
                w.WriteString(label, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("findings");
            foreach (var f in document.Findings)
            {
                w.WriteStartObject();
                w.WriteString("severity", AuditCellFormat.Word(f.Level));
                w.WriteString("kind", f.Kind);
                w.WriteString("subject", f.Subject);
                w.WriteString("message", f.Message);
                if (f.Sql is not null)
                {
                    w.WriteString("sql", f.Sql);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var note in document.Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            w.WriteStartObject("tables");
            foreach (var table in document.Tables)
            {
                WriteTable(w, table);
            }

            w.WriteEndObject();
            if (document.Command is not null)
            {
                w.WriteString("command", document.Command);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTable(Utf8JsonWriter w, AuditDocumentTable table)
    {
        w.WriteStartObject(table.Id);
        w.WriteString("title", table.Title);
        w.WriteStartArray("rows");
        foreach (var row in table.Rows)
        {
            w.WriteStartObject();
            for (var i = 0; i < table.Columns.Count && i < row.Cells.Count; i++)
            {
                var (column, cell) = (table.Columns[i], row.Cells[i]);
                if (cell.Value is { } value && double.IsFinite(value) && cell.Text is null)
                {
                    w.WriteNumber(column.Key, value);
                }
                else if (cell.Text is { } text)
                {
                    w.WriteString(column.Key, text);
                }
                else
                {
                    w.WriteNull(column.Key);
                }
            }

            if (row.Status is not null)
            {
                w.WriteString("status", row.Status);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
