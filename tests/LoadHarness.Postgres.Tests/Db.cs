using Npgsql;

namespace LoadHarness.Postgres.Tests;

/// <summary>Small helpers to set up schemas and run a workload.</summary>
internal static class Db
{
    public static async Task ExecuteAsync(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> once per argument on one connection, then pg_stat_force_next_flush() so the session's
    /// counters are in the statistics views when this returns (PostgreSQL 15+; older servers get a second to flush).
    /// </summary>
    public static async Task WorkloadAsync<T>(string connectionString, string sql, IEnumerable<T> arguments)
    {
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        foreach (var argument in arguments)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = argument! });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        }

        await FlushAsync(connection);
    }

    public static async Task FlushAsync(NpgsqlConnection connection)
    {
        if (connection.PostgreSqlVersion.Major >= 15)
        {
            await using var flush = new NpgsqlCommand("SELECT pg_stat_force_next_flush()", connection);
            await flush.ExecuteNonQueryAsync();
        }
        else
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
