using Npgsql;

namespace LoadHarness.Postgres.Scenarios;

/// <summary>The rows of one parameter query (<see cref="SqlParameterSettings.From"/>): its column names and values, at most <see cref="MaxRows"/>.</summary>
internal sealed class SqlParameterRows
{
    public const int MaxRows = 100_000;

    private SqlParameterRows(string[] columns, object?[][] rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public string[] Columns { get; }

    public object?[][] Rows { get; }

    /// <summary>The column a parameter takes: the one named like it, else the first.</summary>
    public int ColumnOf(string parameter)
    {
        var index = Array.FindIndex(Columns, c => string.Equals(c, parameter, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? 0 : index;
    }

    public static async Task<SqlParameterRows> LoadAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (rows.Count < MaxRows && await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return new SqlParameterRows(columns, [.. rows]);
    }
}
