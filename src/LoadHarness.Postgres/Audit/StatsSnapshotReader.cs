using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Takes a <see cref="StatsSnapshot"/> on an open connection: first pg_stat_force_next_flush() (PostgreSQL 15+: the
/// audit's own session's pending counters; other sessions flush theirs when they go idle, at most about once a second)
/// and pg_stat_clear_snapshot(), then every catalog query in one read-only transaction (15+: stats_fetch_consistency =
/// snapshot, so tables and indexes are read at the same moment), each part behind a savepoint: a part the role may not
/// read becomes a note, never an exception. Never resets anything.
/// </summary>
internal static class StatsSnapshotReader
{
    public static async Task<StatsSnapshot> TakeAsync(NpgsqlConnection connection, AuditOptions options, CancellationToken ct)
    {
        var notes = new List<string>();
        var major = await ScalarAsync<int>(connection, AuditSql.Marker + "SELECT current_setting('server_version_num')::int", ct).ConfigureAwait(false) / 10_000;
        if (major >= 15)
        {
            await ExecuteAsync(connection, AuditSql.Marker + "SELECT pg_stat_force_next_flush()", ct).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, AuditSql.Marker + "SELECT pg_stat_clear_snapshot()", ct).ConfigureAwait(false);
        await ExecuteAsync(connection, AuditSql.Marker + "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", ct).ConfigureAwait(false);
        try
        {
            if (major >= 15)
            {
                await ExecuteAsync(connection, AuditSql.Marker + "SET LOCAL stats_fetch_consistency = snapshot", ct).ConfigureAwait(false);
            }

            var (server, connections, committed, takenAt) = await ReadServerAsync(connection, ct).ConfigureAwait(false);
            var schemas = options.Schemas is { Count: > 0 } list ? list.ToArray() : null;
            var tables = await PartAsync(connection, "tables (pg_stat_user_tables)", notes,
                () => ReadAllAsync(connection, AuditSql.Tables(major), schemas, ReadTable, ct), ct).ConfigureAwait(false);
            var columns = await PartAsync(connection, "column statistics (pg_stats)", notes,
                () => ReadAllAsync(connection, AuditSql.Columns, schemas, ReadColumn, ct), ct).ConfigureAwait(false);
            var indexes = await PartAsync(connection, "indexes (pg_stat_user_indexes)", notes,
                () => ReadAllAsync(connection, AuditSql.Indexes(major), schemas, r => ReadIndex(r, columns ?? []), ct), ct).ConfigureAwait(false);
            var foreignKeys = await PartAsync(connection, "foreign keys (pg_constraint)", notes,
                () => ReadAllAsync(connection, AuditSql.ForeignKeys, schemas, ReadForeignKey, ct), ct).ConfigureAwait(false);
            var (statements, availability) = await StatementsReader.ReadAsync(connection, notes, ct).ConfigureAwait(false);
            return new StatsSnapshot
            {
                TakenAt = takenAt,
                Server = server,
                Connections = connections,
                TransactionsCommitted = committed,
                Tables = tables ?? [],
                Columns = columns ?? [],
                Indexes = indexes ?? [],
                ForeignKeys = foreignKeys ?? [],
                Statements = statements,
                StatementsAvailability = availability,
                Notes = notes,
            };
        }
        finally
        {
            await ExecuteAsync(connection, AuditSql.Marker + "COMMIT", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Runs one part behind a savepoint; a refused or failing part becomes a note and null.</summary>
    internal static async Task<T?> PartAsync<T>(NpgsqlConnection connection, string what, List<string> notes, Func<Task<T>> read, CancellationToken ct)
        where T : class
    {
        await ExecuteAsync(connection, AuditSql.Marker + "SAVEPOINT audit_part", ct).ConfigureAwait(false);
        try
        {
            var result = await read().ConfigureAwait(false);
            await ExecuteAsync(connection, AuditSql.Marker + "RELEASE SAVEPOINT audit_part", ct).ConfigureAwait(false);
            return result;
        }
        catch (PostgresException e)
        {
            await ExecuteAsync(connection, AuditSql.Marker + "ROLLBACK TO SAVEPOINT audit_part", ct).ConfigureAwait(false);
            notes.Add(e.SqlState == PostgresErrorCodes.InsufficientPrivilege
                ? $"{what}: skipped, {connection.UserName} may not read it ({e.MessageText}); grant it the right (pg_monitor covers the statistics views)"
                : $"{what}: skipped ({e.SqlState}: {e.MessageText})");
            return null;
        }
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private static async Task<(ServerFacts, ConnectionAudit, long, DateTimeOffset)> ReadServerAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(AuditSql.Server, connection);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException("pg_stat_database has no row for the current database");
        }

        var server = new ServerFacts(
            (int)r.Long("version_num"), r.Text("version"), r.Text("database"), r.Text("role"), r.Bool("superuser"),
            r.Bool("read_all_stats") || r.Bool("superuser"), r.Time("stats_reset"), r.Bool("track_counts"), (int)r.Long("parallel_workers"));
        var connections = new ConnectionAudit(r.Long("total"), r.Long("active"), r.Long("idle_in_transaction"), r.Long("hidden"),
            (int)r.Long("max_connections"), (int)r.Long("reserved"));
        return (server, connections, r.Long("xact_commit"), r.Time("taken_at")!.Value);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        NpgsqlConnection connection, string sql, string[]? schemas, Func<NpgsqlDataReader, T> map, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("@schemas", StringComparison.Ordinal))
        {
            command.Parameters.Add(new NpgsqlParameter("schemas", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)schemas ?? DBNull.Value });
        }

        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static TableCounters ReadTable(NpgsqlDataReader r) => new()
    {
        Oid = r.Long("oid"),
        Schema = r.Text("schema"),
        Name = r.Text("name"),
        Kind = r.Text("kind"),
        RootOid = r.Long("root_oid"),
        RootSchema = r.Text("root_schema"),
        RootName = r.Text("root_name"),
        SeqScans = r.Long("seq_scan"),
        SeqRowsRead = r.Long("seq_tup_read"),
        IndexScans = r.NullableLong("idx_scan"),
        IndexRowsFetched = r.Long("idx_tup_fetch"),
        Inserts = r.Long("n_tup_ins"),
        Updates = r.Long("n_tup_upd"),
        HotUpdates = r.Long("n_tup_hot_upd"),
        Deletes = r.Long("n_tup_del"),
        LiveRows = r.Long("n_live_tup"),
        HeapPages = r.Long("heap_pages"),
        DeadRows = r.Long("n_dead_tup"),
        HeapBlocksRead = r.Long("heap_blks_read"),
        HeapBlocksHit = r.Long("heap_blks_hit"),
        IndexBlocksRead = r.Long("idx_blks_read"),
        IndexBlocksHit = r.Long("idx_blks_hit"),
        TotalBytes = r.Long("total_bytes"),
        LastSeqScan = r.Time("last_seq_scan"),
        LastVacuum = r.Time("last_vacuum"),
        LastAutovacuum = r.Time("last_autovacuum"),
        LastAnalyze = r.Time("last_analyze"),
        FillFactor = (int?)r.NullableLong("fillfactor"),
    };

    private static ColumnInfo ReadColumn(NpgsqlDataReader r) =>
        new(r.Long("table_oid"), r.Text("name"), r.Text("type"), r.NullableDouble("n_distinct"), r.NullableDouble("true_fraction"));

    private static IndexDefinition ReadIndex(NpgsqlDataReader r, IReadOnlyList<ColumnInfo> columns)
    {
        var tableOid = r.Long("table_oid");
        var predicate = r.NullableText("predicate");
        var expressions = r.NullableText("expressions");
        var tableColumns = columns.Where(c => c.TableOid == tableOid).Select(c => c.Name).ToArray();
        var referenced = r.Texts("plain_columns")
            .Concat(SqlIdentifiers.ColumnsIn(expressions, tableColumns))
            .Concat(SqlIdentifiers.ColumnsIn(predicate, tableColumns))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new IndexDefinition
        {
            Oid = r.Long("oid"),
            Schema = r.Text("schema"),
            Name = r.Text("name"),
            TableOid = tableOid,
            TableName = r.Text("table_name"),
            RootOid = r.Long("root_oid"),
            Kind = r.Text("kind"),
            AccessMethod = r.Text("am"),
            Definition = r.Text("definition"),
            KeyColumns = r.Texts("key_columns"),
            IncludeColumns = r.Texts("include_columns"),
            KeySignatures = r.Texts("key_signatures"),
            ReferencedColumns = referenced,
            Predicate = predicate,
            IsUnique = r.Bool("indisunique"),
            IsPrimary = r.Bool("indisprimary"),
            IsValid = r.Bool("indisvalid"),
            Constraint = r.NullableText("constraint_name"),
            Scans = r.NullableLong("idx_scan"),
            TuplesRead = r.Long("idx_tup_read"),
            BlocksRead = r.Long("idx_blks_read"),
            BlocksHit = r.Long("idx_blks_hit"),
            Bytes = r.Long("bytes"),
            LastScan = r.Time("last_idx_scan"),
        };
    }

    private static ForeignKeyDefinition ReadForeignKey(NpgsqlDataReader r) =>
        new(r.Text("name"), r.Text("schema"), r.Long("table_oid"), r.Text("table_name"), r.Texts("columns"), r.Text("refs"), r.Text("on_delete"));

}
