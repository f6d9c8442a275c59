using Npgsql;

namespace LoadHarness.Postgres.Health;

/// <summary>
/// The cumulative counters of one database at one moment: per table scans (pg_stat_user_tables), block hits and reads
/// of tables and indexes (pg_statio_user_*), temp files and deadlocks (pg_stat_database), and every statement of
/// pg_stat_statements. Two of them, at the start and the end of a run, give the run's own figures
/// (<see cref="DatabaseRunDelta"/>). A part that cannot be read (no rights, no extension) is null with a note.
/// </summary>
public sealed record DatabaseCounters
{
    public required IReadOnlyDictionary<string, TableCounters> Tables { get; init; }

    public long HeapBlocksHit { get; init; }

    public long HeapBlocksRead { get; init; }

    public long IndexBlocksHit { get; init; }

    public long IndexBlocksRead { get; init; }

    public long TempFiles { get; init; }

    public long TempBytes { get; init; }

    public long Deadlocks { get; init; }

    /// <summary>pg_stat_statements by (userid, queryid, toplevel), or null when the extension cannot be read.</summary>
    public IReadOnlyDictionary<string, StatementCounters>? Statements { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    private const string TablesSql =
        $"""
        SELECT CASE WHEN s.schemaname = 'public' THEN s.relname ELSE s.schemaname || '.' || s.relname END,
               s.seq_scan, s.seq_tup_read, coalesce(s.idx_scan, 0), coalesce(s.idx_tup_fetch, 0), {Audit.AuditSql.HeapPages}
        FROM pg_stat_user_tables s
        """;

    private const string TotalsSql =
        """
        SELECT
            (SELECT coalesce(sum(heap_blks_hit), 0) FROM pg_statio_user_tables)::bigint,
            (SELECT coalesce(sum(heap_blks_read), 0) FROM pg_statio_user_tables)::bigint,
            (SELECT coalesce(sum(idx_blks_hit), 0) FROM pg_statio_user_indexes)::bigint,
            (SELECT coalesce(sum(idx_blks_read), 0) FROM pg_statio_user_indexes)::bigint,
            coalesce(temp_files, 0), coalesce(temp_bytes, 0), coalesce(deadlocks, 0)
        FROM pg_stat_database WHERE datname = current_database()
        """;

    private const string StatementsSql =
        """
        SELECT userid::text || ':' || coalesce(queryid, 0)::text || ':' || toplevel::text, query, calls, total_exec_time, rows
        FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
        """;

    /// <summary>Reads the counters on an open connection (its own statements are excluded by the delta's filter).</summary>
    public static async Task<DatabaseCounters> CaptureAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var notes = new List<string>();
        var tables = new Dictionary<string, TableCounters>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(TablesSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tables[reader.GetString(0)] = new TableCounters(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
            }
        }

        long[] totals = new long[7];
        await using (var command = new NpgsqlCommand(TotalsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < totals.Length; i++)
                {
                    totals[i] = reader.GetInt64(i);
                }
            }
        }

        Dictionary<string, StatementCounters>? statements = null;
        try
        {
            statements = await StatementsAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e)
        {
            notes.Add($"pg_stat_statements: not available ({e.SqlState}: {e.MessageText}); statement figures have no data");
        }

        return new DatabaseCounters
        {
            Tables = tables,
            HeapBlocksHit = totals[0],
            HeapBlocksRead = totals[1],
            IndexBlocksHit = totals[2],
            IndexBlocksRead = totals[3],
            TempFiles = totals[4],
            TempBytes = totals[5],
            Deadlocks = totals[6],
            Statements = statements,
            Notes = notes,
        };
    }

    private static async Task<Dictionary<string, StatementCounters>> StatementsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var statements = new Dictionary<string, StatementCounters>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(StatementsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            statements[reader.GetString(0)] = new StatementCounters(
                reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4));
        }

        return statements;
    }
}

/// <summary>One table's cumulative scan counters (pg_stat_user_tables) and its heap's pages then (a size: a delta keeps the end's).</summary>
public sealed record TableCounters(long SeqScans, long SeqRowsRead, long IndexScans, long IndexRowsFetched, long HeapPages);

/// <summary>One pg_stat_statements entry's cumulative counters.</summary>
public sealed record StatementCounters(string Query, long Calls, double TotalExecMs, long Rows);
