using System.Globalization;
using System.Text.RegularExpressions;
using LoadHarness.Core.Results;
using LoadHarness.Core.Thresholds;

namespace LoadHarness.Postgres.Health;

/// <summary>
/// The run's own database figures: the end counters minus the start counters, as measurements for thresholds
/// (<c>db.index_hit_ratio</c>, <c>db.seq_scans(notifications)</c>, <c>db.statement(unread_count).mean</c>, ...) and as
/// the report's "Database" section. A statement is named when its shape (<see cref="Normalize"/>) is that of one of
/// <c>namedStatements</c>: pg_stat_statements shows constants (<c>false</c>, <c>10</c>, <c>'x'</c>) as <c>$n</c>, as it
/// shows a prepared statement's own parameters.
/// </summary>
public static partial class DatabaseRunDelta
{
    public const string SectionId = FigureSections.Database;

    /// <summary><c>db.index_usage</c> counts the scans of tables whose heap has at least this many pages, as the audit's target does.</summary>
    private const long IndexUsageMinPages = Audit.AuditOptions.IndexUsageMinPages;

    private const int TopStatements = 10;

    public static (IReadOnlyList<Measurement> Measurements, ReportSection Section) Compute(
        DatabaseCounters start,
        DatabaseCounters end,
        IReadOnlyDictionary<string, string> namedStatements,
        ActivitySummary? activity = null,
        IReadOnlyList<PoolUsage>? harnessPools = null,
        IEnumerable<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        ArgumentNullException.ThrowIfNull(namedStatements);
        var m = new List<Measurement>();
        var tables = end.Tables.Select(t => (Name: t.Key, Delta: Minus(t.Value, start.Tables.GetValueOrDefault(t.Key))))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
        var indexHit = Ratio(end.IndexBlocksHit - start.IndexBlocksHit, end.IndexBlocksRead - start.IndexBlocksRead);
        var tableHit = Ratio(end.HeapBlocksHit - start.HeapBlocksHit, end.HeapBlocksRead - start.HeapBlocksRead);
        var seq = tables.Sum(t => t.Delta.SeqScans);
        var idx = tables.Sum(t => t.Delta.IndexScans);
        var judged = tables.Where(t => t.Delta.HeapPages >= IndexUsageMinPages).ToArray();
        var judgedSeq = judged.Sum(t => t.Delta.SeqScans);
        var judgedIdx = judged.Sum(t => t.Delta.IndexScans);
        var indexUsage = judgedSeq + judgedIdx == 0 ? (double?)null : (double)judgedIdx / (judgedSeq + judgedIdx);
        Add(m, "db.index_hit_ratio", indexHit, ThresholdUnit.Fraction);
        Add(m, "db.table_hit_ratio", tableHit, ThresholdUnit.Fraction);
        Add(m, "db.index_usage", indexUsage, ThresholdUnit.Fraction);
        Add(m, "db.seq_scans", seq, ThresholdUnit.Number);
        Add(m, "db.idx_scans", idx, ThresholdUnit.Number);
        Add(m, "db.temp_files", end.TempFiles - start.TempFiles, ThresholdUnit.Number);
        Add(m, "db.temp_bytes", end.TempBytes - start.TempBytes, ThresholdUnit.Number);
        Add(m, "db.deadlocks", end.Deadlocks - start.Deadlocks, ThresholdUnit.Number);
        foreach (var (name, d) in tables)
        {
            Add(m, $"db.seq_scans({name})", d.SeqScans, ThresholdUnit.Number);
            Add(m, $"db.idx_scans({name})", d.IndexScans, ThresholdUnit.Number);
            Add(m, $"db.seq_rows_read({name})", d.SeqRowsRead, ThresholdUnit.Number);
            Add(m, $"db.idx_rows_fetched({name})", d.IndexRowsFetched, ThresholdUnit.Number);
        }

        var statements = Statements(start, end);
        var named = new List<IReadOnlyList<string>>();
        var statementNotes = new List<string>();
        foreach (var (name, sql) in namedStatements.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var key = Normalize(sql);
            var matches = statements?.Where(s => Normalize(s.Query) == key).ToArray() ?? [];
            var calls = matches.Sum(s => s.Calls);
            var totalMs = matches.Sum(s => s.TotalExecMs);
            if (calls > 0)
            {
                Add(m, $"db.statement({name}).mean", totalMs / calls, ThresholdUnit.Milliseconds);
                Add(m, $"db.statement({name}).calls", calls, ThresholdUnit.Number);
            }
            else if (statements is not null)
            {
                // Another role's statement (the application's) shows as "<insufficient privilege>" to a role without
                // pg_monitor, with no query id: the query may have run, unseen.
                var hidden = statements.Any(s => s.Query.StartsWith("<insufficient privilege>", StringComparison.Ordinal));
                statementNotes.Add($"db.statement({name}): no statement with its query's text in pg_stat_statements during the run (constants aside), so it has no data"
                    + (hidden ? "; other roles' statements ran with texts hidden from the harness's role (Target.ConnectionString's user): GRANT pg_monitor TO it to match them" : ""));
            }

            named.Add([name, Count(calls), calls > 0 ? Ms(totalMs / calls) : "-", Count(matches.Sum(s => s.Rows)), Shorten(sql)]);
        }

        var section = new ReportSection
        {
            Id = SectionId,
            Title = "Database",
            Notes = [.. start.Notes.Concat(end.Notes).Distinct(StringComparer.Ordinal), .. SmallTablesNote(tables, indexUsage), .. statementNotes, .. notes ?? []],
            Tables = Tables(m, tables, indexHit, tableHit, indexUsage, seq, idx, end, start, statements, named, activity, harnessPools),
        };
        return (m, section);
    }

    /// <summary>
    /// A statement's shape, to match a configured query with pg_stat_statements' text: every constant and parameter
    /// (<c>'text'</c>, <c>42</c>, <c>1.5</c>, <c>true</c>, <c>false</c>, <c>null</c>, <c>$1</c>) as <c>?</c>, lower case, one space
    /// between words, no trailing semicolon.
    /// </summary>
    public static string Normalize(string sql)
    {
        var text = Constants().Replace(sql ?? "", "?");
        return Spaces().Replace(text, " ").Trim().TrimEnd(';').Trim().ToLowerInvariant();
    }

    private static List<ReportTable> Tables(List<Measurement> m, (string Name, TableCounters Delta)[] tables, double? indexHit, double? tableHit,
        double? indexUsage, long seq, long idx, DatabaseCounters end, DatabaseCounters start, StatementCounters[]? statements,
        List<IReadOnlyList<string>> named, ActivitySummary? activity, IReadOnlyList<PoolUsage>? pools)
    {
        var result = new List<ReportTable>
        {
            new()
            {
                Title = "The run's figures (end minus start; thresholds name them in the first column)",
                Columns = ["measurement", "value", "the seed's target"],
                Rows =
                [
                    ["db.index_hit_ratio", Percent(indexHit), "> 99 %"],
                    ["db.table_hit_ratio", Percent(tableHit), "> 99 %"],
                    ["db.index_usage", Percent(indexUsage), string.Create(CultureInfo.InvariantCulture, $"> 95 % (seed: after); tables of {IndexUsageMinPages} pages or more")],
                    ["db.seq_scans / db.idx_scans", Count(seq) + " / " + Count(idx), "sequential scans: minimize"],
                    ["db.temp_files / db.temp_bytes", Count(end.TempFiles - start.TempFiles) + " / " + Count(end.TempBytes - start.TempBytes), ""],
                    ["db.deadlocks", Count(end.Deadlocks - start.Deadlocks), "0"],
                    .. activity is null ? Array.Empty<IReadOnlyList<string>>() :
                    [
                        ["db.connections: max", string.Create(CultureInfo.InvariantCulture,
                            $"{activity.PeakConnections} / {activity.MaxConnections} ({Percent(activity.MaxConnections > 0 ? (double)activity.PeakConnections / activity.MaxConnections : null)})"),
                            "< 80 % (connection usage)"],
                    ],
                ],
            },
            new()
            {
                Title = "Scans per table during the run (the seed's audit script 1, as deltas)",
                Columns = ["table", "seq scans", "seq rows read", "index scans", "index rows fetched", "index usage"],
                Rows = tables.Where(t => t.Delta.SeqScans + t.Delta.IndexScans > 0)
                    .OrderByDescending(t => t.Delta.SeqScans).ThenBy(t => t.Name, StringComparer.Ordinal)
                    .Select(t => (IReadOnlyList<string>)
                    [
                        t.Name, Count(t.Delta.SeqScans), Count(t.Delta.SeqRowsRead), Count(t.Delta.IndexScans), Count(t.Delta.IndexRowsFetched),
                        Percent((double)t.Delta.IndexScans / (t.Delta.SeqScans + t.Delta.IndexScans)),
                    ]).ToArray(),
            },
        };
        if (named.Count > 0)
        {
            result.Add(new ReportTable
            {
                Title = "Named statements during the run (pg_stat_statements: server-side execution; db.statement(name): mean)",
                Columns = ["name", "calls", "mean ms", "rows", "query"],
                Rows = named,
            });
        }

        if (statements is not null)
        {
            result.Add(new ReportTable
            {
                Title = string.Create(CultureInfo.InvariantCulture, $"Top {TopStatements} statements of the run by total time (pg_stat_statements; mean > 50 ms is slow)"),
                Columns = ["query", "calls", "mean ms", "total ms", "rows", "> 50 ms"],
                Rows = statements.OrderByDescending(s => s.TotalExecMs).Take(TopStatements).Select(s => (IReadOnlyList<string>)
                [
                    Shorten(s.Query), Count(s.Calls), Ms(s.TotalExecMs / s.Calls), Ms(s.TotalExecMs), Count(s.Rows), s.TotalExecMs / s.Calls > 50 ? "SLOW" : "",
                ]).ToArray(),
            });
        }

        if (activity is { Peaks.Count: > 0 })
        {
            result.Add(new ReportTable
            {
                Title = "Connections by application and state (pg_stat_activity, sampled every second: peak)",
                Columns = ["application", "state", "peak"],
                Rows = activity.Peaks.Select(p => (IReadOnlyList<string>)[p.Application, p.State, Count(p.Peak)]).ToArray(),
            });
        }

        // An unpooled connection of the harness (the pg_stat_activity monitor, the counters, EXPLAIN) reports a data source
        // named by its connection string with Pooling=False: not a pool, and its name is a connection string.
        pools = pools?.Where(p => (p.MaxPoolSize > 0 || p.PeakOpen > 0)
            && !p.PoolName.Contains("Pooling=False", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (pools is { Count: > 0 })
        {
            result.Add(new ReportTable
            {
                Title = "Npgsql pools of the harness (peak over the run)",
                Columns = ["pool", "peak used", "peak open", "max pool size", "peak usage", "peak waiting", "timeouts"],
                Rows = pools.Select(p => (IReadOnlyList<string>)
                [
                    p.PoolName, Count(p.PeakUsed), Count(p.PeakOpen), Count(p.MaxPoolSize),
                    p.MaxPoolSize > 0 ? Percent(p.PeakUsageRatio) : "-", Count(p.PeakPending), Count(p.Timeouts),
                ]).ToArray(),
            });
        }

        return result;
    }

    /// <summary>The run's statements (calls during the run &gt; 0), without the harness's own monitoring queries.</summary>
    private static StatementCounters[]? Statements(DatabaseCounters start, DatabaseCounters end)
    {
        if (end.Statements is null)
        {
            return null;
        }

        return end.Statements
            .Select(s =>
            {
                var before = start.Statements?.GetValueOrDefault(s.Key);
                return new StatementCounters(s.Value.Query, s.Value.Calls - (before?.Calls ?? 0),
                    s.Value.TotalExecMs - (before?.TotalExecMs ?? 0), s.Value.Rows - (before?.Rows ?? 0));
            })
            .Where(s => s.Calls > 0 && !s.Query.Contains("pg_stat", StringComparison.OrdinalIgnoreCase))
            .ToArray();
    }

    private static TableCounters Minus(TableCounters end, TableCounters? start) => start is null ? end
        : new TableCounters(end.SeqScans - start.SeqScans, end.SeqRowsRead - start.SeqRowsRead,
            end.IndexScans - start.IndexScans, end.IndexRowsFetched - start.IndexRowsFetched, end.HeapPages);

    /// <summary>Says which scans <c>db.index_usage</c> left out (tables below <see cref="IndexUsageMinPages"/>), when any were made.</summary>
    private static IEnumerable<string> SmallTablesNote((string Name, TableCounters Delta)[] tables, double? indexUsage)
    {
        var small = tables.Where(t => t.Delta.HeapPages < IndexUsageMinPages && t.Delta.SeqScans + t.Delta.IndexScans > 0).ToArray();
        if (small.Length == 0)
        {
            yield break;
        }

        var names = string.Join(", ", small.OrderByDescending(t => t.Delta.SeqScans).Take(5).Select(t => t.Name)) + (small.Length > 5 ? ", ..." : "");
        yield return string.Create(CultureInfo.InvariantCulture,
            $"db.index_usage counts the scans of tables of {IndexUsageMinPages} pages (64 kB) or more: the {small.Sum(t => t.Delta.SeqScans):#,0} sequential and {small.Sum(t => t.Delta.IndexScans):#,0} index scans of smaller ones ({names}) are left out, as PostgreSQL reads a table of a few pages sequentially by design")
            + (indexUsage is null ? "; no larger table was scanned, so it has no data" : "");
    }

    private static double? Ratio(long hits, long reads) => hits + reads <= 0 ? null : (double)hits / (hits + reads);

    private static void Add(List<Measurement> m, string name, double? value, ThresholdUnit unit)
    {
        if (value is { } v)
        {
            m.Add(new Measurement(name, v, unit));
        }
    }

    private static string Percent(double? fraction) =>
        fraction is { } f ? (100 * f).ToString("0.00", CultureInfo.InvariantCulture) + " %" : "no data";

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Shorten(string query)
    {
        var one = Spaces().Replace(query, " ").Trim();
        return one.Length <= 140 ? one : one[..139] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"'(?:[^']|'')*'|\$\d+|\b\d+(?:\.\d+)?\b|\b(?:true|false|null)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Constants();
}
