using System.Net;
using System.Text;

namespace LoadHarness.Reporting.Html;

/// <summary>A table of the HTML report: numeric cells right-aligned and carrying a raw sort value; optional click-to-sort.</summary>
internal sealed class HtmlTable(string cssClass, bool sortable, params (string Header, bool Numeric)[] columns)
{
    private readonly StringBuilder body = new();

    public int Count { get; private set; }

    /// <summary>Starts a row; <paramref name="rowClass"/> styles it (e.g. "step", "fail").</summary>
    public HtmlTable Row(string? rowClass, params Cell[] cells)
    {
        body.Append(rowClass is null ? "<tr>" : $"<tr class=\"{rowClass}\">");
        for (var i = 0; i < cells.Length; i++)
        {
            var numeric = i < columns.Length && columns[i].Numeric;
            var cell = cells[i];
            body.Append("<td");
            if (numeric || cell.Class is not null)
            {
                body.Append(" class=\"").Append(numeric ? cell.Class is null ? "num" : "num " + cell.Class : cell.Class).Append('"');
            }

            if (cell.SortValue is not null)
            {
                body.Append(" data-v=\"").Append(Esc(cell.SortValue)).Append('"');
            }

            body.Append('>').Append(cell.Html).Append("</td>");
        }

        body.Append("</tr>\n");
        Count++;
        return this;
    }

    public void AppendTo(StringBuilder sb)
    {
        sb.Append("<div class=\"scroll\"><table class=\"").Append(cssClass).Append(sortable ? " sortable" : string.Empty).Append("\">\n<thead><tr>");
        foreach (var (header, numeric) in columns)
        {
            sb.Append(numeric ? "<th class=\"num\"" : "<th").Append(sortable ? " tabindex=\"0\" title=\"sort\"" : string.Empty)
              .Append('>').Append(Esc(header)).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n").Append(body).Append("</tbody></table></div>\n");
    }

    public static string Esc(string text) => WebUtility.HtmlEncode(text);
}

/// <summary>One cell: its HTML (already escaped), for numbers the raw value the sort script uses, and an optional CSS class.</summary>
internal readonly record struct Cell(string Html, string? SortValue = null, string? Class = null)
{
    public static Cell Text(string text) => new(HtmlTable.Esc(text));

    public static Cell Number(string formatted, double raw) =>
        new(HtmlTable.Esc(formatted), Formatting.NumberText.Raw(raw));

    public static implicit operator Cell(string text) => Text(text);
}
