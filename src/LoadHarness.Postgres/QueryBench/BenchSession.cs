using System.Globalization;
using Npgsql;

namespace LoadHarness.Postgres.QueryBench;

/// <summary>
/// One connection running benchmark queries: draws each From query's rows once, binds run i to row i (mod the rows),
/// and runs each execution in a transaction that is rolled back (an UPDATE under test changes nothing), as the
/// query's role with its settings when asked.
/// </summary>
internal sealed class BenchSession(NpgsqlConnection connection, int maxParameterRows)
{
    private readonly Dictionary<string, List<Dictionary<string, object>>> draws = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> firstColumn = new(StringComparer.Ordinal);

    public NpgsqlConnection Connection => connection;

    /// <summary>Draws the rows of every parameter's From query; returns the fewest rows any parameter has.</summary>
    public async Task<int> DrawAsync(BenchQuery query, CancellationToken ct)
    {
        var fewest = int.MaxValue;
        foreach (var parameter in query.Parameters)
        {
            if (!draws.TryGetValue(parameter.From, out var rows))
            {
                rows = [];
                try
                {
                    // The harness's own helper query: marked so an audit leaves it out of the statements it judges.
                    await using var command = new NpgsqlCommand(Audit.AuditSql.Marker + parameter.From, connection);
                    await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    firstColumn[parameter.From] = reader.FieldCount > 0 ? reader.GetName(0) : "";
                    while (rows.Count < maxParameterRows && await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        var row = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
                        for (var i = 0; i < reader.FieldCount; i++)
                        {
                            row[reader.GetName(i)] = reader.GetValue(i);
                        }

                        rows.Add(row);
                    }
                }
                catch (PostgresException e)
                {
                    throw new BenchQueryException($"parameter {parameter.Name}: its From query failed ({e.SqlState}: {e.MessageText})");
                }

                draws[parameter.From] = rows;
            }

            if (rows.Count == 0)
            {
                throw new BenchQueryException($"parameter {parameter.Name}: its From query returned no rows ({parameter.From})");
            }

            fewest = Math.Min(fewest, rows.Count);
        }

        return fewest == int.MaxValue ? 0 : fewest;
    }

    /// <summary>Runs the query once (as EXPLAIN ANALYZE when <paramref name="explain"/>), bound to parameter row <paramref name="run"/>.</summary>
    public async Task<ExplainRun?> RunAsync(BenchQuery query, int run, bool explain, bool asRole, CancellationToken ct)
    {
        var values = query.Parameters.ToDictionary(p => p.Name, p => Value(p, run), StringComparer.Ordinal);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            if (asRole && query.Role is { } role)
            {
                await using var setRole = new NpgsqlCommand("SET LOCAL ROLE " + QuoteIdentifier(role), connection, transaction);
                await setRole.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (asRole)
            {
                foreach (var (name, value) in query.Settings)
                {
                    await using var set = new NpgsqlCommand("SELECT set_config($1, $2, true)", connection, transaction);
                    set.Parameters.Add(new NpgsqlParameter { Value = name });
                    set.Parameters.Add(new NpgsqlParameter { Value = SettingValue(value, values) });
                    await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }
            }

            await using var command = new NpgsqlCommand((explain ? "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " : "") + query.Sql, connection, transaction);
            foreach (var (name, value) in values)
            {
                command.Parameters.AddWithValue(name, value);
            }

            if (explain)
            {
                var json = (string)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                return ExplainRun.Parse(json);
            }

            await using (var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                }
            }

            return null;
        }
        finally
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private object Value(BenchParameter parameter, int run)
    {
        var rows = draws[parameter.From];
        var row = rows[run % rows.Count];
        return row.TryGetValue(parameter.Name, out var value) ? value : row[firstColumn[parameter.From]];
    }

    private static string SettingValue(string value, Dictionary<string, object> values) =>
        value.StartsWith('@') && values.TryGetValue(value[1..], out var bound)
            ? Convert.ToString(bound, CultureInfo.InvariantCulture) ?? ""
            : value;

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
