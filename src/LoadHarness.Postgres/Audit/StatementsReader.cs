using Npgsql;

namespace LoadHarness.Postgres.Audit;

/// <summary>
/// Reads pg_stat_statements of the audited database, if it can: the extension must exist in this database and its
/// library be preloaded. Column names follow the installed extension version (total_exec_time from 1.8,
/// toplevel from 1.9). Texts of other roles' statements are hidden without pg_read_all_stats.
/// </summary>
internal static class StatementsReader
{
    public const string HowToEnable =
        "to enable it: shared_preload_libraries = 'pg_stat_statements' in postgresql.conf (a restart), then "
        + "CREATE EXTENSION pg_stat_statements; in this database; the rest of the audit runs without it";

    public static async Task<(IReadOnlyList<StatementCounters>, StatementsAvailability)> ReadAsync(
        NpgsqlConnection connection, List<string> notes, CancellationToken ct)
    {
        string? schema;
        await using (var find = new NpgsqlCommand(AuditSql.StatementsSchema, connection))
        {
            schema = await find.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }

        if (schema is null)
        {
            notes.Add($"pg_stat_statements is not installed in database {connection.Database}: slow statements (script 2) and index suggestions from query texts are skipped; {HowToEnable}");
            return ([], StatementsAvailability.NotInstalled);
        }

        var view = AuditNames.Quote(schema) + ".pg_stat_statements";
        var availability = StatementsAvailability.Available;
        var rows = await StatsSnapshotReader.PartAsync(connection, "pg_stat_statements", notes, async () =>
        {
            var columns = new List<string>();
            await using (var command = new NpgsqlCommand(AuditSql.StatementsColumns, connection))
            {
                command.Parameters.AddWithValue("view", view);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    columns.Add(reader.GetString(0));
                }
            }

            await using var read = new NpgsqlCommand(AuditSql.Statements(view, columns), connection);
            await using var r = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<StatementCounters>();
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new StatementCounters
                {
                    UserId = r.Long("userid"),
                    Role = r.Text("role"),
                    QueryId = r.NullableLong("queryid"),
                    TopLevel = r.Bool("toplevel"),
                    Query = r.NullableText("query") ?? "<insufficient privilege>",
                    Calls = r.Long("calls"),
                    TotalMs = r.NullableDouble("total_ms") ?? 0,
                    MaxMs = r.NullableDouble("max_ms") ?? 0,
                    Rows = r.Long("rows"),
                    SharedBlocksHit = r.Long("shared_blks_hit"),
                    SharedBlocksRead = r.Long("shared_blks_read"),
                });
            }

            return (IReadOnlyList<StatementCounters>)list;
        }, ct).ConfigureAwait(false);

        if (rows is null)
        {
            // PartAsync added the note with the server's words; say what it means.
            var last = notes[^1];
            availability = last.Contains("55000", StringComparison.Ordinal) || last.Contains("shared_preload_libraries", StringComparison.Ordinal)
                ? StatementsAvailability.NotLoaded
                : StatementsAvailability.NoPermission;
            notes[^1] = availability == StatementsAvailability.NotLoaded
                ? $"pg_stat_statements is installed but its library is not loaded: slow statements (script 2) and index suggestions from query texts are skipped; {HowToEnable}"
                : last;
            return ([], availability);
        }

        var hidden = rows.Count(s => s.IsHidden);
        if (hidden > 0)
        {
            notes.Add($"pg_stat_statements: the texts of {hidden} statements of other roles are hidden from {connection.UserName}: "
                + $"GRANT pg_monitor TO {connection.UserName} (or pg_read_all_stats) to see them; their times still count in the top statements, but whether a slow one is the workload or DDL cannot be told, so it leaves the slow-statement target unknown");
        }

        return (rows, availability);
    }
}
