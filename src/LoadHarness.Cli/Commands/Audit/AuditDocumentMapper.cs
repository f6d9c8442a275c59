using System.Globalization;
using LoadHarness.Postgres.Audit;
using LoadHarness.Reporting.Audit;

namespace LoadHarness.Cli.Commands.Audit;

/// <summary>The audit's report as Reporting's page: verdict, facts, findings, and the tables of the seed's scripts and the critique.</summary>
internal static class AuditDocumentMapper
{
    public static AuditDocument Map(AuditReport report, string target, string command)
    {
        var counts = Counts(report);
        var word = report.WorstSeverity switch
        {
            AuditSeverity.Critical => "CRITICAL",
            AuditSeverity.Warning => "WARNINGS",
            _ => "OK",
        };
        return new AuditDocument
        {
            Kind = "audit",
            Title = $"Database audit · {report.Server.Database} on PostgreSQL {report.Server.Version.Split(' ')[0]}",
            Verdict = new AuditVerdict(word, report.WorstSeverity is null or AuditSeverity.Info, $"{counts} — {report.Window.Describe()}"),
            Facts =
            [
                new("target", target),
                new("server", report.Server.Version),
                new("database", report.Server.Database),
                new("role", report.Server.Role + (report.Server.CanReadAllStats ? " (reads all statistics)" : " (no pg_monitor: some figures hidden)")),
                new("window", report.Window.Describe()),
                new("taken at", report.Window.To.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"),
                new("pg_stat_statements", report.StatementsAvailability.ToString()),
            ],
            Findings = report.Findings.Select(f => new AuditDocumentFinding(Level(f.Severity), f.Kind, f.Subject, f.Message, f.Sql)).ToArray(),
            Notes = report.Notes,
            Tables = AuditTables.Build(report),
            Command = command,
        };
    }

    /// <summary>"1 critical, 2 warnings, 3 info" or "no findings".</summary>
    public static string Counts(AuditReport report)
    {
        var parts = new List<string>();
        void Add(AuditSeverity severity, string one, string many)
        {
            var n = report.Findings.Count(f => f.Severity == severity);
            if (n > 0)
            {
                parts.Add(n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many));
            }
        }

        Add(AuditSeverity.Critical, "critical", "critical");
        Add(AuditSeverity.Warning, "warning", "warnings");
        Add(AuditSeverity.Info, "info", "info");
        return parts.Count == 0 ? "no findings" : string.Join(", ", parts);
    }

    public static AuditLevel Level(AuditSeverity severity) => severity switch
    {
        AuditSeverity.Critical => AuditLevel.Critical,
        AuditSeverity.Warning => AuditLevel.Warning,
        _ => AuditLevel.Info,
    };
}
