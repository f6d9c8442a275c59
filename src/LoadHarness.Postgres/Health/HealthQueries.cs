using System.Globalization;
using LoadHarness.Core.Results;
using Npgsql;

namespace LoadHarness.Postgres.Health;

/// <summary>The SQL of <see cref="DatabaseHealth"/> and a generic reader of a query into a report table.</summary>
internal static class HealthQueries
{
    public const string TargetsSql =
        """
        SELECT
            (SELECT 100.0 * sum(idx_blks_hit) / nullif(sum(idx_blks_hit) + sum(idx_blks_read), 0) FROM pg_statio_user_indexes)::float8,
            (SELECT 100.0 * sum(heap_blks_hit) / nullif(sum(heap_blks_hit) + sum(heap_blks_read), 0) FROM pg_statio_user_tables)::float8,
            (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'),
            current_setting('max_connections')::int,
            (SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_user_tables)::bigint,
            (SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_tables)::bigint
        """;

    /// <summary>The seed's audit script 1 (relname: pg_stat_user_tables has no tablename column).</summary>
    public const string ScansSql =
        """
        SELECT
            relname AS "table",
            seq_scan AS "seq scans",
            seq_tup_read AS "seq rows read",
            coalesce(idx_scan, 0) AS "index scans",
            coalesce(idx_tup_fetch, 0) AS "index rows fetched",
            CASE WHEN seq_scan + coalesce(idx_scan, 0) > 0
                 THEN round(100.0 * coalesce(idx_scan, 0) / (seq_scan + coalesce(idx_scan, 0)), 2)::text || ' %'
                 ELSE '-' END AS "index usage"
        FROM pg_stat_user_tables
        WHERE schemaname = 'public'
        ORDER BY seq_scan DESC, relname
        """;

    public static string StatementsSql(int top) => string.Create(CultureInfo.InvariantCulture,
        $"""
        SELECT
            left(regexp_replace(query, '\s+', ' ', 'g'), 140) AS "query",
            calls,
            round(mean_exec_time::numeric, 3)::text AS "mean ms",
            round(max_exec_time::numeric, 3)::text AS "max ms",
            round(stddev_exec_time::numeric, 3)::text AS "stddev ms",
            rows,
            CASE WHEN mean_exec_time > 50 THEN 'SLOW' ELSE '' END AS "> 50 ms"
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT ILIKE '%pg_stat%'
        ORDER BY total_exec_time DESC
        LIMIT {top}
        """);

    /// <summary>Every row of a query as invariant-culture text cells, the column names as headers.</summary>
    public static async Task<ReportTable> TableAsync(NpgsqlConnection connection, string title, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<IReadOnlyList<string>>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "-" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            }

            rows.Add(cells);
        }

        return new ReportTable { Title = title, Columns = columns, Rows = rows };
    }
}
