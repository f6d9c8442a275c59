using System.Globalization;
using LoadHarness.Postgres.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>The audit on the console: targets, recommendations with their SQL, the tables with the most sequential scans.</summary>
internal static class AuditConsole
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Print(TextWriter w, AuditReport report, string target)
    {
        w.WriteLine();
        w.WriteLine($"audit of {target}: PostgreSQL {report.Server.Version.Split(' ')[0]}, database {report.Server.Database}, role {report.Server.Role}");
        w.WriteLine($"window: {report.Window.Describe()}");
        w.WriteLine();
        w.WriteLine("targets (the seed's):");
        var targets = new TextTable(("metric", false), ("value", true), ("target", false), ("verdict", false));
        foreach (var t in report.Targets)
        {
            targets.Row(t.Name, t.Value is { } v ? (t.Unit == "%" ? v.ToString("0.##", Inv) + " %" : v.ToString("#,0.##", Inv)) : "-", t.Target,
                t.Met switch { true => "ok", false => "MISSED", _ => "not judged" });
        }

        targets.WriteTo(w);
        w.WriteLine();
        var scanned = report.Tables.Where(t => t.SeqScans + (t.IndexScans ?? 0) > 0).Take(10).ToArray();
        if (scanned.Length > 0)
        {
            w.WriteLine("tables by sequential scans (scripts 1 and 4):");
            var tables = new TextTable(("table", false), ("seq scans", true), ("rows/seq scan", true), ("index scans", true), ("index usage", true), ("rows", true));
            foreach (var t in scanned)
            {
                tables.Row(t.DisplayName, t.SeqScans.ToString("#,0", Inv), t.RowsPerSeqScan is { } r ? r.ToString("#,0", Inv) : "-",
                    t.IndexScans is { } i ? i.ToString("#,0", Inv) : "-", t.IndexUsagePercent is { } u ? u.ToString("0.#", Inv) + " %" : "-", t.LiveRows.ToString("#,0", Inv));
            }

            tables.WriteTo(w);
            w.WriteLine();
        }

        w.WriteLine($"recommendations: {AuditDocumentMapper.Counts(report)}");
        foreach (var f in report.Findings)
        {
            w.WriteLine($"  {f.Severity.ToString().ToUpperInvariant(),-8}  {f.Message}");
            if (f.Sql is not null)
            {
                w.WriteLine($"            {f.Sql}");
            }
        }

        var hidden = report.Notes.Where(n => n.Contains("pg_monitor", StringComparison.Ordinal) || n.StartsWith("pg_stat_statements", StringComparison.Ordinal)
            || n.Contains("skipped", StringComparison.Ordinal) || n.StartsWith("No transactions", StringComparison.Ordinal)).ToArray();
        foreach (var note in hidden)
        {
            w.WriteLine($"  NOTE      {note}");
        }
    }
}
