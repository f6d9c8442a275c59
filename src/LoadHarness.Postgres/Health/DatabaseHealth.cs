using System.Globalization;
using LoadHarness.Core.Results;
using Npgsql;

namespace LoadHarness.Postgres.Health;

/// <summary>
/// A database health snapshot as a report section (Id "database"), for the end of a run: the seed's targets (index hit
/// ratio &gt; 99 %, connection usage &lt; 80 %), sequential vs index scans per table (the seed's audit script 1), the top
/// statements of pg_stat_statements (script 2; mean &gt; 50 ms flagged) and, when given, the Npgsql pools' peak usage.
/// Needs a role that may read pg_stat_* (the owner); a part that cannot be read becomes a note, never an exception.
/// </summary>
public static class DatabaseHealth
{
    public const string SectionId = "database";

    private const int TopStatements = 10;

    public static async Task<ReportSection> CaptureAsync(string connectionString, IReadOnlyList<PoolUsage>? pools = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var notes = new List<string>();
        var tables = new List<ReportTable>();
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "loadharness:health" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            notes.Add("database health not captured: " + e.Message);
            return Section(notes, PoolTable(pools, tables));
        }

        await TryAddAsync(tables, notes, "targets", () => TargetsAsync(connection, cancellationToken)).ConfigureAwait(false);
        await TryAddAsync(tables, notes, "scans", () => HealthQueries.TableAsync(connection, "Sequential vs index scans per table (audit script 1)",
            HealthQueries.ScansSql, cancellationToken)).ConfigureAwait(false);
        await TryAddAsync(tables, notes, "pg_stat_statements", () => HealthQueries.TableAsync(connection,
            string.Create(CultureInfo.InvariantCulture, $"Top {TopStatements} statements by total time (pg_stat_statements; mean > 50 ms is slow)"),
            HealthQueries.StatementsSql(TopStatements), cancellationToken)).ConfigureAwait(false);
        return Section(notes, PoolTable(pools, tables));
    }

    private static async Task<ReportTable> TargetsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(HealthQueries.TargetsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        var indexHit = reader.IsDBNull(0) ? (double?)null : reader.GetDouble(0);
        var tableHit = reader.IsDBNull(1) ? (double?)null : reader.GetDouble(1);
        var connections = reader.GetInt64(2);
        var max = reader.GetInt32(3);
        var seqScans = reader.GetInt64(4);
        var idxScans = reader.GetInt64(5);
        var indexUsage = seqScans + idxScans == 0 ? (double?)null : 100.0 * idxScans / (seqScans + idxScans);
        var connectionUsage = 100.0 * connections / max;
        return new ReportTable
        {
            Title = "The seed's database targets",
            Columns = ["metric", "value", "target", "verdict"],
            Rows =
            [
                Target("index hit ratio", indexHit, "> 99 %", v => v > 99),
                Target("table (heap) hit ratio", tableHit, "> 99 %", v => v > 99),
                Target("index usage (idx_scan share of scans)", indexUsage, "> 95 % (seed: after)", v => v > 95),
                [ "connections now / max_connections", string.Create(CultureInfo.InvariantCulture, $"{connections} / {max} ({connectionUsage:0.#} %)"), "< 80 %", connectionUsage < 80 ? "ok" : "HIGH" ],
            ],
        };
    }

    private static string[] Target(string name, double? percent, string target, Func<double, bool> ok) =>
        percent is { } v
            ? [name, v.ToString("0.00", CultureInfo.InvariantCulture) + " %", target, ok(v) ? "ok" : "MISSED"]
            : [name, "-", target, "no data"];

    private static List<ReportTable> PoolTable(IReadOnlyList<PoolUsage>? pools, List<ReportTable> tables)
    {
        // Unpooled connections (setup, health) report a pool of size 0: not the harness's load pools.
        pools = pools?.Where(p => p.MaxPoolSize > 0 || p.PeakOpen > 0).ToArray();
        if (pools is { Count: > 0 })
        {
            tables.Add(new ReportTable
            {
                Title = "Npgsql pools of the harness (peak over the run; the seed's target: usage < 80 %)",
                Columns = ["pool", "peak used", "peak open", "max pool size", "peak usage", "peak waiting", "timeouts"],
                Rows = pools.Select(p => (IReadOnlyList<string>)
                [
                    p.PoolName, Num(p.PeakUsed), Num(p.PeakOpen), Num(p.MaxPoolSize),
                    p.MaxPoolSize > 0 ? (100 * p.PeakUsageRatio).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-",
                    Num(p.PeakPending), Num(p.Timeouts),
                ]).ToArray(),
            });
        }

        return tables;
    }

    private static async Task TryAddAsync(List<ReportTable> tables, List<string> notes, string what, Func<Task<ReportTable>> read)
    {
        try
        {
            tables.Add(await read().ConfigureAwait(false));
        }
        catch (PostgresException e)
        {
            notes.Add($"{what}: not available ({e.SqlState}: {e.MessageText})");
        }
    }

    private static ReportSection Section(List<string> notes, List<ReportTable> tables) => new()
    {
        Id = SectionId,
        Title = "Database health",
        Notes = notes,
        Tables = tables,
    };

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
