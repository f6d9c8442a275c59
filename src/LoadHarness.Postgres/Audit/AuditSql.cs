namespace LoadHarness.Postgres.Audit;

/// <summary>
/// The catalog queries of a snapshot, by server version. Every statement starts with <see cref="Marker"/> so the audit
/// can leave its own statements out of pg_stat_statements. Sizes come from pg_class.relpages: no lock is taken on a
/// user table (pg_relation_size would wait behind an ACCESS EXCLUSIVE lock).
/// </summary>
internal static class AuditSql
{
    /// <summary>Marks the harness's own statements (the audit's catalog reads, bench-queries' parameter draws): audits leave them out.</summary>
    public const string Marker = "/* loadharness audit */ ";

    private const string SchemaFilter = "(@schemas::text[] IS NULL OR {0} = ANY(@schemas))";

    private const string UserSchema = "{0} NOT IN ('pg_catalog', 'information_schema') AND {0} !~ '^pg_toast'";

    public const string Server = Marker +
        """
        SELECT current_setting('server_version_num')::int AS version_num,
               current_setting('server_version') AS version,
               current_database()::text AS database,
               current_user::text AS role,
               coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = current_user), false) AS superuser,
               pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS read_all_stats,
               d.stats_reset,
               current_setting('track_counts')::bool AS track_counts,
               current_setting('max_parallel_workers_per_gather')::int AS parallel_workers,
               current_setting('max_connections')::int AS max_connections,
               current_setting('superuser_reserved_connections')::int
                 + coalesce(nullif(current_setting('reserved_connections', true), '')::int, 0) AS reserved,
               a.total, a.active, a.idle_in_transaction, a.hidden,
               d.xact_commit,
               now() AS taken_at
        FROM pg_stat_database d,
             LATERAL (SELECT count(*) AS total,
                             count(*) FILTER (WHERE state = 'active') AS active,
                             count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS idle_in_transaction,
                             count(*) FILTER (WHERE state IS NULL) AS hidden
                      FROM pg_stat_activity WHERE backend_type = 'client backend') a
        WHERE d.datname = current_database()
        """;

    /// <summary>
    /// A table's live rows: n_live_tup, or ANALYZE's estimate in pg_class when that is higher. After a pg_stat_reset()
    /// (the embedded sample resets after seeding, an operator may before a gate) n_live_tup counts only the rows inserted
    /// since: 0, or the few a run added to a table of thousands. A partitioned table holds no rows itself (its reltuples
    /// is its partitions' sum, which they already count).
    /// </summary>
    public const string LiveRows = "(CASE WHEN c.relkind <> 'p' AND c.reltuples > s.n_live_tup THEN c.reltuples::int8 ELSE s.n_live_tup END)";

    /// <summary>A table's heap in pages, from the file's size (exact, whatever the statistics know; 0 for a partitioned table).</summary>
    public const string HeapPages = "(pg_relation_size(s.relid) / current_setting('block_size')::int8)";

    public static string Tables(int major) => Marker + $"""
        SELECT s.relid::int8 AS oid, s.schemaname::text AS schema, s.relname::text AS name, c.relkind::text AS kind,
               r.oid::int8 AS root_oid, rn.nspname::text AS root_schema, r.relname::text AS root_name,
               s.seq_scan, s.seq_tup_read, s.idx_scan, coalesce(s.idx_tup_fetch, 0) AS idx_tup_fetch,
               s.n_tup_ins, s.n_tup_upd, s.n_tup_hot_upd, s.n_tup_del, {LiveRows} AS n_live_tup, s.n_dead_tup, {HeapPages} AS heap_pages,
               coalesce(io.heap_blks_read, 0) AS heap_blks_read, coalesce(io.heap_blks_hit, 0) AS heap_blks_hit,
               coalesce(io.idx_blks_read, 0) AS idx_blks_read, coalesce(io.idx_blks_hit, 0) AS idx_blks_hit,
               (c.relpages::int8 + coalesce(t.relpages, 0)
                 + coalesce((SELECT sum(ic.relpages) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid), 0))::int8
                 * current_setting('block_size')::int8 AS total_bytes,
               {(major >= 16 ? "s.last_seq_scan" : "NULL::timestamptz")} AS last_seq_scan,
               s.last_vacuum, s.last_autovacuum, greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze,
               (SELECT substring(o FROM '^fillfactor=(\d+)$')::int FROM unnest(c.reloptions) o WHERE o LIKE 'fillfactor=%' LIMIT 1) AS fillfactor
        FROM pg_stat_user_tables s
        JOIN pg_class c ON c.oid = s.relid
        LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
        JOIN pg_class r ON r.oid = coalesce(pg_partition_root(s.relid), s.relid)
        JOIN pg_namespace rn ON rn.oid = r.relnamespace
        LEFT JOIN pg_statio_user_tables io ON io.relid = s.relid
        WHERE {string.Format(null, SchemaFilter, "s.schemaname")}
        """;

    public static string Indexes(int major) => Marker + $"""
        SELECT i.indexrelid::int8 AS oid, n.nspname::text AS schema, ic.relname::text AS name,
               i.indrelid::int8 AS table_oid, t.relname::text AS table_name,
               coalesce(pg_partition_root(i.indexrelid), i.indexrelid)::int8 AS root_oid,
               ic.relkind::text AS kind, am.amname::text AS am, pg_get_indexdef(i.indexrelid) AS definition,
               ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts::int) k ORDER BY k) AS key_columns,
               ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(i.indnkeyatts::int + 1, i.indnatts::int) k ORDER BY k) AS include_columns,
               ARRAY(SELECT i.indoption[k - 1]::text || '/' || i.indclass[k - 1]::text || '/' || i.indcollation[k - 1]::text
                     FROM generate_series(1, i.indnkeyatts::int) k ORDER BY k) AS key_signatures,
               ARRAY(SELECT a.attname::text FROM pg_attribute a
                     WHERE a.attrelid = i.indrelid AND a.attnum > 0 AND a.attnum = ANY (i.indkey::int2[])) AS plain_columns,
               pg_get_expr(i.indexprs, i.indrelid) AS expressions,
               pg_get_expr(i.indpred, i.indrelid) AS predicate,
               i.indisunique, i.indisprimary, i.indisvalid,
               (SELECT con.conname::text FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x') LIMIT 1) AS constraint_name,
               s.idx_scan, coalesce(s.idx_tup_read, 0) AS idx_tup_read,
               coalesce(io.idx_blks_read, 0) AS idx_blks_read, coalesce(io.idx_blks_hit, 0) AS idx_blks_hit,
               ic.relpages::int8 * current_setting('block_size')::int8 AS bytes,
               {(major >= 16 ? "s.last_idx_scan" : "NULL::timestamptz")} AS last_idx_scan
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_am am ON am.oid = ic.relam
        LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
        LEFT JOIN pg_statio_user_indexes io ON io.indexrelid = i.indexrelid
        WHERE t.relkind IN ('r', 'p', 'm') AND {string.Format(null, UserSchema, "n.nspname")} AND {string.Format(null, SchemaFilter, "n.nspname")}
        """;

    public static readonly string ForeignKeys = Marker + $"""
        SELECT con.conname::text AS name, n.nspname::text AS schema, con.conrelid::int8 AS table_oid, c.relname::text AS table_name,
               ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY u(k, o)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.k ORDER BY u.o) AS columns,
               con.confrelid::regclass::text || ' (' || array_to_string(ARRAY(
                   SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY u(k, o)
                   JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = u.k ORDER BY u.o), ', ') || ')' AS refs,
               con.confdeltype::text AS on_delete
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE con.contype = 'f' AND con.conparentid = 0
          AND {string.Format(null, UserSchema, "n.nspname")} AND {string.Format(null, SchemaFilter, "n.nspname")}
        """;

    public static readonly string Columns = Marker + $"""
        SELECT a.attrelid::int8 AS table_oid, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
               st.n_distinct::float8 AS n_distinct,
               CASE WHEN a.atttypid = 'bool'::regtype AND st.most_common_vals IS NOT NULL
                    THEN coalesce((SELECT sum(u.f) FROM unnest(st.most_common_vals::text::bool[], st.most_common_freqs) u(v, f) WHERE u.v), 0)::float8
               END AS true_fraction
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN LATERAL (SELECT s.n_distinct, s.most_common_vals, s.most_common_freqs FROM pg_stats s
                           WHERE s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
                           ORDER BY s.inherited DESC LIMIT 1) st ON true
        WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped
          AND {string.Format(null, UserSchema, "n.nspname")} AND {string.Format(null, SchemaFilter, "n.nspname")}
        """;

    public const string StatementsSchema = Marker +
        "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_stat_statements'";

    public const string StatementsColumns = Marker +
        "SELECT attname::text FROM pg_attribute WHERE attrelid = to_regclass(@view) AND attnum > 0 AND NOT attisdropped";

    /// <summary>pg_stat_statements of this database; column names by what the installed extension version has.</summary>
    public static string Statements(string viewName, IReadOnlyCollection<string> columns)
    {
        var exec = columns.Contains("total_exec_time") ? "total_exec_time" : "total_time";
        var max = columns.Contains("max_exec_time") ? "max_exec_time" : "max_time";
        var topLevel = columns.Contains("toplevel") ? "s.toplevel" : "true";
        return Marker + $"""
            SELECT s.userid::int8 AS userid, coalesce(r.rolname::text, s.userid::text) AS role, s.queryid, {topLevel} AS toplevel,
                   s.query, s.calls, s.{exec}::float8 AS total_ms, s.{max}::float8 AS max_ms, s.rows,
                   s.shared_blks_hit, s.shared_blks_read
            FROM {viewName} s
            LEFT JOIN pg_roles r ON r.oid = s.userid
            WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND s.query NOT LIKE '%loadharness audit%'
            """;
    }
}
